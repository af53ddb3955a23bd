"""Duplicate a blueprint as a to-be that keeps the lineage of every lane, step, card and link."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.model.editing_rules import checked
from app.model.kinds import BlueprintKind
from app.model.method import Emotion, KeyMoment, PainPoint
from app.model.ordering import insert_ordered
from app.model.sessions import session_of
from app.model.structure import Blueprint, Card, Connector, Lane, Stage, Step

PAIN_POINT_FIELDS = (
    "description",
    "severity",
    "perspective",
    "evidence",
    "people_affected",
    "underserved_group",
    "resolved",
)


def _copy_pain_points(source: Card | Step, target: Card | Step) -> None:
    for pain in source.pain_points:
        fields = {name: getattr(pain, name) for name in PAIN_POINT_FIELDS}
        target.pain_points.append(PainPoint(**fields, derived_from=pain.id))


def duplicate_as_to_be(source: Blueprint, name: str | None = None) -> Blueprint:
    """A new to-be blueprint placed after ``source``; each copy names its original in
    ``derived_from`` so the two can be compared later."""
    session = session_of(source)
    with session.no_autoflush:
        copy = _copy(source, name, session)
    session.flush()
    return copy


def _copy(source: Blueprint, name: str | None, session: Session) -> Blueprint:
    values = checked("Blueprint", {"name": name or f"{source.name} (to-be)"})
    copy = Blueprint(
        name=values["name"],
        kind=BlueprintKind.TO_BE,
        description=source.description,
        derived_from=source,
    )
    insert_ordered(source.project.blueprints, copy, source.position + 1)

    stages: dict[str, Stage] = {}
    for stage in source.stages:
        stages[stage.id] = Stage(title=stage.title, position=stage.position, derived_from=stage.id)
        copy.stages.append(stages[stage.id])
    steps: dict[str, Step] = {}
    for step in source.steps:
        new = Step(
            title=step.title,
            position=step.position,
            stage=stages.get(step.stage_id) if step.stage_id else None,
            derived_from=step.id,
        )
        if step.emotion is not None:
            new.emotion = Emotion(service_user=step.emotion.service_user, staff=step.emotion.staff)
        if step.key_moment is not None:
            moment = step.key_moment
            new.key_moment = KeyMoment(
                importance_to_user=moment.importance_to_user,
                importance_to_provider=moment.importance_to_provider,
                note=moment.note,
            )
        _copy_pain_points(step, new)
        steps[step.id] = new
        copy.steps.append(new)
    cards: dict[str, Card] = {}
    for lane in source.lanes:
        new_lane = Lane(
            kind=lane.kind,
            title=lane.title,
            position=lane.position,
            height=lane.height,
            derived_from=lane.id,
        )
        copy.lanes.append(new_lane)
        for card in lane.cards:
            new_card = Card(
                lane=new_lane,
                step=steps[card.step_id],
                position=card.position,
                text=card.text,
                actor=card.actor,
                channel=card.channel,
                duration_minutes=card.duration_minutes,
                fail_point=card.fail_point,
                wait_point=card.wait_point,
                notes=card.notes,
                derived_from=card.id,
            )
            # Cards hang from a lane and a step; neither cascades them into the session
            # through a backref, so add each one.
            session.add(new_card)
            new_card.systems.extend(card.systems)
            _copy_pain_points(card, new_card)
            cards[card.id] = new_card
    for connector in source.connectors:
        session.add(
            Connector(
                blueprint=copy,
                source=cards[connector.source_id],
                target=cards[connector.target_id],
                kind=connector.kind,
                label=connector.label,
                derived_from=connector.id,
            )
        )
    return copy
