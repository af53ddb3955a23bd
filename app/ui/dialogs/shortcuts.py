"""Help → Keyboard Shortcuts: every action of the window with its keys and the menu it is
in, plus the canvas's own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

CANVAS_KEYS = [
    ("Add a card in the selected cell", "Enter, or double-click an empty spot"),
    ("Edit the selected card's text", "F2, or double-click the card"),
    ("New line in a card", "Shift+Enter"),
    ("Finish / cancel typing", "Enter / Escape"),
    ("Select the next card", "Arrow keys"),
    ("Move the selected cards one cell", "Ctrl+Arrow keys"),
    ("Connect two selected cards", "C"),
    ("Zoom", "Ctrl+mouse wheel"),
    ("Pan", "Scroll bars, mouse wheel, Space+drag, middle button"),
]


CANVAS = "Canvas"


def window_actions(window: QMainWindow) -> list[QAction]:
    """Every action whose keys work in ``window``, each once: those of its menus, menu by
    menu in the menu bar's order (submenus included), then those added to the window
    alone. Menu actions have working keys without being added to the window."""
    found: list[QAction] = []

    def add(actions: Iterable[QAction]) -> None:
        for action in actions:
            if action not in found:
                found.append(action)
            if action.menu() is not None:
                add(action.menu().actions())

    add(window.menuBar().actions())
    add(window.actions())
    return [action for action in found if action.menu() is None and not action.isSeparator()]


def _menu_of(action: QAction, window: QWidget) -> str:
    """The top-level menu of the menu bar that holds ``action`` (first one found)."""
    menu_bar = window.menuBar() if isinstance(window, QMainWindow) else None
    if menu_bar is None:
        return ""
    for top in menu_bar.actions():
        menu = top.menu()
        if menu is not None and _holds(menu, action):
            return _plain(top.text())
    return ""


def _holds(menu: QMenu, action: QAction) -> bool:
    for item in menu.actions():
        if item is action or (item.menu() is not None and _holds(item.menu(), action)):
            return True
    return False


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic marks ("&&" is a plain "&"), no ellipsis."""
    return re.sub(r"&(.)", r"\1", text).replace("…", "")


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget, actions: list[QAction]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        native = QKeySequence.SequenceFormat.NativeText
        rows = [
            (_plain(action.text()), keys, _menu_of(action, parent))
            for action in actions
            if (keys := action.shortcut().toString(native))
        ]
        rows += [(what, keys, CANVAS) for what, keys in CANVAS_KEYS]
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Action", "Keys", "Menu"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the canvas's long ones
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 600)
