"""Comments in the window: Method → Add Comment… (Ctrl+Alt+M) on the selected cards, the
card and step header context menus, "Comment…" in the pain points and opportunities docks,
the Comments dock (Method → Comments, Ctrl+Shift+M), and the comment marks on the canvas.

The author's name is asked once, at the first comment, and kept in the settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu
from shiboken6 import isValid

from app.editing.commands.base import CommandGroup, EditCommand
from app.editing.commands.method import AddCommentCommand
from app.model.base import Base
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.method import Opportunity, PainPoint
from app.model.structure import Card, Step
from app.ui.dialogs.error import ErrorDialog
from app.ui.method import method_menu
from app.ui.method.comment_dialog import AuthorDialog, CommentDialog
from app.ui.method.comments_dock import CommentsPanel
from app.ui.method.comments_model import (
    KIND_NAMES,
    CommentRow,
    blueprint_of,
    canvas_notes,
    item_name,
    kind_named,
    shorten,
)
from app.ui.method.jump import jump_to
from app.ui.settings import COMMENT_AUTHOR

if TYPE_CHECKING:
    from app.ui.blueprint_editor import BlueprintEditor
    from app.ui.main_window import MainWindow

ADD_KEYS = "Ctrl+Alt+M"  # as LibreOffice's Insert Comment
DOCK_KEYS = "Ctrl+Shift+M"
# The docks of the other parts of the method that list items one can comment on.
ITEM_DOCKS = {"painPointsDock": PainPoint, "opportunitiesDock": Opportunity}


def install(window: MainWindow) -> None:
    """Add the comment actions, the Comments dock and the canvas marks to the window."""
    Comments(window)


def comments_of(window: MainWindow) -> Comments:
    return window.findChild(Comments, "comments")


def comment_on(
    window: MainWindow, kind: type[Base], item_id: str | Sequence[str], reply_to: str = ""
) -> bool:
    """Ask for a comment and add it on the item ``kind`` ``item_id`` (or, given several ids,
    the same comment on each, as one undo step). ``reply_to`` names the author answered.
    The first time, the user's name is asked and kept. False when nothing was added."""
    document = window.workspace.document
    if document is None:
        return False
    if document.read_only:
        ErrorDialog(
            window,
            f"{document.project_file.display_name} is open read-only, so comments cannot be "
            "added; use Save As to keep a copy you can edit",
        ).ask()
        return False
    ids = [item_id] if isinstance(item_id, str) else list(dict.fromkeys(item_id))
    items = [item for i in ids if (item := document.session.get(kind, i)) is not None]
    if not items:
        return False
    settings = window.settings
    author = str(settings.value(COMMENT_AUTHOR)).strip()
    if not author:
        author = AuthorDialog(window).ask() or ""
        if not author:
            return False
        settings.set_value(COMMENT_AUTHOR, author)
    dialog = CommentDialog(window, _target(items, reply_to), author, reply=bool(reply_to))
    request = dialog.ask()
    if request is None:
        return False
    if request.author != author:
        settings.set_value(COMMENT_AUTHOR, request.author)
    commands: list[EditCommand] = [
        AddCommentCommand(kind, item.id, request.author, request.text) for item in items
    ]
    if len(commands) == 1:
        command = commands[0]
        if reply_to:
            command.setText("Reply to comment")
    else:
        command = CommandGroup(f"Add comment to {len(items)} {_kind_name(kind)}s", commands)
    return _push(window, command)


def _kind_name(kind: type[Base]) -> str:
    return KIND_NAMES.get(kind.__name__, kind.__name__.lower())


def _target(items: list[Base], reply_to: str) -> str:
    """What the comment goes on, as the dialog's first line."""
    kind = _kind_name(type(items[0]))
    if len(items) > 1:
        return (
            f"On each of the {len(items)} selected {kind}s: "
            f"the same comment is added to every one of them."
        )
    item = items[0]
    blueprint = blueprint_of(item)
    where = f" in {blueprint.name}" if blueprint is not None else ""
    on = f"the {kind} “{item_name(item)}”{where}"
    return f"Reply to {reply_to} on {on}." if reply_to else f"On {on}."


def _push(window: MainWindow, command: EditCommand) -> bool:
    document = window.workspace.document
    if document is None:
        return False
    try:
        document.push(command)
    except StagecraftError as error:
        ErrorDialog(window, str(error)).ask()
        return False
    return True


