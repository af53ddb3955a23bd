"""Grow a blueprint by repeating its journey in rounds, for trying and benchmarking big maps.

Each round copies the stages (titled "Booking (round 2)" …), steps, cards with their actors
and systems, connectors, pain points and emotions of the original journey. Rows are inserted
in bulk: going through add_card one by one is quadratic in the cards of a lane. The rules of
the operations still hold: positions stay dense and the copies are plain as-is items
(no lineage, which is kept for to-be copies).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import insert

from app.model.base import new_uuid
from app.model.catalogue import card_system
from app.model.duplicate import PAIN_POINT_FIELDS
from app.model.errors import ModelError
from app.model.kinds import LaneKind
from app.model.method import Emotion, PainPoint
from app.model.sessions import session_of
from app.model.structure import Blueprint, Card, Connector, Stage, Step

CARD_COPIED = (
    "lane_id",
    "position",
    "text",
    "actor_id",
    "channel",
    "duration_minutes",
    "fail_point",
    "wait_point",
    "notes",
)


class _Rows:
    """The rows of the rounds, by table, inserted in an order foreign keys accept."""

    def __init__(self) -> None:
        self.stages: list[dict[str, Any]] = []
        self.steps: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.connectors: list[dict[str, Any]] = []
        self.pain_points: list[dict[str, Any]] = []
        self.emotions: list[dict[str, Any]] = []
        self.card_systems: list[dict[str, Any]] = []

    def insert(self, session: Any) -> None:
        for model, rows in (
            (Stage, self.stages),
            (Step, self.steps),
            (Card, self.cards),
            (Connector, self.connectors),
            (PainPoint, self.pain_points),
            (Emotion, self.emotions),
        ):
            if rows:
                session.execute(insert(model), rows)
        if self.card_systems:
            session.execute(insert(card_system), self.card_systems)


def repeat_journey(blueprint: Blueprint, cards: int) -> int:
    """Append rounds of ``blueprint``'s journey, a step at a time, until at least ``cards``
    cards were added (at most one step's cards more); return how many were added."""
    session = session_of(blueprint)
    session.flush()
    steps = list(blueprint.steps)
    by_step: dict[str, list[Card]] = defaultdict(list)
    for lane in blueprint.lanes:
        for card in lane.cards:
            by_step[card.step_id].append(card)
    if cards <= 0:
        return 0
    if not any(by_step.values()):
        raise ModelError(f"blueprint {blueprint.name!r} has no cards to repeat")
    journey = _customer_journey(blueprint)
    rows = _Rows()
    stage_at, step_at, added, round_no = len(blueprint.stages), len(steps), 0, 1
    previous_last: str | None = None
    while added < cards:
        round_no += 1
        stage_ids: dict[str, str] = {}
        card_ids: dict[str, str] = {}
        for step in steps:
            if added >= cards:
                break
            stage_id = None
            if step.stage is not None:
                if step.stage.id not in stage_ids:
                    stage_ids[step.stage.id] = new_uuid()
                    title = f"{step.stage.title} (round {round_no})"
                    rows.stages.append(_row(stage_ids[step.stage.id], blueprint, title, stage_at))
                    stage_at += 1
                stage_id = stage_ids[step.stage.id]
            step_id = new_uuid()
            rows.steps.append(
                {**_row(step_id, blueprint, step.title, step_at), "stage_id": stage_id}
            )
            step_at += 1
            _copy_step_method(step, step_id, rows)
            for card in by_step[step.id]:
                card_ids[card.id] = new_uuid()
                rows.cards.append(_card_row(card, card_ids[card.id], step_id, rows))
            added += len(by_step[step.id])
        _copy_connectors(blueprint, card_ids, rows)
        first = card_ids.get(journey[0]) if journey else None
        if previous_last and first:
            rows.connectors.append(_connector_row(blueprint, previous_last, first, "flow"))
        previous_last = card_ids.get(journey[-1]) if journey else None
    rows.insert(session)
    _forget_collections(blueprint)
    return added


def _row(row_id: str, blueprint: Blueprint, title: str, position: int) -> dict[str, Any]:
    return {"id": row_id, "blueprint_id": blueprint.id, "title": title, "position": position}


def _customer_journey(blueprint: Blueprint) -> list[str]:
    """The customer-action cards in timeline order: the last of one round flows to the
    first of the next."""
    lanes = [lane for lane in blueprint.lanes if lane.kind == LaneKind.CUSTOMER_ACTIONS]
    cards = [card for lane in lanes for card in lane.cards]
    cards.sort(key=lambda card: (card.step.position, card.position))
    return [card.id for card in cards]


def _card_row(card: Card, card_id: str, step_id: str, rows: _Rows) -> dict[str, Any]:
    for system in card.systems:
        rows.card_systems.append({"card_id": card_id, "system_id": system.id})
    for pain in card.pain_points:
        rows.pain_points.append(_pain_row(pain, card_id=card_id, step_id=None))
    copied = {name: getattr(card, name) for name in CARD_COPIED}
    return {"id": card_id, "step_id": step_id, **copied}


def _copy_step_method(step: Step, step_id: str, rows: _Rows) -> None:
    for pain in step.pain_points:
        rows.pain_points.append(_pain_row(pain, card_id=None, step_id=step_id))
    if step.emotion is not None:
        emotion = step.emotion
        rows.emotions.append(
            {
                "id": new_uuid(),
                "step_id": step_id,
                "service_user": emotion.service_user,
                "staff": emotion.staff,
            }
        )


def _pain_row(pain: PainPoint, card_id: str | None, step_id: str | None) -> dict[str, Any]:
    copied = {name: getattr(pain, name) for name in PAIN_POINT_FIELDS}
    return {"id": new_uuid(), "card_id": card_id, "step_id": step_id, **copied}


def _copy_connectors(blueprint: Blueprint, card_ids: dict[str, str], rows: _Rows) -> None:
    for connector in blueprint.connectors:
        source = card_ids.get(connector.source_id)
        target = card_ids.get(connector.target_id)
        if source and target:
            rows.connectors.append(
                _connector_row(blueprint, source, target, connector.kind, connector.label)
            )


def _connector_row(
    blueprint: Blueprint, source: str, target: str, kind: Any, label: str = ""
) -> dict[str, Any]:
    return {
        "id": new_uuid(),
        "blueprint_id": blueprint.id,
        "source_id": source,
        "target_id": target,
        "kind": kind,
        "label": label,
    }


def _forget_collections(blueprint: Blueprint) -> None:
    """The bulk insert bypassed the loaded collections; reload them on next use."""
    session = session_of(blueprint)
    session.expire(blueprint, ["stages", "steps", "connectors"])
    for lane in blueprint.lanes:
        session.expire(lane, ["cards"])
    for system in blueprint.project.systems:
        session.expire(system, ["cards"])
