"""Every row of a project as plain values, ordered: for comparing two states of a project
(save and reopen, undo all, merge) without caring about object identity."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.base import Base


def dump(session: Session) -> dict[str, list[dict[str, Any]]]:
    session.flush()
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in sorted(Base.metadata.tables.items()):
        key = [column for column in table.primary_key.columns]
        result = session.execute(select(table).order_by(*key)).mappings()
        rows[name] = [dict(row) for row in result]
    return rows
