"""Help → Keyboard Shortcuts: every action of the window with its keys, plus the canvas's own."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget, actions: list[QAction]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        rows = [
            (action.text().replace("&", "").replace("…", ""), keys)
            for action in actions
            if (keys := action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        ]
        rows += CANVAS_KEYS
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(what))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)
