"""After a crash: the unsaved work left behind, to restore, discard, or keep for later."""

from __future__ import annotations

import contextlib
from datetime import datetime
from enum import Enum

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.working_copy import WorkingCopy


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    NOT_NOW = "not now"


class RecoveryDialog(QDialog):
    """Lists working copies left by a crash; ``ask()`` says what to do with the selected one."""

    def __init__(self, parent: QWidget | None, copies: list[WorkingCopy]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved work")
        self.resize(780, 300)
        self.copies = copies
        self.choice = RecoveryChoice.NOT_NOW

        intro = QLabel(
            "Stagecraft stopped last time before this work was saved. Restore it to carry "
            "on, or discard it for good. Not now keeps it for the next start."
        )
        intro.setWordWrap(True)

        self.table = QTreeWidget()
        self.table.setObjectName("recoveryList")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Project", "Original file", "Last changed"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for copy in copies:
            record = copy.record
            origin = record.origin or "not saved yet"
            item = QTreeWidgetItem([record.name, origin, when(record.changed or record.started)])
            item.setToolTip(1, origin)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 24)
        if copies:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self.table.itemDoubleClicked.connect(lambda *_: self._answer(RecoveryChoice.RESTORE))

        buttons = QDialogButtonBox()
        self.restore_button = self._button(
            buttons, "Restore", "restoreButton", RecoveryChoice.RESTORE
        )
        self.discard_button = self._button(
            buttons, "Discard", "discardButton", RecoveryChoice.DISCARD
        )
        self._button(buttons, "Not now", "notNowButton", RecoveryChoice.NOT_NOW)
        self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _button(
        self, box: QDialogButtonBox, text: str, name: str, choice: RecoveryChoice
    ) -> QPushButton:
        role = {
            RecoveryChoice.RESTORE: QDialogButtonBox.ButtonRole.AcceptRole,
            RecoveryChoice.DISCARD: QDialogButtonBox.ButtonRole.DestructiveRole,
            RecoveryChoice.NOT_NOW: QDialogButtonBox.ButtonRole.RejectRole,
        }[choice]
        button = box.addButton(text, role)
        button.setObjectName(name)
        button.clicked.connect(lambda: self._answer(choice))
        return button

    def _answer(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        if choice is RecoveryChoice.NOT_NOW:
            self.reject()
        else:
            self.accept()

    def selected(self) -> WorkingCopy | None:
        row = self.table.indexOfTopLevelItem(self.table.currentItem())
        return self.copies[row] if 0 <= row < len(self.copies) else None

    def ask(self) -> tuple[RecoveryChoice, WorkingCopy | None]:
        self.choice = RecoveryChoice.NOT_NOW
        self.exec()
        selected = self.selected()
        if selected is None:
            return RecoveryChoice.NOT_NOW, None
        return self.choice, selected


def when(stamp: str) -> str:
    """An ISO time from a record, in the user's local time, to the minute."""
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    return stamp or "unknown"
