"""Build a BlueprintShape from the model's objects (loaded with app.model.loading)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.layout.shape import (
    BlueprintShape,
    CardShape,
    ConnectorShape,
    LaneShape,
    StageShape,
    StepShape,
)
from app.model.catalogue import Actor, System, card_system
from app.model.ops_grid import cell_cards
from app.model.structure import Blueprint, Card, Connector, Lane, Step

HINT_SEPARATOR = " · "


def card_hint(actor: str, channel: str, systems: list[str]) -> str:
    return HINT_SEPARATOR.join(part for part in (actor, channel, ", ".join(systems)) if part)


def system_names(session: Session, blueprint: Blueprint) -> dict[str, list[str]]:
    """The catalogue systems each card of ``blueprint`` names, in one query."""
    query = (
        select(card_system.c.card_id, System.name)
        .join(System, System.id == card_system.c.system_id)
        .order_by(System.name)
    )
    names: dict[str, list[str]] = defaultdict(list)
    for card_id, name in session.execute(query):
        names[card_id].append(name)
    return names


def card_shape(card: Card, actors: dict[str, str], systems: dict[str, list[str]]) -> CardShape:
    return CardShape(
        id=card.id,
        lane_id=card.lane_id,
        step_id=card.step_id,
        position=card.position,
        text=card.text,
        hint=card_hint(actors.get(card.actor_id or "", ""), card.channel, systems.get(card.id, [])),
        fail_point=card.fail_point,
        wait_point=card.wait_point,
    )


def connector_shape(connector: Connector) -> ConnectorShape:
    return ConnectorShape(
        connector.id,
        connector.source_id,
        connector.target_id,
        connector.kind.value,
        connector.label,
    )


def shape_from_blueprint(session: Session, blueprint: Blueprint) -> BlueprintShape:
    actors = {row.id: row.name for row in session.execute(select(Actor.id, Actor.name))}
    systems = system_names(session, blueprint)
    shape = BlueprintShape(id=blueprint.id, name=blueprint.name)
    shape.lanes = [LaneShape(x.id, x.kind.value, x.title, x.height) for x in blueprint.lanes]
    shape.stages = [StageShape(s.id, s.title) for s in blueprint.stages]
    shape.steps = [StepShape(s.id, s.title, s.stage_id) for s in blueprint.steps]
    for lane in blueprint.lanes:
        for card in lane.cards:
            shape.cards[card.id] = card_shape(card, actors, systems)
    shape.connectors = {c.id: connector_shape(c) for c in blueprint.connectors}
    return shape


def cell_shapes(
    session: Session, cells: set[tuple[str, str]]
) -> dict[tuple[str, str], list[CardShape]]:
    """The cards of some (lane, step) cells, in order, as shapes: what an edit hands to
    BlueprintLayout.update_cells. The cards come from the loaded lanes and steps; only
    the systems they name are read from the file."""
    in_cells: dict[tuple[str, str], list[Card]] = {}
    for lane_id, step_id in cells:
        lane, step = session.get(Lane, lane_id), session.get(Step, step_id)
        found = [] if lane is None or step is None else cell_cards(lane, step)
        in_cells[(lane_id, step_id)] = found
    cards = [card for cell in in_cells.values() for card in cell]
    actor_ids = sorted({card.actor_id for card in cards if card.actor_id})
    actors = dict(_rows(session, ACTOR_NAMES, actor_ids))
    systems: dict[str, list[str]] = defaultdict(list)
    for card_id, name in _rows(session, SYSTEM_NAMES, [card.id for card in cards]):
        systems[card_id].append(name)
    return {
        cell: [card_shape(card, actors, systems) for card in in_cell]
        for cell, in_cell in in_cells.items()
    }


# Read with the driver's own SQL: an edit re-reads a few names, and building and
# compiling an ORM query would cost more than running it.
ACTOR_NAMES = f"SELECT id, name FROM {Actor.__tablename__} WHERE id IN ({{marks}})"
SYSTEM_NAMES = (
    f"SELECT link.card_id, system.name FROM {card_system.name} AS link "
    f"JOIN {System.__tablename__} AS system ON system.id = link.system_id "
    "WHERE link.card_id IN ({marks}) ORDER BY system.name"
)
CHUNK = 500  # ids per query, well under SQLite's limit of bound parameters


def _rows(session: Session, sql: str, ids: list[str]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    connection = session.connection()
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        query = sql.format(marks=", ".join("?" * len(chunk)))
        rows += connection.exec_driver_sql(query, chunk).all()
    return rows
