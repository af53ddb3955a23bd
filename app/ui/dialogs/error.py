"""Something could not be done: one clear sentence, and what happened to the user's work."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs.choice import ChoiceDialog
from app.ui.wording import sentence


class ErrorChoice(Enum):
    OK = "ok"


class ErrorDialog(ChoiceDialog):
    def __init__(self, parent: QWidget | None, message: str, outcome: str = "") -> None:
        super().__init__(
            parent,
            sentence(message),
            outcome,
            cancel=ErrorChoice.OK,
            icon=QMessageBox.Icon.Critical,
        )
        self.add_choice(
            ErrorChoice.OK, "OK", QMessageBox.ButtonRole.AcceptRole, "okButton", default=True
        )
