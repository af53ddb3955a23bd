"""What the comparison reads beyond the analysis facts (app.analysis.facts): the lineage
of two blueprints' lanes, steps, cards and pain points, and the cards' notes, in a few
column queries (no ORM objects), so comparing two 5,000-card blueprints stays quick."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.analysis.facts import ProjectFacts, read_facts
from app.model.method import PainPoint
from app.model.structure import Card, Lane, Step


@dataclass
class Lineage:
    """``*_origin`` maps an item's UUID to the UUID of the row it was copied from."""

    lanes: dict[str, str | None] = field(default_factory=dict)
    steps: dict[str, str | None] = field(default_factory=dict)
    cards: dict[str, str | None] = field(default_factory=dict)
    pain_points: dict[str, str | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # card id: its notes


def read_both(
    session: Session, blueprint_ids: Collection[str], facts: ProjectFacts | None = None
) -> tuple[ProjectFacts, Lineage]:
    """The facts of the blueprints (``facts`` when already read with both of them) and
    their lineage."""
    session.flush()
    if facts is None or not all(i in facts.blueprints for i in blueprint_ids):
        facts = read_facts(session, blueprint_ids)
    wanted = list(blueprint_ids)
    lineage = Lineage()
    rows = session.execute(select(Lane.id, Lane.derived_from).where(Lane.blueprint_id.in_(wanted)))
    lineage.lanes = {lane_id: source for lane_id, source in rows}
    rows = session.execute(select(Step.id, Step.derived_from).where(Step.blueprint_id.in_(wanted)))
    lineage.steps = {step_id: source for step_id, source in rows}
    rows = session.execute(
        select(Card.id, Card.derived_from, Card.notes)
        .join(Lane, Lane.id == Card.lane_id)
        .where(Lane.blueprint_id.in_(wanted))
    )
    for card_id, origin, notes in rows:
        lineage.cards[card_id] = origin
        lineage.notes[card_id] = notes or ""
    rows = session.execute(select(PainPoint.id, PainPoint.derived_from))
    lineage.pain_points = {
        pain_id: origin for pain_id, origin in rows if pain_id in facts.pain_points
    }
    return facts, lineage
