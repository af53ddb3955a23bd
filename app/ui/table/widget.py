"""The table view of one blueprint, for screen-reader users and fast typing in a
workshop: lanes as rows, steps as columns, the cards of each cell as lines."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.editing.commands.cards import DeleteCardsCommand
from app.editing.document import EditingDocument
from app.model.structure import Blueprint
from app.ui.table.cell_delegate import CellMeasure
from app.ui.table.model import CARD_LINES_ROLE, BlueprintTableModel, Cell
from app.ui.table.view import BlueprintTableView
from app.ui.wording import sentence

HINT = (
    "Each line in a cell is a card. Type or press Enter to add a card to the selected cell; "
    "F2 or double-click edits its cards. In the editor, Enter starts a new card, Ctrl+Enter "
    "or Tab finishes and Escape cancels. Delete clears the selected cells."
)
READ_ONLY_HINT = "This project is open read-only: use Save As to keep a copy you can edit."
ERROR_STYLE = "#tableError { color: #9b1c1c; background: #fdecec; padding: 6px; }"


class BlueprintTable(QWidget):
    failed = Signal(str)  # an edit was refused; the message says why (also shown here)
    cards_selected = Signal(list)  # ids of the cards in the selected cells, in table order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintTable")
        self.setAccessibleName("Blueprint table")
        self._selected: list[str] = []
        self._heights: list[dict[int, int]] = []  # per row: the height each cell needs
        self._measure: CellMeasure | None = None
        self.model = BlueprintTableModel(self)
        self.view = BlueprintTableView()
        self.view.setModel(self.model)
        self.hint = QLabel(HINT)
        self.hint.setObjectName("tableHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        palette = self.hint.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, muted)
        self.hint.setPalette(palette)
        self.error = QLabel()
        self.error.setObjectName("tableError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.hint)
        column.addWidget(self.error)
        column.addWidget(self.view, 1)
        self.hint.setContentsMargins(6, 4, 6, 0)

        self.model.failed.connect(self._failed)
        self.model.modelReset.connect(self._reset)
        self.model.dataChanged.connect(self._cells_changed)
        self.view.horizontalHeader().sectionResized.connect(self._column_resized)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.clear_requested.connect(self._clear_cells)

    # -- what it shows --------------------------------------------------------------------

    def set_blueprint(self, document: EditingDocument | None, blueprint_id: str | None) -> None:
        """Show ``blueprint_id`` of ``document`` (None: nothing) and follow its changes."""
        self.error.hide()
        self.model.set_blueprint(document, blueprint_id)

    @property
    def document(self) -> EditingDocument | None:
        return self.model.document

    @property
    def blueprint_id(self) -> str | None:
        return self.model.blueprint_id

    def selected_card_ids(self) -> list[str]:
        indexes = sorted(self.view.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        return [card_id for index in indexes for card_id in self.model.card_ids(index)]

    def _reset(self) -> None:
        document, blueprint_id = self.model.document, self.model.blueprint_id
        name = ""
        if document is not None and blueprint_id is not None:
            blueprint = document.session.get(Blueprint, blueprint_id)
            name = blueprint.name if blueprint is not None else ""
        self.view.setAccessibleName(f"Table of {name}" if name else "Blueprint table")
        self.hint.setText(READ_ONLY_HINT if self.model.read_only and name else HINT)
        self._heights = [{} for _row in range(self.model.rowCount())]
        self._fit_rows(self.model.cells)
        self._selection_changed()  # a reset clears the selection without saying so

    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        self.error.hide()
        model = self.model
        self._fit_rows(
            model.cell_of(model.index(row, column))
            for row in range(top_left.row(), bottom_right.row() + 1)
            for column in range(top_left.column(), bottom_right.column() + 1)
        )
        self._selection_changed()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        # Its wrapped lines need more or less height now.
        model = self.model
        self._fit_rows(model.cell_of(model.index(row, column)) for row in range(model.rowCount()))

    def _fit_rows(self, cells: Iterable[Cell]) -> None:
        """Make each row as tall as its tallest cell, measuring only ``cells`` again: a big
        blueprint has thousands of steps, and Qt's resizeRowToContents measures them all."""
        model, view = self.model, self.view
        if self._measure is None or self._measure.metrics != view.fontMetrics():
            self._measure = CellMeasure(view.fontMetrics())
        rows: set[int] = set()
        for cell in cells:
            index = model.index_of(cell)
            if not index.isValid():
                continue
            row, column = index.row(), index.column()
            lines = model.data(index, CARD_LINES_ROLE)
            if lines:
                height = self._measure.height(lines, view.columnWidth(column))
                self._heights[row][column] = height
            else:
                self._heights[row].pop(column, None)
            rows.add(row)
        header = view.verticalHeader()
        for row in rows or range(model.rowCount()):
            header.resizeSection(row, max(self._heights[row].values(), default=self._measure.least))

    # -- editing -------------------------------------------------------------------------------

    def _selection_changed(self, *_args: QItemSelection) -> None:
        card_ids = self.selected_card_ids()
        if card_ids != self._selected:
            self._selected = card_ids
            self.cards_selected.emit(card_ids)

    def _clear_cells(self, indexes: list[QModelIndex]) -> None:
        card_ids = [card_id for index in indexes for card_id in self.model.card_ids(index)]
        if card_ids and not self.model.read_only and self.model.push(DeleteCardsCommand(card_ids)):
            self.error.hide()

    def _failed(self, message: str) -> None:
        self.error.setText(sentence(message))
        self.error.show()
        self.failed.emit(message)
