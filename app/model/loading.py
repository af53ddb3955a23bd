"""Load whole blueprints at once, as the canvas and the exporters need them.

One query per kind of row for the whole project, then every collection is filled from
those rows (``set_committed_value``), instead of lazy loads per lane, step or card or
``selectinload``'s chunked IN lists (about four times slower at 10,000 cards).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.model.method import Emotion, KeyMoment, PainPoint
from app.model.structure import Blueprint, Card, Connector, Lane, Stage, Step


def _group(rows: Iterable, key: str) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def _fill(owners: Iterable, attribute: str, groups: dict[str, list]) -> None:
    for owner in owners:
        set_committed_value(owner, attribute, groups.get(owner.id, []))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading creates tens of thousands of linked objects at once; the cyclic garbage
    collector would scan them over and over meanwhile (half of the load time at 10,000
    cards), and none of them is garbage yet."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_blueprints(session: Session) -> list[Blueprint]:
    with gc_paused():
        return _load_blueprints(session)


def _load_blueprints(session: Session) -> list[Blueprint]:
    """Every blueprint of the project with what drawing it needs already loaded: stages,
    steps, lanes, cards (``lane.cards``, ``step.cards``), connectors (``blueprint.connectors``),
    pain points, emotions and key moments. ``card.outgoing``, ``card.incoming`` and
    ``card.systems`` stay lazy (one query when a single card's details are shown): filling
    them for every card would cost a third of the load time."""
    blueprints = list(session.scalars(select(Blueprint).order_by(Blueprint.position)))
    stages = session.scalars(select(Stage).order_by(Stage.position)).all()
    steps = session.scalars(select(Step).order_by(Step.position)).all()
    lanes = session.scalars(select(Lane).order_by(Lane.position)).all()
    cards = session.scalars(select(Card).order_by(Card.position)).all()
    connectors = session.scalars(select(Connector)).all()
    pain_points = session.scalars(select(PainPoint)).all()
    emotions = {e.step_id: e for e in session.scalars(select(Emotion))}
    moments = {m.step_id: m for m in session.scalars(select(KeyMoment))}

    _fill(blueprints, "stages", _group(stages, "blueprint_id"))
    _fill(blueprints, "steps", _group(steps, "blueprint_id"))
    _fill(blueprints, "lanes", _group(lanes, "blueprint_id"))
    _fill(blueprints, "connectors", _group(connectors, "blueprint_id"))
    _fill(stages, "steps", _group(steps, "stage_id"))
    _fill(lanes, "cards", _group(cards, "lane_id"))
    _fill(steps, "cards", _group(cards, "step_id"))
    _fill(cards, "pain_points", _group((p for p in pain_points if p.card_id), "card_id"))
    _fill(steps, "pain_points", _group((p for p in pain_points if p.step_id), "step_id"))
    for step in steps:
        set_committed_value(step, "emotion", emotions.get(step.id))
        set_committed_value(step, "key_moment", moments.get(step.id))
    return blueprints
