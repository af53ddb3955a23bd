"""A bar at the top of the window for notices the user should see but need not answer
(older or newer file format, read-only, recovered work); each can be dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.ui.wording import sentence

STYLE = """
#messageBar { background: #fff4ce; border-bottom: 1px solid #e5c07b; }
#messageBar QLabel { color: #3d3000; }
#messageBar QToolButton { border: none; color: #3d3000; padding: 0 6px; }
#messageBar QToolButton:hover { background: #f3e3a8; }
"""


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setStyleSheet(STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 6, 6)
        self._layout.setSpacing(4)
        self._rows: list[tuple[QWidget, str]] = []
        self.hide()

    def notices(self) -> list[str]:
        return [text for _row, text in self._rows]

    def show_notices(self, notices: list[str]) -> None:
        self.clear()
        for notice in notices:
            self.add_notice(notice)

    def add_notice(self, text: str) -> None:
        if text in self.notices():
            return
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(sentence(text), row)
        label.setObjectName("notice")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QToolButton(row)
        dismiss.setObjectName("dismissNotice")
        dismiss.setText("✕")
        dismiss.setToolTip("Dismiss this message")
        dismiss.clicked.connect(lambda: self._remove(row))
        line.addWidget(label, 1)
        line.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(row)
        self._rows.append((row, text))
        self.show()

    def clear(self) -> None:
        for row, _text in self._rows:
            row.deleteLater()
        self._rows.clear()
        self.hide()

    def _remove(self, row: QWidget) -> None:
        self._rows = [(r, t) for r, t in self._rows if r is not row]
        row.deleteLater()
        if not self._rows:
            self.hide()
