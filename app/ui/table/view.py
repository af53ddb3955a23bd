"""The table view of a blueprint, with the keys a spreadsheet user expects: F2 or
double-click edits a cell, typing or Enter starts a new card in it, Delete clears the
selected cells. While the table has focus those keys are its own, not the shortcuts the
window gives the canvas."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.own_keys import claims_key
from app.ui.table.cell_delegate import CellDelegate

DEFAULT_COLUMN_WIDTH = 200
Trigger = QAbstractItemView.EditTrigger
OWN_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class BlueprintTableView(QTableView):
    clear_requested = Signal(list)  # the selected indexes whose cards are to go

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintTableView")
        self.setAccessibleName("Blueprint table")
        self.setAccessibleDescription(
            "Lanes are rows, steps are columns; each line in a cell is a card"
        )
        self.delegate = CellDelegate(self)
        self.delegate.move_requested.connect(self._move_along_row)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(Trigger.DoubleClicked | Trigger.EditKeyPressed | Trigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        columns = self.horizontalHeader()
        columns.setDefaultSectionSize(DEFAULT_COLUMN_WIDTH)
        columns.setMinimumSectionSize(80)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setHighlightSections(True)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def edit(  # type: ignore[override]
        self,
        index: QModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool | None:
        if trigger is None:
            return super().edit(index)
        self.delegate.start_new_line = trigger == Trigger.AnyKeyPressed
        return super().edit(index, trigger, event)

    def event(self, event: QEvent) -> bool:
        # The window's F2 and Delete act on the canvas; here they act on the table.
        return claims_key(event, OWN_KEYS) or super().event(event)

    def _move_along_row(self, step: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.model()
        column = min(max(current.column() + step, 0), model.columnCount() - 1)
        self.setCurrentIndex(model.index(current.row(), column))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or event.matches(
                QKeySequence.StandardKey.Delete
            ):
                self.clear_requested.emit(self.selectedIndexes())
                return
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and self.currentIndex().isValid():
                # As on the canvas: Enter on a cell adds a card to it, typed at once.
                self.delegate.start_new_line = True
                if super().edit(self.currentIndex(), Trigger.EditKeyPressed, event):
                    return
        super().keyPressEvent(event)
