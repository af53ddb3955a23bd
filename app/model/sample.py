"""The bundled sample project, built from its readable JSON source through the model's
operations; ``scale`` repeats the as-is journey to make big maps for trying and benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.catalogue import System
from app.model.editing_rules import RULES
from app.model.errors import ModelError
from app.model.kinds import BlueprintKind
from app.model.method import PainPoint
from app.model.ops_catalogue import add_actor, add_system
from app.model.ops_grid import add_blueprint, add_lane, add_stage, add_step, create_project, edit
from app.model.ops_method import add_opportunity, add_pain_point, set_key_moment
from app.model.sample_scale import repeat_journey
from app.model.sample_source import (
    Refs,
    SampleError,
    add_card_from,
    add_comments_from,
    add_connector_from,
    at,
    entries,
    pick,
    read_source,
    record,
    set_emotion_from,
    texts,
)
from app.model.sample_to_be import build_to_be
from app.model.sessions import session_of
from app.model.structure import Blueprint, Card, Project, Step

SAMPLE_NAME = "Physical health check for people with severe mental illness"
SAMPLE_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "sample" / "physical_health_check.json"
)

ACTOR_FIELDS = ("description",)
SYSTEM_FIELDS = ("owner", "description")
PAIN_POINT_FIELDS = ("people_affected", "underserved_group", "resolved")
OPPORTUNITY_FIELDS = tuple(name for name in RULES["Opportunity"] if name != "title")

__all__ = ["SAMPLE_NAME", "SAMPLE_PATH", "SampleError", "build_sample", "card_count"]


def build_sample(
    session: Session, scale: int | None = None, *, source: Path = SAMPLE_PATH
) -> Project:
    """Build the sample project into ``session``, whose database must hold no project yet.

    The as-is blueprint, its catalogues and opportunities come from ``source``; the to-be is
    a lineage-keeping duplicate of the as-is with the source's changes applied. ``scale=N``
    then repeats the as-is journey in rounds until the project holds about N cards (the
    to-be stays as it is). Flushes but does not commit. Raises SampleError when the source
    is missing or malformed, ModelError when ``scale`` is smaller than the sample itself.
    """
    if scale is not None and (isinstance(scale, bool) or not isinstance(scale, int)):
        raise ModelError(f"scale must be a whole number of cards, not {scale!r}")
    try:
        data = read_source(source)
        project, as_is = _build(session, data)
    except SampleError as error:
        raise SampleError(f"cannot build the sample from {source}: {error}") from error
    if scale is not None:
        _grow(project, as_is, scale)
    return project


def card_count(session: Session) -> int:
    """How many cards the project database holds, over all blueprints."""
    session.flush()
    return session.scalar(select(func.count(Card.id))) or 0


def _grow(project: Project, as_is: Blueprint, scale: int) -> None:
    have = card_count(session_of(project))
    if scale < have:
        raise ModelError(f"the sample already has {have} cards; scale must be at least {have}")
    added = repeat_journey(as_is, scale - have)
    if added:
        note = f"Scaled to about {scale:,} cards: the as-is journey repeats in rounds."
        edit(project, description=f"{project.description}\n\n{note}".strip())


def _build(session: Session, data: dict[str, Any]) -> tuple[Project, Blueprint]:
    spec = record(data["project"], "project", ("name",), ("description",))
    with at("project"):
        project = create_project(session, spec["name"], spec.get("description", ""))
    refs = Refs()
    for actor, where in entries(data, "actors", "actors"):
        record(actor, where, ("ref", "name", "kind"), ACTOR_FIELDS)
        with at(where):
            item = add_actor(project, actor["name"], actor["kind"], **pick(actor, ACTOR_FIELDS))
        refs.add(actor["ref"], item, where)
    for system, where in entries(data, "systems", "systems"):
        _add_system(project, system, refs, where)
    as_is = _add_as_is(project, data["as_is"], refs)
    for opportunity, where in entries(data, "opportunities", "opportunities"):
        _add_opportunity(project, opportunity, refs, where)
    add_comments_from(data, refs, "")
    build_to_be(as_is, data["to_be"], refs)
    return project, as_is


def _add_system(project: Project, spec: Any, refs: Refs, where: str) -> System:
    record(spec, where, ("ref", "name"), (*SYSTEM_FIELDS, "data_items"))
    data_items = texts(spec.get("data_items", []), f"{where}.data_items")
    with at(where):
        system = add_system(project, spec["name"], data_items, **pick(spec, SYSTEM_FIELDS))
    refs.add(spec["ref"], system, where)
    return system


def _add_as_is(project: Project, spec: Any, refs: Refs) -> Blueprint:
    where = "as_is"
    record(spec, where, ("name", "lanes", "stages"), ("description", "connectors", "pain_points"))
    with at(where):
        blueprint = add_blueprint(
            project, spec["name"], BlueprintKind.AS_IS, spec.get("description", "")
        )
    for lane, there in entries(spec, "lanes", where):
        record(lane, there, ("kind",), ("ref", "title", "height"))
        with at(there):
            item = add_lane(blueprint, lane["kind"], lane.get("title"), height=lane.get("height"))
        refs.add(lane.get("ref", lane["kind"]), item, there)
    for stage, there in entries(spec, "stages", where):
        record(stage, there, ("ref", "title", "steps"))
        with at(there):
            item = add_stage(blueprint, stage["title"])
        refs.add(stage["ref"], item, there)
        for step, place in entries(stage, "steps", there):
            _add_step(blueprint, item, step, refs, place)
    for connector, there in entries(spec, "connectors", where):
        add_connector_from(connector, refs, there)
    for pain, there in entries(spec, "pain_points", where):
        _add_pain_point(pain, refs, there)
    return blueprint


def _add_step(blueprint: Blueprint, stage: Any, spec: Any, refs: Refs, where: str) -> Step:
    record(spec, where, ("ref", "title"), ("cards", "emotion", "key_moment"))
    with at(where):
        step = add_step(blueprint, spec["title"], stage=stage)
    refs.add(spec["ref"], step, where)
    if "emotion" in spec:
        set_emotion_from(step, spec["emotion"], f"{where}.emotion")
    if "key_moment" in spec:
        there = f"{where}.key_moment"
        moment = record(
            spec["key_moment"], there, ("importance_to_user", "importance_to_provider"), ("note",)
        )
        with at(there):
            set_key_moment(
                step,
                moment["importance_to_user"],
                moment["importance_to_provider"],
                moment.get("note", ""),
            )
    for card, there in entries(spec, "cards", where):
        add_card_from(card, step, refs, there)
    return step


def _add_pain_point(spec: Any, refs: Refs, where: str) -> PainPoint:
    required = ("ref", "on", "description", "severity", "perspective", "evidence")
    record(spec, where, required, PAIN_POINT_FIELDS)
    on = refs.get(spec["on"], (Card, Step), f"{where}.on")
    with at(where):
        pain = add_pain_point(
            on,
            spec["description"],
            spec["severity"],
            spec["perspective"],
            spec["evidence"],
            **pick(spec, PAIN_POINT_FIELDS),
        )
    refs.add(spec["ref"], pain, where)
    return pain


def _add_opportunity(project: Project, spec: Any, refs: Refs, where: str) -> None:
    record(spec, where, ("ref", "title"), (*OPPORTUNITY_FIELDS, "pain_points"))
    names = texts(spec.get("pain_points", []), f"{where}.pain_points")
    pains = [refs.get(name, PainPoint, f"{where}.pain_points") for name in names]
    with at(where):
        item = add_opportunity(project, spec["title"], pains, **pick(spec, OPPORTUNITY_FIELDS))
    refs.add(spec["ref"], item, where)
