"""Someone else has the file open: open it read-only, open a copy, or leave it."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app.model.lockfile import LockHolder
from app.ui.dialogs.choice import ChoiceDialog


class LockedChoice(Enum):
    READ_ONLY = "read-only"
    COPY = "copy"
    CANCEL = "cancel"


class LockedFileDialog(ChoiceDialog):
    def __init__(self, parent: QWidget | None, file_name: str, holder: LockHolder) -> None:
        super().__init__(
            parent,
            f"{file_name} is open by {holder.describe()}.",
            "Open it read-only to look without changing it, or open a copy that you save "
            "under a new name. Their file is not touched either way.",
            cancel=LockedChoice.CANCEL,
            icon=QMessageBox.Icon.Warning,
        )
        role = QMessageBox.ButtonRole
        self.add_choice(
            LockedChoice.READ_ONLY,
            "Open read-only",
            role.AcceptRole,
            "readOnlyButton",
            default=True,
        )
        self.add_choice(LockedChoice.COPY, "Open a copy", role.AcceptRole, "copyButton")
        self.add_choice(LockedChoice.CANCEL, "Cancel", role.RejectRole, "cancelButton")
