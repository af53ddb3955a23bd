"""The blueprint as a table model: lanes are rows, steps are columns, and each cell holds
the texts of its cards, top to bottom. It reads the model with a few queries, follows the
document's changes cell by cell, and turns an edited cell into one undoable command."""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from shiboken6 import isValid
from sqlalchemy import select, tuple_

from app.canvas.tooltips import plain_tip
from app.editing.commands.base import EditCommand
from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.structure import Blueprint, Card, Lane, Stage, Step
from app.ui.table.cell_edit import card_line, cell_edit_command, cell_text

Cell = tuple[str, str]  # (lane id, step id)
Index = QModelIndex | QPersistentModelIndex
CARD_IDS_ROLE = Qt.ItemDataRole.UserRole  # the ids of a cell's cards, top to bottom
CARD_LINES_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's lines, one per card
Role = Qt.ItemDataRole


def step_header(stage: str | None, step: str) -> str:
    return f"{stage} / {step}" if stage else step


class BlueprintTableModel(QAbstractTableModel):
    failed = Signal(str)  # an edit was refused; the message says why

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: EditingDocument | None = None
        self.blueprint_id: str | None = None
        self.lanes: list[tuple[str, str]] = []  # (id, title)
        self.steps: list[tuple[str, str | None, str]] = []  # (id, stage title, step title)
        self.cells: dict[Cell, list[tuple[str, str]]] = {}  # cell: [(card id, text)]
        self.card_cells: dict[str, Cell] = {}
        self._rows: dict[str, int] = {}  # lane id: row
        self._columns: dict[str, int] = {}  # step id: column

    # -- what it shows --------------------------------------------------------------------

    def set_blueprint(self, document: EditingDocument | None, blueprint_id: str | None) -> None:
        if document is not self.document:
            if self.document is not None:
                with suppress(RuntimeError, TypeError):  # the document is already gone
                    self.document.changed.disconnect(self._changed)
            if document is not None:
                document.changed.connect(self._changed)
        self.document = document
        self.blueprint_id = blueprint_id if document is not None else None
        self.reload()

    @property
    def read_only(self) -> bool:
        return self.document is None or self.document.read_only

    def reload(self) -> None:
        if self.document is not None and not isValid(self.document):
            self.document, self.blueprint_id = None, None  # its project was closed
        self.beginResetModel()
        self.lanes, self.steps, self.cells, self.card_cells = [], [], {}, {}
        self._rows, self._columns = {}, {}
        document = self.document
        if document is not None and self.blueprint_id is not None:
            session = document.session
            if session.get(Blueprint, self.blueprint_id) is None:
                self.blueprint_id = None
            else:
                self._load(self.blueprint_id)
        self.endResetModel()

    def _load(self, blueprint_id: str) -> None:
        session = self.document.session
        self.lanes = [
            (lane_id, title)
            for lane_id, title in session.execute(
                select(Lane.id, Lane.title)
                .where(Lane.blueprint_id == blueprint_id)
                .order_by(Lane.position)
            )
        ]
        self.steps = [
            (step_id, stage, title)
            for step_id, stage, title in session.execute(
                select(Step.id, Stage.title, Step.title)
                .outerjoin(Stage, Step.stage_id == Stage.id)
                .where(Step.blueprint_id == blueprint_id)
                .order_by(Step.position)
            )
        ]
        rows = session.execute(
            select(Card.id, Card.lane_id, Card.step_id, Card.text)
            .join(Lane, Card.lane_id == Lane.id)
            .where(Lane.blueprint_id == blueprint_id)
            .order_by(Card.position)
        )
        cells: dict[Cell, list[tuple[str, str]]] = defaultdict(list)
        for card_id, lane_id, step_id, text in rows:
            cells[(lane_id, step_id)].append((card_id, text))
            self.card_cells[card_id] = (lane_id, step_id)
        self.cells = dict(cells)
        self._rows = {lane_id: row for row, (lane_id, _title) in enumerate(self.lanes)}
        self._columns = {step_id: column for column, (step_id, *_rest) in enumerate(self.steps)}

    def cell_of(self, index: Index) -> Cell:
        return self.lanes[index.row()][0], self.steps[index.column()][0]

    def index_of(self, cell: Cell) -> QModelIndex:
        row, column = self._rows.get(cell[0]), self._columns.get(cell[1])
        if row is None or column is None:
            return QModelIndex()
        return self.index(row, column)

    def card_ids(self, index: Index) -> list[str]:
        return [card_id for card_id, _text in self.cells.get(self.cell_of(index), [])]

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lanes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.steps)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cards = self.cells.get(self.cell_of(index), [])
        if role in (Role.DisplayRole, Role.EditRole):
            return cell_text([text for _card_id, text in cards])
        if role == CARD_LINES_ROLE:
            return [card_line(text) for _card_id, text in cards]
        if role == CARD_IDS_ROLE:
            return [card_id for card_id, _text in cards]
        if role == Role.ToolTipRole:
            return plain_tip("\n".join(f"• {text}" for _card_id, text in cards)) or None
        if role == Role.AccessibleTextRole:
            return self._spoken(index, [text for _card_id, text in cards])
        return None

    def _spoken(self, index: Index, texts: list[str]) -> str:
        lane = self.lanes[index.row()][1]
        _step_id, stage, step = self.steps[index.column()]
        where = f"{lane}, {step_header(stage, step)}"
        if not texts:
            return f"{where}: no cards"
        count = "1 card" if len(texts) == 1 else f"{len(texts)} cards"
        return f"{where}: {count}: " + "; ".join(" ".join(text.split()) for text in texts)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self.lanes) and role in (
                Role.DisplayRole,
                Role.ToolTipRole,
                Role.AccessibleTextRole,
            ):
                return self.lanes[section][1]
            return None
        if not 0 <= section < len(self.steps):
            return None
        _step_id, stage, step = self.steps[section]
        if role == Role.DisplayRole:
            # Two lines, so a column need not be as wide as both titles together.
            return f"{stage} /\n{step}" if stage else step
        if role == Role.ToolTipRole:
            return plain_tip(step_header(stage, step))
        if role == Role.AccessibleTextRole:
            return step_header(stage, step)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if role != Role.EditRole or not index.isValid() or self.document is None:
            return False
        lane_id, step_id = self.cell_of(index)
        command = cell_edit_command(lane_id, step_id, self.cells.get((lane_id, step_id), []), value)
        if command is None:
            return True
        return self.push(command)

    # -- editing -------------------------------------------------------------------------------

    def push(self, command: EditCommand) -> bool:
        if self.document is None or not isValid(self.document):
            return False  # its project was closed
        try:
            self.document.push(command)
        except StagecraftError as error:
            self.failed.emit(str(error))
            return False
        return True

    # -- following the document --------------------------------------------------------------

    def _changed(self, changes: ChangeSet) -> None:
        if self.blueprint_id is None or changes.blueprint_id != self.blueprint_id:
            return
        if changes.structure_changed or changes.blueprints_changed:
            self.reload()  # lanes or steps came, went, moved or were renamed
            return
        cells = {
            self.card_cells[card_id]
            for card_id in changes.cards_removed | changes.cards_changed
            if card_id in self.card_cells
        }
        session = self.document.session
        for card_id in changes.cards_added | changes.cards_changed:
            card = session.get(Card, card_id)
            if card is not None:
                cells.add((card.lane_id, card.step_id))
        if cells:
            self._reload_cells(cells)

    def _reload_cells(self, cells: set[Cell]) -> None:
        for cell in cells:
            for card_id, _text in self.cells.pop(cell, []):
                self.card_cells.pop(card_id, None)
        rows = self.document.session.execute(
            select(Card.id, Card.lane_id, Card.step_id, Card.text)
            .where(tuple_(Card.lane_id, Card.step_id).in_(list(cells)))
            .order_by(Card.position)
        )
        for card_id, lane_id, step_id, text in rows:
            self.cells.setdefault((lane_id, step_id), []).append((card_id, text))
            self.card_cells[card_id] = (lane_id, step_id)
        for cell in cells:
            index = self.index_of(cell)
            if index.isValid():
                self.dataChanged.emit(index, index)
