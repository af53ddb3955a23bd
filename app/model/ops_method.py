"""Operations of the method: pain points, emotions, key moments and opportunities."""

from __future__ import annotations

from typing import Any

from app.model.editing_rules import checked
from app.model.errors import ModelError
from app.model.kinds import EvidenceSource, Perspective
from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint
from app.model.sessions import session_of
from app.model.structure import Card, Project, Step


def _flush(obj: object) -> None:
    session_of(obj).flush()


def add_pain_point(
    on: Card | Step,
    description: str,
    severity: int,
    perspective: Perspective | str,
    evidence: EvidenceSource | str,
    **fields: Any,
) -> PainPoint:
    values = checked(
        "PainPoint",
        {
            "description": description,
            "severity": severity,
            "perspective": perspective,
            "evidence": evidence,
            **fields,
        },
    )
    pain_point = PainPoint(**values)
    on.pain_points.append(pain_point)
    _flush(on)
    return pain_point


def attach_pain_point(pain_point: PainPoint, on: Card | Step) -> None:
    """Move a pain point to another card or step."""
    # Attach to the new owner before leaving the old one, so the pain point is never
    # an orphan (which the delete-orphan cascade would delete).
    if isinstance(on, Card):
        pain_point.card = on
        pain_point.step = None
    else:
        pain_point.step = on
        pain_point.card = None
    _flush(on)


def delete_pain_point(pain_point: PainPoint) -> None:
    owner = pain_point.card or pain_point.step
    session = session_of(pain_point)
    session.delete(pain_point)
    session.flush()
    session.expire(owner, ["pain_points"])


def set_emotion(step: Step, service_user: int | None, staff: int | None = None) -> None:
    """Set how the service user (and staff) feel at a step; both None clears it."""
    for name, value in (("service user", service_user), ("staff", staff)):
        if value is not None and (isinstance(value, bool) or value not in range(-2, 3)):
            raise ModelError(f"{name} emotion must be from -2 to +2, not {value!r}")
    if service_user is None and staff is None:
        step.emotion = None
    elif step.emotion is None:
        step.emotion = Emotion(service_user=service_user, staff=staff)
    else:
        step.emotion.service_user = service_user
        step.emotion.staff = staff
    _flush(step)


def set_key_moment(
    step: Step, importance_to_user: int, importance_to_provider: int, note: str = ""
) -> KeyMoment:
    for name, value in (("user", importance_to_user), ("provider", importance_to_provider)):
        if isinstance(value, bool) or value not in range(0, 6):
            raise ModelError(f"importance to the {name} must be from 0 to 5, not {value!r}")
    if step.key_moment is None:
        step.key_moment = KeyMoment()
    moment = step.key_moment
    moment.importance_to_user = importance_to_user
    moment.importance_to_provider = importance_to_provider
    moment.note = note
    _flush(step)
    return moment


def clear_key_moment(step: Step) -> None:
    step.key_moment = None
    _flush(step)


def add_opportunity(
    project: Project, title: str, pain_points: list[PainPoint] = (), **fields: Any
) -> Opportunity:
    session = session_of(project)
    with session.no_autoflush:
        opportunity = Opportunity(**checked("Opportunity", {"title": title, **fields}))
        project.opportunities.append(opportunity)
        session.add(opportunity)
        opportunity.pain_points.extend(pain_points)
    session.flush()
    return opportunity


def link_pain_point(opportunity: Opportunity, pain_point: PainPoint) -> None:
    if pain_point not in opportunity.pain_points:
        opportunity.pain_points.append(pain_point)
    _flush(opportunity)


def unlink_pain_point(opportunity: Opportunity, pain_point: PainPoint) -> None:
    if pain_point in opportunity.pain_points:
        opportunity.pain_points.remove(pain_point)
    _flush(opportunity)


def delete_opportunity(opportunity: Opportunity) -> None:
    project = opportunity.project
    project.opportunities.remove(opportunity)
    _flush(project)
