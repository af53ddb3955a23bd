"""Bring an open project from one set of rows to another, by UUID: rows only in the new
set are inserted (parents first), rows in both that differ are updated, rows only in the
old set are deleted (children first). Used to apply a merge and, the other way round, to
undo it; the session's loaded objects are then forgotten or reloaded."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, delete, insert, inspect, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.importers.merge_plan import MergeRefused
from app.importers.merge_rows import LINKS, TABLES, Key, Row, Rows
from app.model.base import Base
from app.model.errors import ReadOnlyError

CHUNK = 500


def write_rows(session: Session, current: Rows, target: Rows) -> dict[str, Any]:
    """Make the project's rows ``target``; ``current`` is what they are now. Everything is
    written in one savepoint: a row the database refuses writes nothing. Returns what was
    written: {"inserted": [(table, key)], "updated": […], "deleted": […]}."""
    if session.info.get("read_only"):
        raise ReadOnlyError(
            f"{session.info.get('name', 'this project')} is open read-only; "
            "use Save As to keep a copy you can edit"
        )
    session.flush()
    inserted, updated, deleted = [], [], []
    try:
        with session.begin_nested():
            for table in TABLES:
                keys = [k for k in target[table] if k not in current[table]]
                new = [target[table][k] for k in keys]
                if table == "blueprint":
                    new = _parents_first(new)
                for start in range(0, len(new), CHUNK):
                    session.execute(insert(Base.metadata.tables[table]), new[start : start + CHUNK])
                inserted += [(table, k) for k in keys]
            for table in TABLES:
                for key, row in target[table].items():
                    old = current[table].get(key)
                    if old is not None and old != row:
                        _update(session, table, key, old, row)
                        updated.append((table, key))
            for table in reversed(TABLES):
                gone = [k for k in current[table] if k not in target[table]]
                _delete(session, table, gone)
                deleted += [(table, k) for k in gone]
    except IntegrityError as error:
        reason = str(error.orig) if error.orig is not None else str(error)
        raise MergeRefused(
            f"the merged project would not be valid ({reason}); nothing was changed"
        ) from None
    _forget(session, deleted)
    return {"inserted": inserted, "updated": updated, "deleted": deleted}


def _parents_first(rows: list[Row]) -> list[Row]:
    """New blueprints, each after the one it was derived from when that is new too."""
    ids = {row["id"] for row in rows}
    done: set[str] = set()
    ordered: list[Row] = []
    pending = list(rows)
    while pending:
        later = []
        for row in pending:
            source = row.get("derived_from_id")
            if source in ids and source not in done and source != row["id"]:
                later.append(row)
            else:
                ordered.append(row)
                done.add(row["id"])
        if len(later) == len(pending):  # a loop: let the database say so
            ordered += later
            break
        pending = later
    return ordered


def _update(session: Session, table_name: str, key: Key, old: Row, row: Row) -> None:
    table = Base.metadata.tables[table_name]
    values = {name: value for name, value in row.items() if old.get(name) != value}
    session.execute(update(table).where(table.c.id == key).values(values))


def _delete(session: Session, table_name: str, keys: list[Key]) -> None:
    table = Base.metadata.tables[table_name]
    if table_name in LINKS:
        first, second = (column.name for column in table.primary_key.columns)
        for one, other in keys:
            session.execute(
                delete(table).where(and_(table.c[first] == one, table.c[second] == other))
            )
        return
    for start in range(0, len(keys), CHUNK):
        session.execute(delete(table).where(table.c.id.in_(keys[start : start + CHUNK])))


def _forget(session: Session, deleted: list[tuple[str, Key]]) -> None:
    """Loaded objects of deleted rows leave the session; every other loaded object reloads
    on its next use (the rows changed behind the ORM's back)."""
    mappers = {mapper.local_table.name: mapper for mapper in Base.registry.mappers}
    stale = defaultdict(list)
    for table, key in deleted:
        if table in mappers:
            stale[table].append(key)
    for table, keys in stale.items():
        mapper = mappers[table]
        for key in keys:
            loaded = session.identity_map.get(mapper.identity_key_from_primary_key((key,)))
            if loaded is not None and inspect(loaded).persistent:
                session.expunge(loaded)
    session.expire_all()
