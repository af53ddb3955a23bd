"""The file changed on disk since it was opened: save a copy, overwrite their change, or stop."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs.choice import ChoiceDialog


class ChangedChoice(Enum):
    SAVE_COPY = "save a copy"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


class ChangedOnDiskDialog(ChoiceDialog):
    def __init__(self, parent: QWidget | None, file_name: str) -> None:
        super().__init__(
            parent,
            f"{file_name} was changed on disk by someone else since you opened it.",
            "Save your work as a copy to keep both versions, or overwrite their change with yours.",
            cancel=ChangedChoice.CANCEL,
            icon=QMessageBox.Icon.Warning,
        )
        role = QMessageBox.ButtonRole
        self.add_choice(
            ChangedChoice.SAVE_COPY,
            "Save as a copy…",
            role.AcceptRole,
            "saveCopyButton",
            default=True,
        )
        self.add_choice(
            ChangedChoice.OVERWRITE, "Overwrite", role.DestructiveRole, "overwriteButton"
        )
        self.add_choice(ChangedChoice.CANCEL, "Cancel", role.RejectRole, "cancelButton")
