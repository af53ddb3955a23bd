"""Opportunities in the window: the Opportunities dock and the prioritisation matrix, the
Method menu's opportunity actions, the opportunity form, and Help → How Opportunities
Are Ranked. Every change is one undoable command."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QMenu, QWidget
from shiboken6 import isValid

from app.canvas.view import BlueprintView
from app.editing.commands.method import (
    AddOpportunityCommand,
    DeleteOpportunitiesCommand,
    LinkPainPointsCommand,
)
from app.model.changes import ChangeSet
from app.model.method import Opportunity
from app.model.structure import Card
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.priority_help import PriorityHelpDialog
from app.ui.method import method_menu
from app.ui.method.opportunities_dock import OpportunitiesPanel
from app.ui.method.opportunity_dialog import OpportunityDialog
from app.ui.method.priority_matrix import PriorityMatrixPanel

if TYPE_CHECKING:
    from app.editing.commands.base import EditCommand
    from app.ui.main_window import MainWindow

PAIN_POINTS_DOCK = "painPointsDock"
NOTHING_SELECTED = (
    "Select pain points first: in the Pain points list, or cards with pain points on the map."
)
READ_ONLY = (
    "{name} is open read-only, so no opportunity can be added; use Save As to keep a copy "
    "you can edit"
)
TITLE_CHARS = 60


class OpportunityActions(QObject):
    """Wires the opportunities part into ``window``: docks, actions, menus, and the
    commands they push."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("opportunityActions")
        self.window = window
        self._pain_source = "list"  # where pain points were last selected: list or canvas

        def action(name: str, text: str, short: str = "", keys: str = "") -> QAction:
            made = QAction(text, window)
            made.setObjectName(name)
            if short:
                made.setIconText(short)
            if keys:
                made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(made)
            return made

        self.show_dock = action("showOpportunitiesAction", "&Opportunities", keys="Ctrl+Shift+O")
        self.new = action("newOpportunityAction", "&New Opportunity…", "New…", "Ctrl+Alt+O")
        self.new_from_pain_points = action(
            "newOpportunityFromPainPointsAction",
            "New Opportunity from &Pain Points…",
            "From Pain Points…",
        )
        self.edit = action("editOpportunityAction", "&Edit Opportunity…", "Edit…")
        self.delete = action("deleteOpportunitiesAction", "&Delete Opportunity", "Delete")
        self.help = action("priorityHelpAction", "How Opportunities Are &Ranked")
        self.new.setStatusTip("Add a change candidate")
        self.new_from_pain_points.setStatusTip(
            "Add a change candidate that answers the selected pain points"
        )

        self.panel = OpportunitiesPanel(
            [self.new, self.new_from_pain_points, self.edit, self.delete]
        )
        self.dock = window._dock("opportunitiesDock", "Opportunities", self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.matrix_panel = PriorityMatrixPanel()
        self.matrix_dock = window._dock(
            "priorityMatrixDock", "Prioritisation Matrix", self.matrix_panel
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.matrix_dock)
        window.splitDockWidget(self.dock, self.matrix_dock, Qt.Orientation.Horizontal)
        window.resizeDocks([self.dock, self.matrix_dock], [720, 680], Qt.Orientation.Horizontal)
        window.resizeDocks([self.dock], [330], Qt.Orientation.Vertical)
        self.dock.toggleViewAction().setObjectName("toggleOpportunitiesDockAction")
        self.matrix_dock.toggleViewAction().setObjectName("togglePriorityMatrixDockAction")
        self.dock.hide()
        self.matrix_dock.hide()
        self._menus()
        self._wire()
        self.attach_pain_points_dock()
        self.show_project()

    def _menus(self) -> None:
        window = self.window
        menu = method_menu(window)
        menu.addSeparator()
        for item in (self.show_dock, self.new, self.new_from_pain_points):
            menu.addAction(item)
        view = window.menuBar().findChild(QMenu, "viewMenu")
        view.addAction(self.dock.toggleViewAction())
        view.addAction(self.matrix_dock.toggleViewAction())
        window.menuBar().findChild(QMenu, "helpMenu").addAction(self.help)

    def _wire(self) -> None:
        window, panel, matrix = self.window, self.panel, self.matrix_panel
        self.show_dock.triggered.connect(self.show_docks)
        self.new.triggered.connect(lambda: self.new_opportunity())
        self.new_from_pain_points.triggered.connect(lambda: self.new_from_selected())
        self.edit.triggered.connect(self._edit_current)
        self.delete.triggered.connect(self.delete_selected)
        self.help.triggered.connect(lambda: PriorityHelpDialog(window).exec())
        window.workspace.changed.connect(self._changed)
        window.workspace.stack_changed.connect(self.show_project)
        panel.priorities_changed.connect(matrix.show_priorities)
        panel.selection_changed.connect(self._selection_changed)
        panel.edit_requested.connect(self.edit_opportunity)
        panel.delete_requested.connect(self.delete_selected)
        matrix.matrix.clicked.connect(self._picked)
        matrix.matrix.activated.connect(self.edit_opportunity)
        matrix.prepare.itemSelectionChanged.connect(self._prepare_picked)
        matrix.prepare.itemActivated.connect(
            lambda item: self.edit_opportunity(item.data(Qt.ItemDataRole.UserRole))
        )
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._selection_changed([])

    # -- following the project ---------------------------------------------------------------

    def show_project(self) -> None:
        document = self.window.workspace.document
        self.panel.show_project(document.project if document is not None else None)
        has_project = document is not None
        for item in (self.new, self.new_from_pain_points):
            item.setEnabled(has_project)

    def _changed(self, changes: ChangeSet) -> None:
        # Pain points feed the need of what answers them; deleting a blueprint, step or
        # card takes its pain points (and their links) with it.
        if changes.method_changed or changes.blueprints_changed or changes.structure_changed:
            self.show_project()

    def show_docks(self) -> None:
        """Method → Opportunities: show the list and the matrix and go to the list."""
        for dock in (self.matrix_dock, self.dock):  # the list last: it takes the keys
            dock.show()
            dock.raise_()
        self.panel.table.setFocus()

    # -- selection -------------------------------------------------------------------------

    def _selection_changed(self, ids: list[str]) -> None:
        self.matrix_panel.set_selected(ids)
        self.edit.setEnabled(len(ids) == 1)
        self.delete.setEnabled(bool(ids))
        self.delete.setText("&Delete Opportunity" if len(ids) <= 1 else "&Delete Opportunities")

    def _picked(self, opportunity_id: str) -> None:
        """A point of the matrix was clicked: that opportunity is selected in the list."""
        if opportunity_id not in self.panel.selected_ids() or len(self.panel.selected_ids()) > 1:
            self.panel.select_ids([opportunity_id])  # shown even if filtered out

    def _prepare_picked(self) -> None:
        ids = [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self.matrix_panel.prepare.selectedItems()
        ]
        if ids:
            self._picked(ids[0])

    # -- pain points chosen elsewhere -----------------------------------------------------------

    def _pain_points_widget(self) -> QWidget | None:
        dock = self.window.findChild(QDockWidget, PAIN_POINTS_DOCK)
        widget = dock.widget() if dock is not None else None
        return widget if hasattr(widget, "selected_pain_point_ids") else None

    def attach_pain_points_dock(self) -> bool:
        """Offer "New Opportunity from These…" and "Link to Opportunity" in the Pain points
        list's context menu (when that list is there)."""
        widget = self._pain_points_widget()
        providers = getattr(widget, "menu_providers", None)
        if providers is None:
            return False
        if self._pain_points_menu not in providers:
            providers.append(self._pain_points_menu)
        return True

    def _pain_points_menu(self, menu: QMenu, pain_point_ids: list[str]) -> None:
        document = self.window.workspace.document
        if document is None or not pain_point_ids:
            return
        made = menu.addAction("New Opportunity from These…")
        made.setObjectName("newOpportunityFromTheseAction")
        made.triggered.connect(lambda: self.new_opportunity(pain_point_ids))
        link = menu.addMenu("Link to Opportunity")
        link.setObjectName("linkToOpportunityMenu")
        opportunities = sorted(document.project.opportunities, key=lambda o: o.title.casefold())
        link.setEnabled(bool(opportunities))
        for opportunity in opportunities:
            entry = link.addAction(_elided(opportunity.title))
            entry.triggered.connect(
                lambda _checked=False, o=opportunity.id: self.link(o, pain_point_ids)
            )

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.window):
            # The window is being deleted (as at shut-down): its widgets lose the focus
            # one by one, and there is nothing left to follow.
            with suppress(RuntimeError, TypeError):
                QApplication.instance().focusChanged.disconnect(self._focus_changed)
            return
        widget = new
        pain_list = self._pain_points_widget()
        while widget is not None:
            if isinstance(widget, BlueprintView):
                self._pain_source = "canvas"
                return
            if pain_list is not None and widget is pain_list:
                self._pain_source = "list"
                return
            widget = widget.parentWidget()

    def selected_pain_point_ids(self) -> list[str]:
        """The pain points chosen last: in the Pain points list, or those of the cards
        selected on the map, whichever had the focus last (the other when it has none)."""
        from_list: list[str] = []
        widget = self._pain_points_widget()
        if widget is not None and widget.isVisible():
            from_list = list(widget.selected_pain_point_ids())
        from_canvas = self._canvas_pain_point_ids()
        first, second = (
            (from_canvas, from_list) if self._pain_source == "canvas" else (from_list, from_canvas)
        )
        return first or second

    def _canvas_pain_point_ids(self) -> list[str]:
        editor = self.window.workspace.current
        document = self.window.workspace.document
        if editor is None or document is None:
            return []
        ids: list[str] = []
        for card_id in editor.view.selected_card_ids():
            card = document.session.get(Card, card_id)
            if card is not None:
                ids += [p.id for p in card.pain_points]
        return ids

    # -- the edits -------------------------------------------------------------------------------

    def _push(self, command: EditCommand) -> bool:
        return self.window._push(command)

    def new_opportunity(self, pain_point_ids: Sequence[str] = ()) -> str | None:
        """The opportunity form for a new candidate linked to ``pain_point_ids``; its id
        when one was added."""
        document = self.window.workspace.document
        if document is None:
            return None
        if document.read_only:
            ErrorDialog(
                self.window, READ_ONLY.format(name=document.project_file.display_name)
            ).ask()
            return None
        dialog = OpportunityDialog(self.window, document.project, None, pain_point_ids)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        command = dialog.command()
        if not isinstance(command, AddOpportunityCommand) or not self._push(command):
            return None
        self.show_docks()
        self.panel.select_ids([command.opportunity_id])
        return command.opportunity_id

    def new_from_selected(self) -> str | None:
        ids = self.selected_pain_point_ids()
        if not ids:
            ErrorDialog(self.window, NOTHING_SELECTED).ask()
            return None
        return self.new_opportunity(ids)

    def edit_opportunity(self, opportunity_id: str) -> bool:
        document = self.window.workspace.document
        opportunity = document.session.get(Opportunity, opportunity_id) if document else None
        if opportunity is None:
            return False
        dialog = OpportunityDialog(
            self.window, document.project, opportunity, read_only=document.read_only
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        command = dialog.command()
        return command is not None and self._push(command)

    def _edit_current(self) -> None:
        ids = self.panel.selected_ids()
        if len(ids) == 1:
            self.edit_opportunity(ids[0])

    def delete_selected(self) -> bool:
        ids = self.panel.selected_ids()
        return bool(ids) and self._push(DeleteOpportunitiesCommand(ids))

    def link(self, opportunity_id: str, pain_point_ids: Sequence[str]) -> bool:
        return self._push(LinkPainPointsCommand(opportunity_id, pain_point_ids, True))


def _elided(title: str) -> str:
    title = " ".join(title.split())
    text = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
    return text.replace("&", "&&")


def install(window: MainWindow) -> None:
    """Add the Opportunities dock, the prioritisation matrix and their actions."""
    OpportunityActions(window)
