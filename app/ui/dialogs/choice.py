"""A question with a few named answers, shown as a message box whose buttons tests can find
by objectName; text is always plain, so file and user names are never read as markup."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class ChoiceDialog(QMessageBox):
    """A message box that returns one of the choices it was given (``cancel`` on Escape)."""

    def __init__(
        self,
        parent: QWidget | None,
        text: str,
        informative: str = "",
        *,
        cancel: Enum,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Stagecraft")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setIcon(icon)
        self.setText(text)
        if informative:
            self.setInformativeText(informative)
        self.cancel = cancel
        self._choices: dict[QPushButton, Enum] = {}

    def add_choice(
        self,
        choice: Enum,
        text: str,
        role: QMessageBox.ButtonRole,
        name: str,
        *,
        default: bool = False,
    ) -> QPushButton:
        button = self.addButton(text, role)
        button.setObjectName(name)
        self._choices[button] = choice
        if default:
            self.setDefaultButton(button)
        if choice == self.cancel:
            self.setEscapeButton(button)
        return button

    def ask(self) -> Enum:
        self.exec()
        return self._choices.get(self.clickedButton(), self.cancel)
