"""What the Systems Catalogue dock lists, read from the project in a few queries: each system
with its owner, the data items it holds (and which other systems hold the same data), and
how many cards use it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analysis.finding_catalogue import data_key
from app.model.catalogue import DataItem, System, card_system
from app.model.structure import Card, Lane, Step


@dataclass(frozen=True)
class DataItemRow:
    id: str
    name: str
    also_in: tuple[str, ...] = ()  # the other systems holding the same data, by name

    @property
    def note(self) -> str:
        """ "also held in: Mental health trust records", or nothing."""
        return f"also held in: {', '.join(self.also_in)}" if self.also_in else ""


@dataclass(frozen=True)
class SystemRow:
    id: str
    name: str
    owner: str
    description: str
    cards: int
    data_items: tuple[DataItemRow, ...] = field(default_factory=tuple)

    @property
    def duplicated(self) -> int:
        """How many of its data items another system holds too."""
        return sum(1 for item in self.data_items if item.also_in)


def catalogue_rows(session: Session, project_id: str) -> list[SystemRow]:
    """The project's systems in name order, each with its data items in order."""
    systems = session.execute(
        select(System.id, System.name, System.owner, System.description).where(
            System.project_id == project_id
        )
    ).all()
    items = session.execute(
        select(DataItem.id, DataItem.system_id, DataItem.name)
        .join(System, System.id == DataItem.system_id)
        .where(System.project_id == project_id)
        .order_by(DataItem.system_id, DataItem.position)
    ).all()
    counts = dict(
        session.execute(
            select(card_system.c.system_id, func.count())
            .join(System, System.id == card_system.c.system_id)
            .where(System.project_id == project_id)
            .group_by(card_system.c.system_id)
        ).all()
    )
    names = {system_id: name for system_id, name, _owner, _description in systems}
    holders: dict[str, set[str]] = defaultdict(set)
    for _item_id, system_id, name in items:
        holders[data_key(name)].add(system_id)
    held: dict[str, list[DataItemRow]] = defaultdict(list)
    for item_id, system_id, name in items:
        others = sorted(
            (names[other] for other in holders[data_key(name)] if other != system_id),
            key=str.casefold,
        )
        held[system_id].append(DataItemRow(item_id, name, tuple(others)))
    rows = [
        SystemRow(
            system_id, name, owner, description, counts.get(system_id, 0), tuple(held[system_id])
        )
        for system_id, name, owner, description in systems
    ]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.id))


def cards_using(session: Session, system_id: str) -> dict[str, list[str]]:
    """The cards naming the system, per blueprint id, in reading order (step by step)."""
    rows = session.execute(
        select(Lane.blueprint_id, Card.id)
        .join(card_system, card_system.c.card_id == Card.id)
        .join(Lane, Lane.id == Card.lane_id)
        .join(Step, Step.id == Card.step_id)
        .where(card_system.c.system_id == system_id)
        .order_by(Step.position, Lane.position, Card.position)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for blueprint_id, card_id in rows:
        found[blueprint_id].append(card_id)
    return dict(found)


def counted_cards(count: int) -> str:
    return "no cards" if count == 0 else "1 card" if count == 1 else f"{count} cards"
