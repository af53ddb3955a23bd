"""Undo of edits and moves: put fields and positions back exactly as they were."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.model.base import Base
from app.model.editing_rules import RULES
from app.model.errors import ModelError
from app.model.sessions import session_of


def put_back(obj: Any, old: dict[str, Any]) -> None:
    """Set the fields ``edit`` changed back to its returned old values.

    They are the row's own earlier values, so they are not checked again: a value stored
    before a rule was tightened, or normalised differently (a REAL column read back as
    80.0 where the rule wants a whole number), must still come back unchanged.
    """
    rules = RULES[type(obj).__name__]
    for field, value in old.items():
        if field not in rules:
            raise ModelError(f"a {type(obj).__name__.lower()} has no editable field {field!r}")
        setattr(obj, field, value)
    session_of(obj).flush()


def put_back_positions(session: Session, kind: type[Base], positions: Mapping[str, int]) -> None:
    """Give ordered rows (cards of a cell, lanes, steps …) back the positions they had
    before a move. Moving numbers siblings 0, 1, 2 …; a file from elsewhere may have had
    gaps or ties, and undo must give back exactly what was there."""
    for item_id, position in positions.items():
        item = session.get(kind, item_id)
        if item is not None and item.position != position:  # type: ignore[attr-defined]
            item.position = position  # type: ignore[attr-defined]
    session.flush()
