"""Help → How Opportunities Are Ranked: the priority rule, in the same words as the README
(both read ``RULE_TEXT`` of app.analysis.priority)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.analysis.priority import RULE_TEXT

TITLE = "How Opportunities Are Ranked"


class PriorityHelpDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("priorityHelpDialog")
        self.setWindowTitle(TITLE)
        self.text = QTextBrowser()
        self.text.setObjectName("priorityHelpText")
        self.text.setAccessibleName(TITLE)
        self.text.setOpenLinks(False)
        self.text.setMarkdown(RULE_TEXT)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("closeButton")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
