"""Filling a blueprint's overlay index (overlay_index.py) from the model and following the
edits: from a loaded blueprint (for print and the lists), or from the project file and the
layout's shape in a few queries for the whole blueprint; then, edit by edit, reading again
only what a ChangeSet names.

Commands that change pain points name the cards those are on (``cards_changed``); a
step's own pain points are few and read again on any change of pain points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.layout.overlay_index import OverlayIndex, PainRecord
from app.layout.overlay_values import SWEET_SPOT_AT
from app.layout.shape import BlueprintShape, CardShape
from app.model.changes import ChangeSet
from app.model.kinds import Perspective
from app.model.loading import gc_paused
from app.model.method import Emotion, KeyMoment, PainPoint
from app.model.structure import Blueprint, Card, Step

PAIN_COLUMNS = (
    PainPoint.id,
    PainPoint.card_id,
    PainPoint.step_id,
    PainPoint.description,
    PainPoint.severity,
    PainPoint.perspective,
    PainPoint.evidence,
    PainPoint.people_affected,
    PainPoint.underserved_group,
    PainPoint.resolved,
)


def pain_record(pain: PainPoint) -> PainRecord:
    return PainRecord(
        pain.id,
        pain.card_id,
        pain.step_id,
        pain.description,
        pain.severity,
        pain.perspective,
        pain.evidence,
        pain.people_affected,
        pain.underserved_group,
        pain.resolved,
    )


def _grouped(rows: Iterable) -> dict[str, list[PainRecord]]:
    owners: dict[str, list[PainRecord]] = {}
    for row in rows:
        record = PainRecord(*row)
        owners.setdefault(record.card_id or record.step_id or "", []).append(record)
    return owners


def index_of_blueprint(
    blueprint: Blueprint,
    *,
    perspective: Perspective | None = None,
    include_resolved: bool = False,
    sweet_spot_at: int = SWEET_SPOT_AT,
) -> OverlayIndex:
    """The index of a loaded blueprint (app/model/loading.py), read from its objects."""
    with gc_paused():  # thousands of small objects, none of them garbage
        return _read_blueprint(blueprint, perspective, include_resolved, sweet_spot_at)


def _read_blueprint(
    blueprint: Blueprint,
    perspective: Perspective | None,
    include_resolved: bool,
    sweet_spot_at: int,
) -> OverlayIndex:
    index = OverlayIndex(
        [(lane.id, lane.title) for lane in blueprint.lanes],
        [(step.id, step.title, step.stage_id) for step in blueprint.steps],
        {stage.id: stage.title for stage in blueprint.stages},
        perspective=perspective,
        include_resolved=include_resolved,
        sweet_spot_at=sweet_spot_at,
    )
    cards: dict[str, CardShape] = {}
    pains: dict[str, list[PainRecord]] = {}
    minutes: dict[str, int | None] = {}
    emotions: dict[str, tuple[int | None, int | None]] = {}
    moments: dict[str, tuple[int, int, str]] = {}
    for step in blueprint.steps:
        if step.pain_points:
            pains[step.id] = [pain_record(pain) for pain in step.pain_points]
        for card in step.cards:
            if card.pain_points:
                pains[card.id] = [pain_record(pain) for pain in card.pain_points]
            elif not card.wait_point:
                continue
            cards[card.id] = CardShape(
                card.id,
                card.lane_id,
                card.step_id,
                card.position,
                card.text,
                wait_point=card.wait_point,
            )
            if card.wait_point:
                minutes[card.id] = card.duration_minutes
        emotion, moment = step.emotion, step.key_moment
        if emotion is not None:
            emotions[step.id] = (emotion.service_user, emotion.staff)
        if moment is not None:
            moments[step.id] = (
                moment.importance_to_user,
                moment.importance_to_provider,
                moment.note,
            )
    index.load(cards, pains, minutes, emotions, moments)
    return index


def index_of_shape(
    session: Session, shape: BlueprintShape, *, perspective: Perspective | None = None
) -> OverlayIndex:
    """The index of the blueprint laid out as ``shape``, read from the project file in a
    few queries (no ORM objects are loaded for it)."""
    with gc_paused():
        return _read_file(session, shape, perspective)


def _read_file(
    session: Session, shape: BlueprintShape, perspective: Perspective | None
) -> OverlayIndex:
    index = OverlayIndex(
        [(lane.id, lane.title) for lane in shape.lanes],
        [(step.id, step.title, step.stage_id) for step in shape.steps],
        {stage.id: stage.title for stage in shape.stages},
        perspective=perspective,
    )
    shapes = shape.cards
    steps = index.step_index
    pains = {
        owner: records
        for owner, records in _grouped(session.execute(select(*PAIN_COLUMNS))).items()
        if owner in shapes or owner in steps
    }
    minutes = {
        card_id: duration
        for card_id, duration in session.execute(
            select(Card.id, Card.duration_minutes).where(Card.wait_point)
        )
        if card_id in shapes
    }
    cards = {
        card_id: shapes[card_id] for card_id in pains.keys() | minutes.keys() if card_id in shapes
    }
    index.load(cards, pains, minutes, *_moments_of(session, shape.id, index))
    return index


def _moments_of(
    session: Session, blueprint_id: str, index: OverlayIndex
) -> tuple[dict[str, tuple[int | None, int | None]], dict[str, tuple[int, int, str]]]:
    emotions = {
        step_id: (user, staff)
        for step_id, user, staff in session.execute(
            select(Emotion.step_id, Emotion.service_user, Emotion.staff)
            .join(Step, Step.id == Emotion.step_id)
            .where(Step.blueprint_id == blueprint_id)
        )
    }
    moments = {
        step_id: (user, provider, note)
        for step_id, user, provider, note in session.execute(
            select(
                KeyMoment.step_id,
                KeyMoment.importance_to_user,
                KeyMoment.importance_to_provider,
                KeyMoment.note,
            )
            .join(Step, Step.id == KeyMoment.step_id)
            .where(Step.blueprint_id == blueprint_id)
        )
    }
    return emotions, moments


def follow_changes(
    index: OverlayIndex, changes: ChangeSet, shape: BlueprintShape, session: Session
) -> None:
    """Bring ``index`` up to date with one edit of its blueprint (not of its lanes, steps
    or stages: after those it is made again). Only the cards the edit names are looked at:
    where they are now from the layout's ``shape``, a wait point's minutes and, when pain
    points changed, their pain points and the steps' own from the file."""
    shapes = shape.cards
    named = [card_id for card_id in changes.cards_added | changes.cards_changed]
    waits = [card_id for card_id in named if (s := shapes.get(card_id)) and s.wait_point]
    minutes = _minutes_of(session, waits) if waits else {}
    pains = None
    if changes.pain_points_changed:
        pains = _pains_of(session, [card_id for card_id in named if card_id in shapes], index)
    if named or changes.cards_removed or pains is not None:
        index.update(shapes, named, changes.cards_removed, pains=pains, minutes=minutes)
    if changes.moments_changed:
        index.set_moments(*_moments_of(session, shape.id, index))


def _minutes_of(session: Session, card_ids: list[str]) -> Mapping[str, int | None]:
    found: dict[str, int | None] = {}
    for card_id in card_ids:
        card = session.get(Card, card_id)
        if card is not None:
            found[card_id] = card.duration_minutes
    return found


def _pains_of(
    session: Session, card_ids: list[str], index: OverlayIndex
) -> dict[str, list[PainRecord]]:
    """The pain points now of these cards and of every step (none: an empty list)."""
    query = select(*PAIN_COLUMNS).where(PainPoint.step_id.is_not(None))
    steps = index.step_index
    found: dict[str, list[PainRecord]] = {owner: [] for owner in index.pains if owner in steps}
    found.update({card_id: [] for card_id in card_ids})
    for owner, records in _grouped(session.execute(query)).items():
        if owner in steps:
            found[owner] = records
    if card_ids:
        rows = session.execute(select(*PAIN_COLUMNS).where(PainPoint.card_id.in_(card_ids)))
        found.update(_grouped(rows))
    return found
