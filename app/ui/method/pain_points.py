"""Pain points in the window: Method → Add Pain Point… (P) on the selected card, the
entries of the card and step context menus, the Pain Points dock (Ctrl+Shift+P) and the
properties dock's section, all opening the one pain point dialog and pushing commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.editing.commands.base import EditCommand
from app.editing.commands.method import AddPainPointCommand, DeletePainPointsCommand
from app.editing.document import EditingDocument
from app.model.errors import StagecraftError
from app.model.method import PainPoint
from app.model.structure import Card, Step
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.dialogs.error import ErrorDialog
from app.ui.method import method_menu
from app.ui.method.jump import jump_to
from app.ui.method.pain_point_dialog import (
    CaptureDefaults,
    PainPointDialog,
    open_new_pain_point,
    open_pain_point,
)
from app.ui.method.pain_points_dock import PainPointsDock

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

OWNERS: dict[str, type[Card] | type[Step]] = {"card": Card, "step": Step}
DOCK_HEIGHT = 250  # about eight rows under the filters, leaving the right-hand docks room


class PainPoints(QObject):
    """Wires the pain point actions, the dock and the dialog to one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("painPoints")
        self.window = window
        self.defaults = CaptureDefaults()  # shared by every way of adding one
        self.dialog: PainPointDialog | None = None  # the one open now, if any
        self._placed = False  # the dock has been given its first height

        self.add_action = QAction("Add &Pain Point…", window)
        self.add_action.setObjectName("addPainPointAction")
        self.add_action.setShortcut(QKeySequence("P"))
        self.add_action.setStatusTip("Add a pain point to the selected card")
        self.add_action.setEnabled(False)
        window.addAction(self.add_action)

        self.dock = PainPointsDock(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.show_dock = self.dock.toggleViewAction()
        self.show_dock.setObjectName("showPainPointsAction")
        self.show_dock.setText("&Pain Points")
        self.show_dock.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.show_dock.setStatusTip("List every pain point of the blueprint shown")
        window.addAction(self.show_dock)

        menu = method_menu(window)
        menu.addAction(self.add_action)
        menu.addAction(self.show_dock)
        window.menuBar().findChild(QMenu, "viewMenu").addAction(self.show_dock)
        window.properties.pain_points.defaults = self.defaults
        self._wire()

    def _wire(self) -> None:
        workspace, dock = self.window.workspace, self.dock
        self.add_action.triggered.connect(self.add_to_selected_card)
        self.show_dock.triggered.connect(self._dock_toggled)
        workspace.editor_made.connect(self._follow_editor)
        for editor in workspace.editors.values():
            self._follow_editor(editor)
        workspace.stack.currentChanged.connect(lambda _index: self._show_current())
        workspace.stack_changed.connect(self._show_current)
        workspace.changed.connect(dock.panel.follow)
        workspace.changed.connect(lambda _changes: self._enable())
        dock.panel.jump_requested.connect(self.jump)
        dock.panel.edit_requested.connect(self.edit)
        dock.panel.delete_requested.connect(self.delete)
        # The properties dock pushes what its section asks for; the new one is then shown.
        self.window.properties.pain_points.command_requested.connect(self._show_added)

    def _follow_editor(self, editor: BlueprintEditor) -> None:
        editor.view.selection_changed.connect(lambda _ids: self._enable())
        editor.pain_point_requested.connect(self.add_to)

    def _document(self) -> EditingDocument | None:
        """The open project's document; None while a project is being closed (its canvases
        go one by one after its file is)."""
        document = self.window.workspace.document
        if document is None or document.project_file is not self.window.project_file:
            return None
        return document

    def _show_current(self) -> None:
        editor = self.window.workspace.current
        document = self._document()
        blueprint_id = editor.blueprint_id if editor is not None else None
        self.dock.panel.show_blueprint(document, blueprint_id)
        self._enable()

    def _enable(self) -> None:
        self.add_action.setEnabled(self._selected_card() is not None and self._writable())

    def _writable(self) -> bool:
        document = self._document()
        return document is not None and not document.read_only

    def _selected_card(self) -> Card | None:
        editor, document = self.window.workspace.current, self._document()
        if editor is None or document is None:
            return None
        ids = editor.view.selected_card_ids()
        return document.session.get(Card, ids[0]) if ids else None

    def _dock_toggled(self, shown: bool) -> None:
        if shown:
            if not self._placed:
                self._placed = True
                self.window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
            self.dock.raise_()
            self.dock.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- what the user asks for ----------------------------------------------------------------

    def push(self, command: EditCommand) -> bool:
        document = self._document()
        if document is None:
            return False
        try:
            document.push(command)
        except StagecraftError as error:
            ErrorDialog(self.window, str(error)).ask()
            return False
        self._show_added(command)
        return True

    def _show_added(self, command: EditCommand) -> None:
        """Select a pain point just added in the dock, so the list shows where it went."""
        if isinstance(command, AddPainPointCommand) and command.made:
            self.dock.select_pain_points([command.pain_point_id])

    def add_to_selected_card(self) -> None:
        card = self._selected_card()
        if card is not None and self._writable():
            self.dialog = open_new_pain_point(self.window, card, self.push, self.defaults)

    def add_to(self, kind: str, item_id: str) -> None:
        """Ask for a new pain point on a card or a step ("card" or "step", its id)."""
        document = self._document()
        if document is None or kind not in OWNERS or not self._writable():
            return
        owner = document.session.get(OWNERS[kind], item_id)
        if owner is not None:
            self.dialog = open_new_pain_point(self.window, owner, self.push, self.defaults)

    def edit(self, pain_point_id: str) -> None:
        pain = self._pain_point(pain_point_id)
        if pain is not None and self._writable():
            self.dialog = open_pain_point(self.window, pain, self.push)

    def delete(self, pain_point_ids: list[str]) -> None:
        if pain_point_ids:
            self.push(DeletePainPointsCommand(pain_point_ids))

    def jump(self, pain_point_id: str) -> None:
        pain = self._pain_point(pain_point_id)
        if pain is not None:
            jump_to(self.window, pain)

    def _pain_point(self, pain_point_id: str) -> PainPoint | None:
        document = self._document()
        return document.session.get(PainPoint, pain_point_id) if document is not None else None


def install(window: MainWindow) -> PainPoints:
    """Add the pain point actions, the Pain Points dock and their wiring to the window."""
    return PainPoints(window)
