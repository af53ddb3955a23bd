"""The systems catalogue in the window: Analyse → Systems Catalogue (Ctrl+Shift+Y) shows the
dock; adding, editing (in the system dialog), renaming (F2) and deleting systems and their
data items are undoable commands; "Show Cards Using It" selects on the canvas the cards
that name the system."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.editing.commands.catalogue import (
    AddSystemCommand,
    DeleteDataItemCommand,
    EditSystemCommand,
    RenameDataItemCommand,
    delete_system_command,
    edit_system_command,
    lose_link,
)
from app.model.catalogue import System
from app.model.changes import ChangeSet
from app.ui.analysis import analysis_menu
from app.ui.analysis.catalogue_dock import CataloguePanel
from app.ui.analysis.catalogue_model import cards_using, catalogue_rows, counted_cards
from app.ui.analysis.system_dialog import SystemDialog, SystemValues
from app.ui.dialogs.error import ErrorDialog

if TYPE_CHECKING:
    from app.editing.commands.base import EditCommand
    from app.ui.main_window import MainWindow

DOCK_KEYS = "Ctrl+Shift+Y"  # sYstems: Ctrl+Shift+S is Save As
READ_ONLY = (
    "{name} is open read-only, so the catalogue cannot be changed; use Save As to keep a "
    "copy you can edit"
)
STATUS_MS = 6000


def install(window: MainWindow) -> None:
    """Add the Systems Catalogue dock and its actions to the window."""
    Catalogue(window)


def catalogue_of(window: MainWindow) -> Catalogue:
    return window.findChild(Catalogue, "catalogue")


class Catalogue(QObject):
    """Keeps the dock in step with the project and turns its requests into commands."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("catalogue")
        self.window = window
        self._dirty = True

        def action(name: str, text: str, tip: str) -> QAction:
            made = QAction(text, window)
            made.setObjectName(name)
            made.setStatusTip(tip)
            made.setToolTip(tip)
            return made

        self.add = action(
            "addSystemAction", "&Add System…", "Add a system to the catalogue (Insert)"
        )
        self.add.setIconText("+ Add…")
        self.edit = action("editSystemAction", "&Edit System…", "Edit the system (Enter)")
        self.delete = action(
            "deleteSystemAction", "&Delete System", "Delete the system or data item (Delete)"
        )
        self.show_cards = action(
            "showCardsUsingSystemAction",
            "&Show Cards Using It",
            "Select on the map the cards that use the system",
        )
        self.edit.setIconText("Edit…")
        self.delete.setIconText("Delete")  # the button's; the menu names what it deletes
        self.show_cards.setIconText("Show Cards")
        self.panel = CataloguePanel([self.add, self.edit, self.delete, self.show_cards])
        self.dock = window.dock_beside_properties(
            "catalogueDock",
            "Systems Catalogue",
            self.panel,
            "toggleCatalogueDockAction",
            "&Systems Catalogue",
        )
        toggle = self.dock.toggleViewAction()
        toggle.triggered.connect(lambda shown: self.show_dock() if shown else None)
        # The menu's entry always brings the dock to the front (a tab behind the
        # properties is not hidden: toggling it would close it).
        self.show_action = action(
            "showCatalogueAction",
            "&Systems Catalogue",
            "The systems staff use, who owns them and the data each holds",
        )
        self.show_action.setShortcut(QKeySequence(DOCK_KEYS))
        self.show_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(self.show_action)
        self.show_action.triggered.connect(self.show_dock)
        analysis_menu(window).addAction(self.show_action)
        window.menuBar().findChild(QMenu, "viewMenu").addAction(toggle)

        self.add.triggered.connect(lambda: self.add_system())
        self.edit.triggered.connect(lambda: self.edit_current())
        self.delete.triggered.connect(lambda: self.delete_current())
        self.show_cards.triggered.connect(lambda: self.show_cards_using())
        tree = self.panel.tree
        tree.insert_pressed.connect(self.add.trigger)
        tree.delete_pressed.connect(self.delete.trigger)
        tree.enter_pressed.connect(self.edit.trigger)
        tree.itemDoubleClicked.connect(lambda *_args: self.edit.trigger())
        self.panel.renamed.connect(self.rename)
        self.panel.current_changed.connect(self._update_actions)
        self.dock.visibilityChanged.connect(lambda shown: self.refresh() if shown else None)
        window.workspace.changed.connect(self._changed)
        window.workspace.stack_changed.connect(self._project_changed)
        self._project_changed()

    # -- following the window -------------------------------------------------------------------

    def _project_changed(self) -> None:
        self._dirty = True
        self.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        # What is listed: the catalogue, and how many cards name each system (cards
        # linked, unlinked, pasted or deleted, blueprints deleted).
        if (
            changes.catalogue_changed
            or changes.blueprints_changed
            or changes.structure_changed
            or changes.cards_added
            or changes.cards_removed
            or changes.cards_changed
        ):
            self._dirty = True
            self.refresh()

    def refresh(self) -> None:
        """List the catalogue again (only while the dock shows: a hidden one catches up
        when shown)."""
        if not self.dock.isVisible():
            self._dirty = True
            self._update_actions()
            return
        if not self._dirty:
            return
        self._dirty = False
        document = self.window.workspace.document
        self.panel.set_editable(document is not None and not document.read_only)
        rows = [] if document is None else catalogue_rows(document.session, document.project.id)
        if rows != self.panel.rows or not rows:  # typing on a card changes nothing listed
            self.panel.show_rows(rows)
        self._update_actions()

    def _update_actions(self) -> None:
        document = self.window.workspace.document
        writable = document is not None and not document.read_only
        kind = self.panel.current_kind()
        system = self.panel.current_system()
        self.add.setEnabled(writable)
        self.edit.setEnabled(writable and system is not None)
        self.delete.setEnabled(writable and kind is not None)
        self.delete.setText("&Delete Data Item" if kind == "data item" else "&Delete System")
        self.show_cards.setEnabled(system is not None and system.cards > 0)

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()
        self.panel.tree.setFocus()
        if self.panel.tree.currentItem() is None and self.panel.tree.topLevelItemCount():
            self.panel.tree.setCurrentItem(self.panel.tree.topLevelItem(0))

    # -- the edits -----------------------------------------------------------------------------

    def _writable(self) -> bool:
        document = self.window.workspace.document
        if document is None:
            return False
        if document.read_only:
            name = document.project_file.display_name
            ErrorDialog(self.window, READ_ONLY.format(name=name)).ask()
            return False
        return True

    def _push(self, command: EditCommand) -> bool:
        return self.window._push(command)

    def _taken(self, system_id: str | None = None) -> list[str]:
        return [row.name for row in self.panel.rows if row.id != system_id]

    def add_system(self) -> str | None:
        """The system dialog for a new system; its id when one was added."""
        if not self._writable():
            return None
        self.refresh()
        dialog = SystemDialog(self.window, None, self._taken())
        values = dialog.ask()
        dialog.deleteLater()
        if values is None:
            return None
        command = AddSystemCommand(values.name, values.owner, values.description, values.names)
        if not self._push(command):
            return None
        self.show_dock()
        self.panel.select(command.system_id)
        return command.system_id

    def edit_current(self) -> bool:
        system = self.panel.current_system()
        return system is not None and self.edit_system(system.id)

    def edit_system(self, system_id: str) -> bool:
        """The system dialog on one system; every change it makes is one undo step."""
        document = self.window.workspace.document
        system = document.session.get(System, system_id) if document is not None else None
        if system is None:
            return False
        values = SystemValues(
            system.name,
            system.owner,
            system.description,
            tuple((item.id, item.name) for item in system.data_items),
        )
        dialog = SystemDialog(
            self.window, values, self._taken(system_id), read_only=document.read_only
        )
        answer = dialog.ask()
        dialog.deleteLater()
        system = document.session.get(System, system_id)  # the dialog ran the event loop
        if answer is None or system is None or document.read_only:
            return False
        command = edit_system_command(system, answer.fields, answer.data_items)
        if command is None:
            return False
        current = self.panel.current_ids()
        done = self._push(command)
        self.panel.select(current[-1]) or self.panel.select(system_id)
        return done

    def rename(self, kind: str, item_id: str, name: str) -> bool:
        """F2 in the list: a new name for a system or a data item."""
        if not self._writable():
            self.refresh()
            return False
        if kind == "system":
            if name.casefold() in {taken.casefold() for taken in self._taken(item_id)}:
                ErrorDialog(
                    self.window, f"Another system of the catalogue is already called {name}"
                ).ask()
                self._dirty = True
                self.refresh()
                return False
            command: EditCommand = EditSystemCommand(item_id, name=name)
        else:
            command = RenameDataItemCommand(item_id, name)
        done = self._push(command)
        self.panel.select(item_id)
        return done

    def delete_current(self) -> bool:
        """Delete the current system (its cards lose the link) or data item."""
        ids, kind = self.panel.current_ids(), self.panel.current_kind()
        document = self.window.workspace.document
        if not ids or document is None or not self._writable():
            return False
        if kind == "data item":
            system = self.panel.current_system()
            name = next((d.name for d in system.data_items if d.id == ids[-1]), "")
            done = self._push(DeleteDataItemCommand(ids[-1], name))
            self.panel.select(ids[0])
            return done
        command = delete_system_command(document.session, ids[0])
        cards = sum(len(found) for found in cards_using(document.session, ids[0]).values())
        index = self.panel.tree.indexOfTopLevelItem(self.panel.tree.currentItem())
        if not self._push(command):
            return False
        if cards:
            self.window.statusBar().showMessage(
                f"{command.text()}: {lose_link(cards)}; Undo (Ctrl+Z) brings it back.",
                STATUS_MS,
            )
        tree = self.panel.tree
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(min(index, tree.topLevelItemCount() - 1)))
        return True

    # -- showing the cards -------------------------------------------------------------------------

    def show_cards_using(self) -> int:
        """Select on the canvas the cards of the current blueprint that use the current
        system; when none of this blueprint does, go to the first blueprint with some.
        Returns how many cards were selected."""
        system = self.panel.current_system()
        document = self.window.workspace.document
        if system is None or document is None:
            return 0
        found = cards_using(document.session, system.id)
        editor = self.window.workspace.current
        blueprint_id = editor.blueprint_id if editor is not None else None
        if blueprint_id not in found:
            blueprint_id = next(
                (bp.id for bp in document.project.blueprints if bp.id in found), None
            )
            if blueprint_id is None:
                self._say(f"No card uses {system.name}.")
                return 0
            self.window.blueprint_list.select(blueprint_id)
            editor = self.window.workspace.current
            if editor is None or editor.blueprint_id != blueprint_id:
                return 0
        card_ids = found[blueprint_id]
        view = editor.view
        view.blueprint_scene.select_cards(card_ids)
        view.center_on_card(card_ids[0])
        elsewhere = sum(len(ids) for bp, ids in found.items() if bp != blueprint_id)
        verb = "uses" if len(card_ids) == 1 else "use"
        message = f"{counted_cards(len(card_ids)).capitalize()} of this blueprint {verb} "
        message += system.name
        message += f"; {counted_cards(elsewhere)} in other blueprints." if elsewhere else "."
        self._say(message)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return len(card_ids)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, STATUS_MS)
