"""The project's opportunities as a table model in the order of the priority rule, with a
proxy that sorts by any column and keeps one status (or every open one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.analysis.priority import Priority, prioritise
from app.canvas.tooltips import plain_tip
from app.model.kinds import OpportunityStatus
from app.model.structure import Project

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
ID_ROLE = Role.UserRole  # the opportunity's id
SORT_ROLE = Role.UserRole + 1  # what the column sorts by
PRIORITY_ROLE = Role.UserRole + 2  # the Priority of the row

COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank", "Rank"),
    ("title", "Opportunity"),
    ("need", "Need"),
    ("feasibility", "Feasibility"),
    ("impact", "Impact"),
    ("effort", "Effort"),
    ("quick_win", "Quick win"),
    ("exemplar", "Exemplar"),
    ("scale", "Scale"),
    ("status", "Status"),
    ("owner", "Owner"),
    ("target_date", "Target date"),
    ("pain_points", "Pain points"),
)
COLUMN = {key: number for number, (key, _title) in enumerate(COLUMNS)}
HEADER_TIPS = {
    "rank": "Place under the priority rule; candidates missing a condition prepare the ground "
    "first (Help → How Opportunities Are Ranked)",
    "need": "Severity × 1.5 for an underserved group × (1 + log10(1 + people affected))",
    "feasibility": "Mean of the three conditions, less a tenth for each point of effort (0–5)",
    "impact": "Impact, 0–5",
    "effort": "Effort, 0–5: less effort ranks higher",
    "pain_points": "How many pain points it answers",
}
_RIGHT, _CENTRE = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter
ALIGNED = {
    "need": _RIGHT,
    "feasibility": _RIGHT,
    "impact": _RIGHT,
    "effort": _RIGHT,
    "pain_points": _RIGHT,
    "quick_win": _CENTRE,
    "exemplar": _CENTRE,
}
MARK = "✓"
WAITING_COLOUR = QColor("#8a5a00")
ALL_STATUSES = ""
OPEN_STATUSES = "open"  # the filter value for "not done or parked"
CLOSED = {OpportunityStatus.DONE, OpportunityStatus.PARKED}


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    """One opportunity as the dock shows it: where the rule puts it, and its fields."""

    priority: Priority
    order: int  # its place in the rule's order (0 first)
    scale: str
    status: OpportunityStatus
    owner: str
    target_date: date | None
    pain_points: int
    description: str

    @property
    def id(self) -> str:
        return self.priority.id


def opportunity_rows(project: Project) -> list[OpportunityRow]:
    """The project's opportunities in the order of the priority rule."""
    opportunities = {o.id: o for o in project.opportunities}
    rows = []
    for order, priority in enumerate(prioritise(opportunities.values())):
        o = opportunities[priority.id]
        rows.append(
            OpportunityRow(
                priority=priority,
                order=order,
                scale=o.scale.value if o.scale is not None else "",
                status=o.status,
                owner=o.owner or "",
                target_date=o.target_date,
                pain_points=len(o.pain_points),
                description=o.description or "",
            )
        )
    return rows


def score_text(value: int | None) -> str:
    return "–" if value is None else str(value)


class OpportunitiesModel(QAbstractTableModel):
    """Rows in the rule's order; ``show`` replaces them all (there are tens, not thousands)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OpportunityRow] = []

    def show(self, rows: list[OpportunityRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, opportunity_id: str) -> int | None:
        return next((n for n, row in enumerate(self.rows) if row.id == opportunity_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key, title = COLUMNS[section]
        if role == Role.DisplayRole:
            return title
        if role == Role.ToolTipRole:
            return HEADER_TIPS.get(key)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Role.DisplayRole:
            return self._text(row, key)
        if role == SORT_ROLE:
            return self._sort_value(row, key)
        if role == ID_ROLE:
            return row.id
        if role == PRIORITY_ROLE:
            return row.priority
        if role == Role.ToolTipRole:
            return plain_tip(self._tip(row, key))
        if role == Role.AccessibleTextRole and key in ("quick_win", "exemplar"):
            return "yes" if self._text(row, key) else "no"
        if role == Role.TextAlignmentRole and key in ALIGNED:
            return int(ALIGNED[key] | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ForegroundRole and key == "rank" and not row.priority.ranked:
            return QBrush(WAITING_COLOUR)
        if role == Role.FontRole and key == "rank":
            font = QFont()
            font.setBold(row.priority.ranked)
            font.setItalic(not row.priority.ranked)
            return font
        return None

    @staticmethod
    def _text(row: OpportunityRow, key: str) -> str:
        p = row.priority
        values = {
            "rank": p.standing,
            "title": p.title,
            "need": f"{p.need:.1f}",
            "feasibility": f"{p.feasibility:.1f}",
            "impact": score_text(p.impact),
            "effort": score_text(p.effort),
            "quick_win": MARK if p.quick_win else "",
            "exemplar": MARK if p.exemplar else "",
            "scale": row.scale,
            "status": row.status.value,
            "owner": row.owner,
            "target_date": row.target_date.isoformat() if row.target_date else "",
            "pain_points": str(row.pain_points),
        }
        return values[key]

    @staticmethod
    def _sort_value(row: OpportunityRow, key: str) -> Any:
        p = row.priority
        if key == "rank":
            return row.order
        if key in ("need", "feasibility"):
            return round(getattr(p, key), 6)
        if key in ("impact", "effort"):
            value = getattr(p, key)
            return -1 if value is None else value
        if key in ("quick_win", "exemplar"):
            return int(getattr(p, key))
        if key == "status":
            return list(OpportunityStatus).index(row.status)
        if key == "pain_points":
            return row.pain_points
        return OpportunitiesModel._text(row, key).casefold()

    @staticmethod
    def _tip(row: OpportunityRow, key: str) -> str | None:
        if key in ("rank", "title", "need", "feasibility"):
            lines = [row.priority.title]
            if key == "title" and row.description:
                lines.append(row.description)
            return "\n".join(lines + list(row.priority.reasons))
        return None


class OpportunityFilter(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and keeps the rows of one status, every open one (not done
    or parked), or all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = ALL_STATUSES
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.status == ALL_STATUSES:
            return True
        model = self.sourceModel()
        if not isinstance(model, OpportunitiesModel) or source_row >= len(model.rows):
            return True
        status = model.rows[source_row].status
        if self.status == OPEN_STATUSES:
            return status not in CLOSED
        return status.value == self.status
