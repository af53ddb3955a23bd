"""Where an item a finding names is on the map: a card, step or pain point is itself; a
stage is its first step; a system (or one of its data items) and an actor are the first
card that uses the system or is done by the actor, preferring the finding's blueprint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from app.analysis.findings import ItemRef
from app.model.catalogue import DataItem, card_system
from app.model.method import PainPoint
from app.model.structure import Blueprint, Card, Lane, Stage, Step
from app.ui.method.jump import jump_to

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

KIND_WORDS = {
    "card": "Card",
    "step": "Step",
    "stage": "Stage",
    "system": "System",
    "data item": "Data item",
    "actor": "Role",
    "pain point": "Pain point",
}


def place_of(
    session: Session, item: ItemRef, prefer: str | None = None
) -> Card | Step | PainPoint | None:
    """The card, step or pain point to show for ``item``; None when it has no place on a
    map (a system no card uses, an item deleted since)."""
    if item.kind == "card":
        return session.get(Card, item.id)
    if item.kind == "step":
        return session.get(Step, item.id)
    if item.kind == "pain point":
        return session.get(PainPoint, item.id)
    if item.kind == "stage":
        stage = session.get(Stage, item.id)
        return stage.steps[0] if stage is not None and stage.steps else None
    prefer = item.blueprint_id or prefer
    if item.kind == "data item":
        system_id = session.scalar(select(DataItem.system_id).where(DataItem.id == item.id))
        return None if system_id is None else _first_card(session, prefer, system_id=system_id)
    if item.kind == "system":
        return _first_card(session, prefer, system_id=item.id)
    if item.kind == "actor":
        return _first_card(session, prefer, actor_id=item.id)
    return None


def _first_card(
    session: Session,
    prefer: str | None,
    *,
    system_id: str | None = None,
    actor_id: str | None = None,
) -> Card | None:
    query = (
        select(Card.id)
        .join(Lane, Lane.id == Card.lane_id)
        .join(Step, Step.id == Card.step_id)
        .join(Blueprint, Blueprint.id == Lane.blueprint_id)
    )
    if system_id is not None:
        query = query.join(card_system, card_system.c.card_id == Card.id).where(
            card_system.c.system_id == system_id
        )
    else:
        query = query.where(Card.actor_id == actor_id)
    first = case((Lane.blueprint_id == (prefer or ""), 0), else_=1)
    query = query.order_by(first, Blueprint.position, Step.position, Lane.position, Card.position)
    card_id = session.scalar(query.limit(1))
    return None if card_id is None else session.get(Card, card_id)


def jump_to_item(window: MainWindow, session: Session, item: ItemRef) -> bool:
    """Show ``item`` on the map (its blueprint first); False when it has no place."""
    editor = window.workspace.current
    place = place_of(session, item, editor.blueprint_id if editor is not None else None)
    return place is not None and jump_to(window, place)
