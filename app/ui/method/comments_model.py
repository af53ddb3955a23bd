"""Comments read for the window: every comment of the project as rows of the comments list
(what it is on, in which blueprint, by whom, when), and the notes the canvas shows on the
cards and steps that have unresolved comments ("2 comments, latest by Ann")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.canvas.tooltips import plain_tip
from app.model.base import Base
from app.model.catalogue import Comment
from app.model.method import PainPoint
from app.model.structure import Blueprint, Card, Lane, Step

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole  # the CommentRow of a row
SHORT_NAME = 48  # characters of an item's name shown in the list
NOTE_TEXT = 80  # characters of the latest comment shown in a canvas tooltip

# What each kind of item is called in the list.
KIND_NAMES = {
    "Card": "card",
    "Step": "step",
    "PainPoint": "pain point",
    "Opportunity": "opportunity",
    "Blueprint": "blueprint",
    "Lane": "lane",
    "Stage": "stage",
    "Connector": "connector",
    "System": "system",
    "Actor": "actor",
}


def kind_named(name: str) -> type[Base] | None:
    """The model class called ``name`` ("Card", "PainPoint"), as comments record it."""
    for mapper in Base.registry.mappers:
        if mapper.class_.__name__ == name:
            return mapper.class_
    return None


def shorten(text: str, limit: int) -> str:
    """The first line of ``text``, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split("\n", 1)[0].split())
    if "\n" in text.strip() and len(line) < limit:
        line += " …"
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def item_name(item: Base) -> str:
    """A short name for an item: a card's text, a step's title, a pain point's
    description, an opportunity's title, or else whatever name the item has."""
    for attribute in ("text", "title", "description", "name"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value.strip():
            return shorten(value, SHORT_NAME)
    return "(no text)"


def blueprint_of(item: Base) -> Blueprint | None:
    """The blueprint an item is drawn in (None for the project's own items)."""
    if isinstance(item, Card):
        return item.lane.blueprint
    if isinstance(item, PainPoint):
        owner = item.card if item.card is not None else item.step
        return blueprint_of(owner) if owner is not None else None
    if isinstance(item, Blueprint):
        return item
    return getattr(item, "blueprint", None)


def local_time(moment: datetime, now: datetime | None = None) -> str:
    """When, in the user's time zone: "Today, 14:05", "Yesterday, 09:12", "3 Nov 2025, 18:10".
    Times are stored in UTC (a time without a zone is read as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"Today, {clock}"
    if local.date() == today - timedelta(days=1):
        return f"Yesterday, {clock}"
    return f"{local.day} {local:%b %Y}, {clock}"


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class CommentRow:
    """One comment as the list shows it."""

    id: str
    kind: str  # the item's class name: "Card", "Step", "PainPoint", "Opportunity", ...
    item_id: str
    on: str  # 'card "Receives letter"'
    item_name: str
    blueprint_id: str | None
    blueprint: str  # the blueprint's name, "" for the project's own items
    author: str
    created_at: datetime
    text: str
    resolved: bool
    gone: bool = False  # the item it was on no longer exists

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind.lower())

    @property
    def when(self) -> str:
        return local_time(self.created_at)

    def describe(self) -> str:
        """The whole row as one sentence, for screen readers and tooltips."""
        where = f" in {self.blueprint}" if self.blueprint else ""
        state = " (resolved)" if self.resolved else ""
        return f"{self.author}, {self.when}, on {self.on}{where}{state}: {self.text}"


def comment_rows(session: Session) -> list[CommentRow]:
    """Every comment of the project, newest first."""
    comments = session.scalars(select(Comment).order_by(Comment.created_at.desc(), Comment.id))
    rows: list[CommentRow] = []
    for comment in comments:
        kind = kind_named(comment.item_kind)
        item = session.get(kind, comment.item_id) if kind is not None else None
        kind_name = KIND_NAMES.get(comment.item_kind, comment.item_kind.lower())
        name = item_name(item) if item is not None else "(deleted)"
        blueprint = blueprint_of(item) if item is not None else None
        rows.append(
            CommentRow(
                id=comment.id,
                kind=comment.item_kind,
                item_id=comment.item_id,
                on=f"{kind_name} “{name}”",
                item_name=name,
                blueprint_id=blueprint.id if blueprint is not None else None,
                blueprint=blueprint.name if blueprint is not None else "",
                author=comment.author,
                created_at=comment.created_at,
                text=comment.text,
                resolved=comment.resolved,
                gone=item is None,
            )
        )
    return rows


def comment_note(count: int, latest_author: str, latest_text: str) -> str:
    """A commented item's tooltip: "2 comments, latest by Ann" and the latest's first words."""
    head = f"{counted(count, 'comment')}, latest by {latest_author}"
    if count == 1:
        head = f"1 comment by {latest_author}"
    return f"{head}\n“{shorten(latest_text, NOTE_TEXT)}”"


def canvas_notes(session: Session, blueprint_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """The cards and the steps of a blueprint that have unresolved comments, each with its
    tooltip. One query that walks from each comment to its card or step by primary key, so
    it costs the same on a map of ten cards or ten thousand."""
    query = (
        select(Comment.item_kind, Comment.item_id, Comment.author, Comment.text)
        .outerjoin(Card, Card.id == Comment.item_id)
        .outerjoin(Lane, Lane.id == Card.lane_id)
        .outerjoin(Step, Step.id == Comment.item_id)
        .where(
            Comment.resolved.is_(False),
            or_(Lane.blueprint_id == blueprint_id, Step.blueprint_id == blueprint_id),
        )
        .order_by(Comment.created_at, Comment.id)
    )
    found: dict[str, dict[str, list[tuple[str, str]]]] = {
        "Card": defaultdict(list),
        "Step": defaultdict(list),
    }
    for kind, item_id, author, text in session.execute(query):
        if kind in found:
            found[kind][item_id].append((author, text))
    cards, steps = (
        {
            item_id: comment_note(len(entries), *entries[-1])
            for item_id, entries in found[kind].items()
        }
        for kind in ("Card", "Step")
    )
    return cards, steps


class CommentsModel(QAbstractListModel):
    """Every comment of the project, newest first; each row's CommentRow is in ROW_ROLE."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CommentRow] = []

    def set_rows(self, rows: list[CommentRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.describe())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.describe()
        return None

    def row_of(self, comment_id: str) -> int | None:
        for number, row in enumerate(self.rows):
            if row.id == comment_id:
                return number
        return None


class CommentsFilter(QSortFilterProxyModel):
    """What the list shows: resolved comments or not, those matching the search, and
    optionally only the comments on one item."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_resolved = False
        self.search = ""
        self.item_id: str | None = None

    def set_show_resolved(self, shown: bool) -> None:
        self._change("show_resolved", shown)

    def set_search(self, text: str) -> None:
        self._change("search", text.strip().casefold())

    def set_item(self, item_id: str | None) -> None:
        self._change("item_id", item_id)

    def _change(self, name: str, value: object) -> None:
        if getattr(self, name) != value:
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row: CommentRow = self.sourceModel().rows[source_row]
        if self.item_id is not None and row.item_id != self.item_id:
            return False
        if row.resolved and not self.show_resolved:
            return False
        if self.search:
            haystack = " ".join((row.text, row.author, row.on, row.blueprint)).casefold()
            return all(word in haystack for word in self.search.split())
        return True
