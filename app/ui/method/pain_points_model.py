"""The pain points of one blueprint as a table (numbered as the overlay numbers them), the
filters the pain points dock offers over it, and the severity chips the window draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from app.canvas.tooltips import plain_tip
from app.export.severity_colours import SEVERITY_NAMES, fill, ink
from app.layout.overlay import NumberedPainPoint, numbered_pain_points, shorten
from app.model.kinds import EvidenceSource, Perspective
from app.model.structure import Blueprint

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
ID_ROLE = Role.UserRole  # the pain point's id
SORT_ROLE = Role.UserRole + 1  # what a column sorts by
CARD_CHARS = 80
RESOLVED_COLOUR = "#9aa0a6"
ASSUMPTION_COLOUR = "#8a5a00"

COLUMNS = (
    "No.",
    "Pain point",
    "Severity",
    "Perspective",
    "Evidence",
    "Stage",
    "Step",
    "Card",
    "People",
    "Underserved group",
    "Resolved",
)
(
    NUMBER,
    DESCRIPTION,
    SEVERITY,
    PERSPECTIVE,
    EVIDENCE,
    STAGE,
    STEP,
    CARD,
    PEOPLE,
    UNDERSERVED,
    RESOLVED,
) = range(len(COLUMNS))

PERSPECTIVE_WORDS: dict[Perspective, str] = {
    Perspective.SERVICE_USER: "Service user",
    Perspective.STAFF: "Staff",
    Perspective.PARTNER: "Partner",
}
EVIDENCE_WORDS: dict[EvidenceSource, str] = {
    EvidenceSource.INTERVIEW: "Interview",
    EvidenceSource.WORKSHOP: "Workshop",
    EvidenceSource.OBSERVATION: "Observation",
    EvidenceSource.DATA: "Data",
    EvidenceSource.ASSUMPTION: "Assumption",
}
ASSUMPTION_HINT = "An assumption: research is still owed to back this pain point"


def severity_words(severity: int) -> str:
    """ "4 severe": the number and the word the printed key uses."""
    return f"{severity} {SEVERITY_NAMES.get(severity, '')}".strip()


def perspective_words(value: str) -> str:
    return PERSPECTIVE_WORDS.get(Perspective(value), value)


def evidence_words(value: str) -> str:
    return EVIDENCE_WORDS.get(EvidenceSource(value), value)


# -- chips -----------------------------------------------------------------------------------


def severity_chip(severity: int, size: int = 12) -> QIcon:
    """A small rounded square in the severity's colour, as the printed key shows it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(fill(severity)).darker(130))
    painter.setBrush(QColor(fill(severity)))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2.5, 2.5)
    painter.end()
    return QIcon(pixmap)


def badge_icon(number: int | None, severity: int, size: int = 22) -> QIcon:
    """A round badge in the severity's colour with the pain point's number, as the map
    draws it; a resolved pain point (no number on the map) is a grey ring."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(1, 1, size - 2, size - 2)
    if number is None:
        painter.setPen(QColor(RESOLVED_COLOUR))
        painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        painter.drawEllipse(circle.adjusted(1, 1, -1, -1))
    else:
        painter.setPen(QColor("#ffffff"))
        painter.setBrush(QColor(fill(severity)))
        painter.drawEllipse(circle)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * (0.5 if number < 100 else 0.38)))
        painter.setFont(font)
        painter.setPen(QColor(ink(severity)))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(number))
    painter.end()
    return QIcon(pixmap)


# -- the rows ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PainPointRow:
    """One pain point as the dock lists it: ``number`` is its badge's number on the map
    (None when resolved, as the overlay leaves those out); ``order`` its place in reading
    order among all of them."""

    entry: NumberedPainPoint
    number: int | None
    order: int

    @property
    def id(self) -> str:
        return self.entry.id


def pain_point_rows(blueprint: Blueprint) -> list[PainPointRow]:
    """Every pain point of the blueprint, resolved ones too, in reading order. The map
    numbers only the unresolved ones, in the same order: their running count is their
    badge's number."""
    rows: list[PainPointRow] = []
    badge = 0
    for order, entry in enumerate(numbered_pain_points(blueprint, include_resolved=True)):
        badge += not entry.resolved
        rows.append(PainPointRow(entry, None if entry.resolved else badge, order))
    return rows


