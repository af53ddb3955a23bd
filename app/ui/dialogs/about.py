"""Help → About Stagecraft."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__
from app.ui.dialogs.choice import ChoiceDialog


class AboutChoice(Enum):
    OK = "ok"


class AboutDialog(ChoiceDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(
            parent,
            f"Stagecraft {__version__}",
            "A desktop editor for service blueprints: map a service as it is today, mark "
            "where it hurts, design how it should work, and decide what to change first.",
            cancel=AboutChoice.OK,
            icon=QMessageBox.Icon.Information,
        )
        self.setWindowTitle("About Stagecraft")
        self.add_choice(
            AboutChoice.OK, "OK", QMessageBox.ButtonRole.AcceptRole, "okButton", default=True
        )
