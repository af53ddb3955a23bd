"""Operations on the blueprint grid: blueprints, stages, steps, lanes, cards and connectors.

Each function changes objects of one open session and leaves committing to the caller,
so the editing layer can wrap it in an undo command and commit once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.collections import collection_adapter

from app import __version__
from app.model.editing_rules import checked
from app.model.errors import ModelError
from app.model.kinds import STANDARD_LANE_TITLES, BlueprintKind, ConnectorKind, LaneKind
from app.model.ordering import insert_ordered, move_ordered, place, remove_ordered, renumber
from app.model.sessions import session_of
from app.model.structure import Blueprint, Card, Connector, Lane, Project, Stage, Step
from app.model.subtree import delete_by_cascade


def edit(obj: Any, **changes: Any) -> dict[str, Any]:
    """Change fields of any entity after checking them; return the old values (for undo)."""
    values = checked(type(obj).__name__, changes)
    old = {field: getattr(obj, field) for field in values}
    for field, value in values.items():
        setattr(obj, field, value)
    return old


# -- project -----------------------------------------------------------------------------------


def create_project(session: Session, name: str, description: str = "") -> Project:
    if session.scalar(select(Project.id)) is not None:
        raise ModelError("this file already holds a project")
    values = checked("Project", {"name": name, "description": description})
    project = Project(**values, created_at=datetime.now(UTC), saved_with=__version__)
    session.add(project)
    session.flush()
    return project


def get_project(session: Session) -> Project:
    project = session.scalar(select(Project))
    if project is None:
        raise ModelError("this file holds no project")
    return project


# -- blueprints --------------------------------------------------------------------------------


def add_blueprint(
    project: Project,
    name: str,
    kind: BlueprintKind | str = BlueprintKind.AS_IS,
    description: str = "",
    index: int | None = None,
) -> Blueprint:
    session = session_of(project)
    with session.no_autoflush:
        values = checked("Blueprint", {"name": name, "kind": kind, "description": description})
        blueprint = Blueprint(**values)
        insert_ordered(project.blueprints, blueprint, index)
        session.add(blueprint)
    session.flush()
    return blueprint


def delete_blueprint(blueprint: Blueprint) -> None:
    """Remove the blueprint with everything in it; a to-be derived from it forgets it."""
    project = blueprint.project
    delete_by_cascade(blueprint, lambda: remove_ordered(project.blueprints, blueprint))


def move_blueprint(blueprint: Blueprint, index: int) -> None:
    move_ordered(blueprint.project.blueprints, blueprint, index)
    session_of(blueprint).flush()


# -- stages and steps --------------------------------------------------------------------------


def add_stage(blueprint: Blueprint, title: str, index: int | None = None) -> Stage:
    session = session_of(blueprint)
    with session.no_autoflush:
        stage = Stage(**checked("Stage", {"title": title}))
        insert_ordered(blueprint.stages, stage, index)
        session.add(stage)
    session.flush()
    return stage


def delete_stage(stage: Stage) -> None:
    """Remove the stage; its steps stay in the journey, ungrouped."""
    blueprint = stage.blueprint
    for step in list(stage.steps):
        step.stage = None
    remove_ordered(blueprint.stages, stage)
    session_of(blueprint).flush()


def move_stage(stage: Stage, index: int) -> None:
    move_ordered(stage.blueprint.stages, stage, index)
    session_of(stage).flush()


def add_step(
    blueprint: Blueprint, title: str, stage: Stage | None = None, index: int | None = None
) -> Step:
    if stage is not None and stage.blueprint is not blueprint:
        raise ModelError(f"stage {stage.title!r} belongs to another blueprint")
    session = session_of(blueprint)
    with session.no_autoflush:
        step = Step(**checked("Step", {"title": title}), stage=stage)
        insert_ordered(blueprint.steps, step, index)
        session.add(step)
    session.flush()
    return step


def set_step_stage(step: Step, stage: Stage | None) -> None:
    if stage is not None and stage.blueprint is not step.blueprint:
        raise ModelError(f"stage {stage.title!r} belongs to another blueprint")
    step.stage = stage
    session_of(step).flush()


def delete_step(step: Step) -> None:
    """Remove the step with its cards, pain points, emotion and key moment."""
    blueprint = step.blueprint
    delete_by_cascade(step, lambda: remove_ordered(blueprint.steps, step))


def move_step(step: Step, index: int) -> None:
    move_ordered(step.blueprint.steps, step, index)
    session_of(step).flush()


# -- lanes -------------------------------------------------------------------------------------


def add_lane(
    blueprint: Blueprint,
    kind: LaneKind | str = LaneKind.CUSTOM,
    title: str | None = None,
    index: int | None = None,
    height: int | None = None,
) -> Lane:
    lane_kind = checked("Lane", {"kind": kind})["kind"]
    session = session_of(blueprint)
    with session.no_autoflush:
        values = checked(
            "Lane", {"title": title or STANDARD_LANE_TITLES[lane_kind], "height": height}
        )
        lane = Lane(kind=lane_kind, **values)
        insert_ordered(blueprint.lanes, lane, index)
        session.add(lane)
    session.flush()
    return lane


def delete_lane(lane: Lane) -> None:
    """Remove the lane with its cards."""
    blueprint = lane.blueprint
    delete_by_cascade(lane, lambda: remove_ordered(blueprint.lanes, lane))


def move_lane(lane: Lane, index: int) -> None:
    move_ordered(lane.blueprint.lanes, lane, index)
    session_of(lane).flush()


# -- cards -------------------------------------------------------------------------------------


def cell_cards(lane: Lane, step: Step) -> list[Card]:
    """The cards of one (lane, step) cell, top to bottom."""
    # A long journey has thousands of cards per lane but a handful per step.
    if len(step.cards) <= len(lane.cards):
        return sorted((c for c in step.cards if c.lane is lane), key=lambda c: c.position)
    return sorted((c for c in lane.cards if c.step is step), key=lambda c: c.position)


def _check_cell(lane: Lane, step: Step) -> None:
    if lane.blueprint is not step.blueprint:
        raise ModelError("a card's lane and step must belong to the same blueprint")


def add_card(
    lane: Lane, step: Step, text: str = "", index: int | None = None, **fields: Any
) -> Card:
    _check_cell(lane, step)
    values = checked("Card", {"text": text, **fields})
    session = session_of(lane)
    with session.no_autoflush:
        siblings = cell_cards(lane, step)
        card = Card(lane=lane, step=step, **values)
        place(siblings, card, index)
        session.add(card)
    session.flush()
    return card


def move_card(card: Card, lane: Lane, step: Step, index: int | None = None) -> None:
    """Move a card to another cell (or within its cell) at ``index``; None puts it last."""
    _check_cell(lane, step)
    if lane.blueprint is not card.lane.blueprint:
        raise ModelError("a card can only move within its blueprint")
    old_lane, old_step = card.lane, card.step
    old_siblings = [c for c in cell_cards(old_lane, old_step) if c is not card]
    renumber(old_siblings)
    if (old_lane, old_step) != (lane, step):
        # The foreign keys say where the card is; the lanes' and steps' card lists are
        # changed to match without events, so that flushing never compares lists of
        # thousands of cards. (Loaded first: a lazy load would already see the move.)
        lists = {owner: owner.cards for owner in (old_lane, lane, old_step, step)}
        card.lane_id, card.step_id = lane.id, step.id
        for old, new in ((old_lane, lane), (old_step, step)):
            if old is not new:
                collection_adapter(lists[old]).remove_without_event(card)
                collection_adapter(lists[new]).append_without_event(card)
        set_committed_value(card, "lane", lane)
        set_committed_value(card, "step", step)
    place([c for c in cell_cards(lane, step) if c is not card], card, index)
    session_of(card).flush()


def delete_card(card: Card) -> None:
    """Remove a card with its pain points, connectors and comments."""
    lane, step = card.lane, card.step
    session = session_of(card)
    delete_by_cascade(card, lambda: session.delete(card))
    renumber(cell_cards(lane, step))
    session.flush()


# -- connectors --------------------------------------------------------------------------------


def add_connector(
    source: Card,
    target: Card,
    kind: ConnectorKind | str = ConnectorKind.FLOW,
    label: str = "",
) -> Connector:
    if source is target:
        raise ModelError("a connector must join two different cards")
    if source.lane.blueprint is not target.lane.blueprint:
        raise ModelError("a connector must join two cards of the same blueprint")
    values = checked("Connector", {"kind": kind, "label": label})
    connector = Connector(blueprint=source.lane.blueprint, source=source, target=target, **values)
    session = session_of(source)
    session.add(connector)
    session.flush()
    return connector


def delete_connector(connector: Connector) -> None:
    session = session_of(connector)
    owners = (connector.blueprint, connector.source, connector.target)
    session.delete(connector)
    session.flush()
    for owner, collection in zip(owners, ("connectors", "outgoing", "incoming"), strict=True):
        session.expire(owner, [collection])