class PainPointsModel(QAbstractTableModel):
    """The rows of one blueprint; the dock gives it new rows after each change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PainPointRow] = []
        self._chips = {severity: severity_chip(severity) for severity in SEVERITY_NAMES}

    def set_rows(self, rows: list[PainPointRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, pain_point_id: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.id == pain_point_id), -1)

    # -- Qt's side ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Role.DisplayRole:
            return COLUMNS[section]
        if role == Role.ToolTipRole and section == NUMBER:
            return "The pain point's number on the map's badges (resolved ones have none)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        entry = row.entry
        if role == Role.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Role.DecorationRole and column == SEVERITY:
            return self._chips.get(entry.severity)
        if role == Role.ToolTipRole:
            return plain_tip(self._tooltip(row, column))
        if role == Role.TextAlignmentRole and column in (NUMBER, PEOPLE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ForegroundRole:
            if entry.resolved:
                return QBrush(QColor(RESOLVED_COLOUR))
            if column == EVIDENCE and entry.evidence == EvidenceSource.ASSUMPTION:
                return QBrush(QColor(ASSUMPTION_COLOUR))
        if role == Role.FontRole and column == EVIDENCE and entry.evidence == "assumption":
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, row: PainPointRow, column: int) -> str:
        entry = row.entry
        if column == NUMBER:
            return "" if row.number is None else str(row.number)
        if column == DESCRIPTION:
            return " ".join(entry.text.split())
        if column == SEVERITY:
            return severity_words(entry.severity)
        if column == PERSPECTIVE:
            return perspective_words(entry.perspective)
        if column == EVIDENCE:
            return evidence_words(entry.evidence)
        if column == STAGE:
            return entry.stage_title
        if column == STEP:
            return entry.step_title
        if column == CARD:
            if entry.card_id is None:
                return "(the step)"
            return shorten(entry.card_text, CARD_CHARS) or "(empty card)"
        if column == PEOPLE:
            return "" if entry.people_affected is None else f"{entry.people_affected:,}"
        if column == UNDERSERVED:
            return entry.underserved_group
        if column == RESOLVED:
            return "Yes" if entry.resolved else ""
        return ""

    def _sort_key(self, row: PainPointRow, column: int) -> Any:
        entry = row.entry
        if column == NUMBER:
            return row.order
        if column == SEVERITY:
            return entry.severity  # the sort is stable: equal ones stay in reading order
        if column == PEOPLE:
            return -1 if entry.people_affected is None else entry.people_affected
        if column == RESOLVED:
            return int(entry.resolved)
        if column in (STAGE, STEP):
            return row.order  # the journey's order, not the alphabet's
        return self._text(row, column).casefold()

    def _tooltip(self, row: PainPointRow, column: int) -> str | None:
        entry = row.entry
        if column == DESCRIPTION:
            return entry.text
        if column == NUMBER and row.number is None:
            return "Resolved: the map leaves resolved pain points unnumbered"
        if column == EVIDENCE and entry.evidence == EvidenceSource.ASSUMPTION:
            return ASSUMPTION_HINT
        if column == CARD and entry.card_id is not None:
            return f"{entry.lane_title}: {entry.card_text}"
        return None


# -- filters -----------------------------------------------------------------------------------

RESOLVED_SHOWN, RESOLVED_HIDDEN, RESOLVED_ONLY = "shown", "hidden", "only"


@dataclass(frozen=True)
class PainPointFilter:
    """What the dock's filters let through; None: any."""

    perspective: str | None = None
    min_severity: int = 1
    stage: str | None = None  # a stage's title ("" for steps in no stage)
    evidence: str | None = None
    resolved: str = RESOLVED_SHOWN

    def keeps(self, entry: NumberedPainPoint) -> bool:
        if self.resolved == RESOLVED_HIDDEN and entry.resolved:
            return False
        if self.resolved == RESOLVED_ONLY and not entry.resolved:
            return False
        return (
            (self.perspective is None or entry.perspective == self.perspective)
            and entry.severity >= self.min_severity
            and (self.stage is None or entry.stage_title == self.stage)
            and (self.evidence is None or entry.evidence == self.evidence)
        )


class PainPointsProxy(QSortFilterProxyModel):
    """Sorts by any column (in the column's own order) and keeps the rows the filter
    lets through."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.criteria = PainPointFilter()
        self.setSortRole(SORT_ROLE)

    def set_filter(self, criteria: PainPointFilter) -> None:
        if criteria != self.criteria:
            self.beginFilterChange()
            self.criteria = criteria
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PainPointsModel) or source_row >= len(model.rows):
            return False
        return self.criteria.keeps(model.rows[source_row].entry)
