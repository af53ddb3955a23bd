"""Unsaved work before the project is closed or replaced: save it, drop it, or go back."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs.choice import ChoiceDialog


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "don't save"
    CANCEL = "cancel"


class UnsavedChangesDialog(ChoiceDialog):
    def __init__(self, parent: QWidget | None, project_name: str) -> None:
        super().__init__(
            parent,
            f"Save the changes to {project_name}?",
            "If you don't save, the changes you made since it was last saved are lost.",
            cancel=UnsavedChoice.CANCEL,
            icon=QMessageBox.Icon.Warning,
        )
        role = QMessageBox.ButtonRole
        self.add_choice(UnsavedChoice.SAVE, "Save", role.AcceptRole, "saveButton", default=True)
        self.add_choice(UnsavedChoice.DISCARD, "Don't save", role.DestructiveRole, "discardButton")
        self.add_choice(UnsavedChoice.CANCEL, "Cancel", role.RejectRole, "cancelButton")