class Comments(QObject):
    """Keeps the comment action, the dock and the canvas marks in step with the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("comments")
        self.window = window
        workspace = window.workspace

        self.panel = CommentsPanel(self.jump, self.reply, lambda command: _push(window, command))
        self.dock = window.dock_beside_properties(
            "commentsDock", "Comments", self.panel, "showCommentsAction", "&Comments"
        )
        toggle = self.dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(DOCK_KEYS))
        toggle.triggered.connect(lambda shown: self.dock.raise_() if shown else None)
        self.add_action = QAction("Add &Comment…", window)
        self.add_action.setObjectName("addCommentAction")
        self.add_action.setShortcut(QKeySequence(ADD_KEYS))
        self.add_action.setStatusTip("Add a comment to the selected cards")
        self.add_action.triggered.connect(self.comment_on_selection)
        menu = method_menu(window)
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self.add_action)
        menu.addAction(toggle)
        window.menuBar().findChild(QMenu, "viewMenu").addAction(toggle)

        for name, kind in ITEM_DOCKS.items():
            providers = self._dock_hook(name, "menu_providers")
            if isinstance(providers, list):
                providers.append(lambda menu, ids, kind=kind: self._item_entry(menu, kind, ids))

        window.properties.comments_link.requested.connect(self.show_comments_on)
        workspace.editor_made.connect(self._editor_made)
        workspace.changed.connect(self._changed)
        workspace.stack_changed.connect(self._project_changed)
        workspace.stack.currentChanged.connect(lambda _index: self._update_action())
        for editor in workspace.editors.values():
            self._editor_made(editor)
        self._project_changed()

    # -- following the window -------------------------------------------------------------

    def _project_changed(self) -> None:
        self.panel.set_document(self.window.workspace.document)
        self._update_action()

    def _editor_made(self, editor: BlueprintEditor) -> None:
        editor.view.selection_changed.connect(lambda _ids: self._update_action())
        editor.comment_requested.connect(self._comment_requested)
        self.show_marks(editor)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.comments_changed:
            for editor in list(self.window.workspace.editors.values()):
                self.show_marks(editor)
        self.panel.follow(changes)

    def show_marks(self, editor: BlueprintEditor) -> None:
        """Mark the editor's cards and steps that have unresolved comments."""
        if not isValid(editor) or editor.blueprint is None:
            return
        cards, steps = canvas_notes(editor.document.session, editor.blueprint_id)
        editor.view.blueprint_scene.set_commented(cards, steps)

    def _update_action(self) -> None:
        editor = self.window.workspace.current
        self.add_action.setEnabled(editor is not None and bool(editor.view.selected_card_ids()))

    # -- commenting -----------------------------------------------------------------------

    def comment_on_selection(self) -> bool:
        """Method → Add Comment…: the same comment on each selected card of the canvas."""
        editor = self.window.workspace.current
        if editor is None:
            return False
        card_ids = editor.view.selected_card_ids()
        return bool(card_ids) and comment_on(self.window, Card, card_ids)

    def _comment_requested(self, what: str, ids: list[str]) -> None:
        comment_on(self.window, Step if what == "step" else Card, ids)

    def _item_entry(self, menu: QMenu, kind: type[Base], ids: Sequence[str]) -> None:
        if not ids:
            return
        action = menu.addAction("Comment…")
        action.setObjectName("commentOnItemAction")
        action.triggered.connect(lambda: comment_on(self.window, kind, list(ids)))

    def reply(self, row: CommentRow) -> None:
        """Answer a comment with a new one on the same item; the reply is selected."""
        kind = kind_named(row.kind)
        if kind is not None and comment_on(self.window, kind, row.item_id, reply_to=row.author):
            self.panel.refresh()
            newest = self.panel.model.rows[0] if self.panel.model.rows else None
            if newest is not None and newest.item_id == row.item_id:
                self.panel.select([newest.id])

    def jump(self, row: CommentRow) -> None:
        """Show what the comment is on: the card or step on the canvas; a pain point's card
        or step, and the pain point in its dock; an opportunity in its dock."""
        kind = kind_named(row.kind)
        document = self.window.workspace.document
        if kind is None or document is None:
            return
        item = document.session.get(kind, row.item_id)
        if item is None:
            return
        if isinstance(item, Card | Step | PainPoint):
            jump_to(self.window, item)
        for name, dock_kind in ITEM_DOCKS.items():
            if kind is dock_kind:
                self._select_in_dock(name, item.id)

    def _dock_hook(self, name: str, *attributes: str) -> object | None:
        """The first of ``attributes`` that the dock ``name`` (or its widget) has."""
        dock = self.window.findChild(QDockWidget, name)
        for holder in (dock, dock.widget() if dock is not None else None):
            for attribute in attributes:
                found = getattr(holder, attribute, None) if holder is not None else None
                if found is not None:
                    return found
        return None

    def _select_in_dock(self, name: str, item_id: str) -> bool:
        select = self._dock_hook(name, "select_ids", "select_pain_points")
        if not callable(select):
            return False
        dock = self.window.findChild(QDockWidget, name)
        dock.show()
        dock.raise_()
        select([item_id])
        return True

    # -- showing one item's comments --------------------------------------------------------

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def show_comments_on(self, kind: type[Base], item_id: str) -> None:
        """Open the Comments dock on the comments of one item."""
        document = self.window.workspace.document
        item = document.session.get(kind, item_id) if document is not None else None
        if item is None:
            return
        what = f"{_kind_name(kind)} “{shorten(item_name(item), 40)}”"
        self.show_dock()
        self.panel.show_item((what, item_id))
