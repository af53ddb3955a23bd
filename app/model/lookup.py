"""Finding a blueprint by the name a person types (the command line, a report's choice)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.errors import ModelError, StagecraftError
from app.model.structure import Blueprint


def blueprint_named(
    session: Session, name: str, *, error: type[StagecraftError] = ModelError
) -> Blueprint:
    """The blueprint whose name is ``name`` (ignoring case and the spaces around it), or
    whose id it is. ``error`` (ModelError unless given) names the blueprints there are
    when none matches."""
    blueprints = list(session.scalars(select(Blueprint).order_by(Blueprint.position)))
    if not blueprints:
        raise error("the project has no blueprints; add one first")
    wanted = name.strip().casefold()
    for blueprint in blueprints:
        if blueprint.name.strip().casefold() == wanted or blueprint.id == name:
            return blueprint
    names = ", ".join(repr(b.name) for b in blueprints)
    raise error(f"no blueprint is called {name!r}; the blueprints are {names}")
