"""The Edit and View menus: undo and redo that name the command, delete, select all, and
zoom. They act on whichever blueprint editor and undo stack the window shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenuBar, QWidget

Key = QKeySequence.StandardKey


@dataclass
class EditActions:
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction
    select_all: QAction
    edit_text: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_fit: QAction
    zoom_actual: QAction
    show_overview: QAction

    def follow(self, stack: QUndoStack | None) -> None:
        """Undo and Redo read "Undo Move card" and are enabled as ``stack`` allows."""
        for action, can, text, verb in (
            (self.undo, "canUndo", "undoText", "Undo"),
            (self.redo, "canRedo", "redoText", "Redo"),
        ):
            enabled = bool(stack and getattr(stack, can)())
            name = getattr(stack, text)() if stack else ""
            action.setEnabled(enabled)
            action.setText(f"{verb} {name}" if enabled and name else verb)


def _action(parent: QWidget, name: str, text: str, keys: list[QKeySequence]) -> QAction:
    made = QAction(text, parent)
    made.setObjectName(name)
    made.setShortcuts(keys)
    parent.addAction(made)
    return made


def _standard(key: Key, fallback: str) -> list[QKeySequence]:
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def build_edit_actions(parent: QWidget) -> EditActions:
    overview = _action(parent, "showOverviewAction", "&Overview", [])
    overview.setCheckable(True)
    return EditActions(
        undo=_action(parent, "undoAction", "Undo", _standard(Key.Undo, "Ctrl+Z")),
        redo=_action(parent, "redoAction", "Redo", _standard(Key.Redo, "Ctrl+Shift+Z")),
        cut=_action(parent, "cutAction", "Cu&t", _standard(Key.Cut, "Ctrl+X")),
        copy=_action(parent, "copyAction", "&Copy", _standard(Key.Copy, "Ctrl+C")),
        paste=_action(parent, "pasteAction", "&Paste", _standard(Key.Paste, "Ctrl+V")),
        duplicate=_action(parent, "duplicateAction", "D&uplicate", [QKeySequence("Ctrl+D")]),
        delete=_action(parent, "deleteAction", "&Delete", _standard(Key.Delete, "Del")),
        select_all=_action(
            parent, "selectAllAction", "Select &All", _standard(Key.SelectAll, "Ctrl+A")
        ),
        edit_text=_action(parent, "editTextAction", "&Edit Card Text", [QKeySequence("F2")]),
        find=_action(parent, "findAction", "&Find…", _standard(Key.Find, "Ctrl+F")),
        find_next=_action(parent, "findNextAction", "Find &Next", _standard(Key.FindNext, "F3")),
        find_previous=_action(
            parent, "findPreviousAction", "Find Pre&vious", _standard(Key.FindPrevious, "Shift+F3")
        ),
        zoom_in=_action(
            parent, "zoomInAction", "Zoom &In", [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]
        ),
        zoom_out=_action(parent, "zoomOutAction", "Zoom &Out", _standard(Key.ZoomOut, "Ctrl+-")),
        zoom_fit=_action(parent, "zoomFitAction", "&Fit to Window", [QKeySequence("Ctrl+0")]),
        zoom_actual=_action(parent, "zoomActualAction", "&Actual Size", [QKeySequence("Ctrl+1")]),
        show_overview=overview,
    )


def add_edit_menus(menu_bar: QMenuBar, actions: EditActions, before: QAction) -> None:
    edit = menu_bar.addMenu("&Edit")
    edit.setObjectName("editMenu")
    edit.addAction(actions.undo)
    edit.addAction(actions.redo)
    edit.addSeparator()
    for action in (actions.cut, actions.copy, actions.paste, actions.duplicate, actions.delete):
        edit.addAction(action)
    edit.addSeparator()
    edit.addAction(actions.edit_text)
    edit.addAction(actions.select_all)
    edit.addSeparator()
    for action in (actions.find, actions.find_next, actions.find_previous):
        edit.addAction(action)
    view = menu_bar.addMenu("&View")
    view.setObjectName("viewMenu")
    for action in (actions.zoom_in, actions.zoom_out, actions.zoom_fit, actions.zoom_actual):
        view.addAction(action)
    view.addSeparator()
    view.addAction(actions.show_overview)
    menu_bar.insertMenu(before, edit)
    menu_bar.insertMenu(before, view)
