"""Operations on the ecosystem map's saved node positions: read one map's, place nodes,
forget them (Reset Layout). A map is the whole project's (``blueprint_id`` None) or one
blueprint's; each keeps its own positions."""

from __future__ import annotations

import math
from collections.abc import Mapping

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from app.model.ecosystem import EcosystemPosition
from app.model.errors import ModelError
from app.model.structure import Blueprint, Project

Point = tuple[float, float]
# Far enough for any map, near enough that a bad value cannot make a drawing unusable.
LIMIT = 1_000_000.0


def _map(project_id: str, blueprint_id: str | None) -> ColumnElement[bool]:
    blueprint = (
        EcosystemPosition.blueprint_id.is_(None)
        if blueprint_id is None
        else EcosystemPosition.blueprint_id == blueprint_id
    )
    return (EcosystemPosition.project_id == project_id) & blueprint


def _project_id(session: Session, blueprint_id: str | None) -> str:
    if blueprint_id is not None:
        blueprint = session.get(Blueprint, blueprint_id)
        if blueprint is None:
            raise ModelError("that blueprint no longer exists")
        return blueprint.project_id
    project_id = session.scalar(select(Project.id))
    if project_id is None:
        raise ModelError("the file holds no project")
    return project_id


def saved_positions(session: Session, blueprint_id: str | None = None) -> dict[str, Point]:
    """The positions the user chose on one map, by node key."""
    session.flush()
    query = select(EcosystemPosition.node_key, EcosystemPosition.x, EcosystemPosition.y).where(
        _map(_project_id(session, blueprint_id), blueprint_id)
    )
    return {key: (x, y) for key, x, y in session.execute(query)}


def position_ids(session: Session, blueprint_id: str | None = None) -> dict[str, str]:
    """The UUIDs of one map's saved positions, by node key (undo puts rows back with them)."""
    session.flush()
    query = select(EcosystemPosition.node_key, EcosystemPosition.id).where(
        _map(_project_id(session, blueprint_id), blueprint_id)
    )
    return {key: row_id for key, row_id in session.execute(query)}


def set_positions(
    session: Session,
    blueprint_id: str | None,
    positions: Mapping[str, Point | None],
    ids: Mapping[str, str] | None = None,
) -> None:
    """Place nodes of one map at the given centres; None forgets a node's position (it
    goes back to where the layered layout puts it). A node placed for the first time gets
    its row's UUID from ``ids`` when given there."""
    project_id = _project_id(session, blueprint_id)
    rows = {
        row.node_key: row
        for row in session.scalars(
            select(EcosystemPosition).where(
                _map(project_id, blueprint_id), EcosystemPosition.node_key.in_(list(positions))
            )
        )
    }
    for key, point in positions.items():
        if not isinstance(key, str) or not key:
            raise ModelError("a node of the ecosystem map needs a key")
        row = rows.get(key)
        if point is None:
            if row is not None:
                session.delete(row)
            continue
        x, y = (_coordinate(value) for value in point)
        if row is None:
            row = EcosystemPosition(
                project_id=project_id, blueprint_id=blueprint_id, node_key=key, x=x, y=y
            )
            if ids and key in ids:
                row.id = ids[key]
            session.add(row)
        else:
            row.x, row.y = x, y
    session.flush()


def clear_positions(session: Session, blueprint_id: str | None = None) -> dict[str, Point]:
    """Forget every position of one map; return what they were (to put them back)."""
    before = saved_positions(session, blueprint_id)
    project_id = _project_id(session, blueprint_id)
    session.execute(
        delete(EcosystemPosition).where(_map(project_id, blueprint_id)),
        execution_options={"synchronize_session": "fetch"},
    )
    return before


def _coordinate(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"a position must be a number, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or abs(value) > LIMIT:
        raise ModelError(f"a position must be a number within ±{LIMIT:,.0f} points")
    return value
