"""A JSON export turned back into the rows of each table, every value checked against its
column (type, length, the model's editing rules) and every id against what it names, so a
hostile or damaged document is refused in one line before anything is written."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Table, Text

import app.model.schema  # noqa: F401  (every table registered on the metadata)
from app.importers.plan import ImportFailed
from app.model.base import Base
from app.model.editing_rules import RULES
from app.model.errors import ModelError

Row = dict[str, Any]
LONG_TEXT = 2_000_000  # characters in one text field of an imported document
MAX_ROWS = 2_000_000  # rows in one document

# Nested lists of a blueprint in the export, and the table each holds.
BLUEPRINT_LISTS = {
    "stages": "stage",
    "steps": "step",
    "lanes": "lane",
    "cards": "card",
    "connectors": "connector",
    "pain_points": "pain_point",
    "emotions": "emotion",
    "key_moments": "key_moment",
}
_ENTITY = {
    "project": "Project",
    "blueprint": "Blueprint",
    "stage": "Stage",
    "step": "Step",
    "lane": "Lane",
    "card": "Card",
    "connector": "Connector",
    "pain_point": "PainPoint",
    "opportunity": "Opportunity",
    "system": "System",
    "data_item": "DataItem",
    "actor": "Actor",
    "comment": "Comment",
}
_RANGES = {
    ("emotion", "service_user"): (-2, 2),
    ("emotion", "staff"): (-2, 2),
    ("key_moment", "importance_to_user"): (0, 5),
    ("key_moment", "importance_to_provider"): (0, 5),
    ("blueprint", "position"): (0, None),
    ("stage", "position"): (0, None),
    ("step", "position"): (0, None),
    ("lane", "position"): (0, None),
    ("card", "position"): (0, None),
    ("data_item", "position"): (0, None),
}


def document_tables(document: dict[str, Any], name: str) -> dict[str, list[Row]]:
    """Every table's rows, checked; ImportFailed names the first problem."""
    tables: dict[str, list[Row]] = {table: [] for table in Base.metadata.tables}
    reader = _Reader(name, tables)
    project = reader.row("project", _object(document.get("project"), "project", name), {})
    project_id = project["id"]
    for number, blueprint in enumerate(_list(document, "blueprints", name), 1):
        where = f"blueprint {number}"
        blueprint = _object(blueprint, where, name)
        row = reader.row("blueprint", blueprint, {"project_id": project_id})
        for key, table in BLUEPRINT_LISTS.items():
            parent = (
                {"blueprint_id": row["id"]}
                if table in ("stage", "step", "lane", "connector")
                else {}
            )
            for item in _list(blueprint, key, name, where):
                item = _object(item, f"{where}: {key}", name)
                made = reader.row(table, item, parent)
                if table == "card":
                    for system_id in _ids(item, "system_ids", name):
                        tables["card_system"].append(
                            {"card_id": made["id"], "system_id": system_id}
                        )
    for system in _list(document, "systems", name):
        system = _object(system, "systems", name)
        row = reader.row("system", system, {"project_id": project_id})
        for item in _list(system, "data_items", name, f"system {row['name']!r}"):
            reader.row("data_item", _object(item, "data_items", name), {"system_id": row["id"]})
    for key, table in (("actors", "actor"), ("opportunities", "opportunity")):
        for item in _list(document, key, name):
            item = _object(item, key, name)
            row = reader.row(table, item, {"project_id": project_id})
            if table == "opportunity":
                for pain_id in _ids(item, "pain_point_ids", name):
                    tables["opportunity_pain_point"].append(
                        {"opportunity_id": row["id"], "pain_point_id": pain_id}
                    )
    for item in _list(document, "comments", name):
        reader.row("comment", _object(item, "comments", name), {})
    for item in _list(document, "ecosystem_positions", name):
        item = _object(item, "ecosystem_positions", name)
        reader.row("ecosystem_position", item, {"project_id": project_id})
    check_references(tables, name)
    return tables


class _Reader:
    def __init__(self, name: str, tables: dict[str, list[Row]]) -> None:
        self.name = name
        self.tables = tables
        self.ids: set[str] = set()
        self.count = 0

    def row(self, table_name: str, item: dict[str, Any], parent: Row) -> Row:
        self.count += 1
        if self.count > MAX_ROWS:
            raise ImportFailed(f"{self.name} holds more than {MAX_ROWS:,} items; split the project")
        table: Table = Base.metadata.tables[table_name]
        row: Row = dict(parent)
        for column in table.columns:
            if column.name in parent:
                continue
            where = f"{self.name}: a {table_name.replace('_', ' ')}'s {column.name}"
            if column.name not in item:
                if column.nullable:
                    row[column.name] = None
                    continue
                default = column.default.arg if column.default is not None else None
                if default is None or callable(default):
                    raise ImportFailed(f"{where} is missing")
                row[column.name] = default
                continue
            row[column.name] = _value(column, item[column.name], where, table_name)
        if row["id"] in self.ids:
            raise ImportFailed(f"{self.name}: the id {row['id']!r} is used by two items")
        self.ids.add(row["id"])
        entity = _ENTITY.get(table_name)
        if entity is not None:
            rules = RULES[entity]
            try:
                for field in rules:
                    if row.get(field) is not None:
                        row[field] = rules[field](field.replace("_", " "), row[field])
            except ModelError as error:
                raise ImportFailed(
                    f"{self.name}: a {table_name.replace('_', ' ')}: {error}"
                ) from None
        self.tables[table_name].append(row)
        return row


def _value(column: Any, value: Any, where: str, table: str) -> Any:
    kind = column.type
    if value is None:
        if column.nullable:
            return None
        raise ImportFailed(f"{where} is missing (null)")
    if isinstance(kind, Enum):
        try:
            return kind.enum_class(value)
        except ValueError:
            raise ImportFailed(f"{where} is {str(value)[:40]!r}, not one of its kinds") from None
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ImportFailed(f"{where} must be true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
            raise ImportFailed(f"{where} must be a whole number")
        low, high = _RANGES.get((table, column.name), (None, None))
        if (low is not None and value < low) or (high is not None and value > high):
            raise ImportFailed(f"{where} is {value}, out of its range")
        return value
    if isinstance(kind, Float):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ImportFailed(f"{where} must be a number")
        if abs(value) > 1e9:
            raise ImportFailed(f"{where} is {value}, out of its range")
        return float(value)
    if isinstance(kind, DateTime | Date):
        if not isinstance(value, str) or len(value) > 40:
            raise ImportFailed(f"{where} must be a date written like 2026-03-31")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ImportFailed(f"{where} is {value!r}, not a date like 2026-03-31") from None
        return parsed if isinstance(kind, DateTime) else date.fromisoformat(value)
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise ImportFailed(f"{where} must be text, not {type(value).__name__}")
        limit = kind.length or LONG_TEXT
        if len(value) > limit:
            raise ImportFailed(f"{where} is longer than {limit:,} characters")
        return value
    raise ImportFailed(f"{where} cannot be read")  # a column type this reader does not know


def _object(value: Any, where: str, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportFailed(f"{name}: {where} must be an object, not {type(value).__name__}")
    return value


def _list(holder: dict[str, Any], key: str, name: str, where: str = "") -> list[Any]:
    value = holder.get(key, [])
    if not isinstance(value, list):
        at = f"{where}: " if where else ""
        raise ImportFailed(f"{name}: {at}{key} must be a list, not {type(value).__name__}")
    return value


def _ids(holder: dict[str, Any], key: str, name: str) -> list[str]:
    values = _list(holder, key, name)
    for value in values:
        if not isinstance(value, str) or len(value) > 36:
            raise ImportFailed(f"{name}: {key} must hold ids (text), not {str(value)[:40]!r}")
    if len(set(values)) != len(values):
        raise ImportFailed(f"{name}: {key} names one item twice")
    return values


def check_references(tables: dict[str, list[Row]], name: str) -> None:
    """Every id a row names is of a row of the right table, and the grid holds together."""
    ids = {table: {row["id"] for row in rows if "id" in row} for table, rows in tables.items()}
    for table_name, rows in tables.items():
        table = Base.metadata.tables[table_name]
        for column in table.columns:
            for key in column.foreign_keys:
                target = key.column.table.name
                known = ids[target]
                for row in rows:
                    value = row.get(column.name)
                    if value is not None and value not in known:
                        raise ImportFailed(
                            f"{name}: a {table_name.replace('_', ' ')}'s {column.name} names "
                            f"{str(value)[:40]!r}, which is not a {target.replace('_', ' ')} "
                            "of the file"
                        )
    _check_grid(tables, name)


def _check_grid(tables: dict[str, list[Row]], name: str) -> None:
    lane_owner = {row["id"]: row["blueprint_id"] for row in tables["lane"]}
    step_owner = {row["id"]: row["blueprint_id"] for row in tables["step"]}
    stage_owner = {row["id"]: row["blueprint_id"] for row in tables["stage"]}
    card_owner: dict[str, str] = {}
    for card in tables["card"]:
        if lane_owner[card["lane_id"]] != step_owner[card["step_id"]]:
            raise ImportFailed(f"{name}: card {card['id']} has a lane and a step of two blueprints")
        card_owner[card["id"]] = lane_owner[card["lane_id"]]
    for step in tables["step"]:
        if step["stage_id"] and stage_owner[step["stage_id"]] != step["blueprint_id"]:
            raise ImportFailed(f"{name}: step {step['id']} is in a stage of another blueprint")
    for connector in tables["connector"]:
        ends = {card_owner[connector["source_id"]], card_owner[connector["target_id"]]}
        if ends != {connector["blueprint_id"]} or connector["source_id"] == connector["target_id"]:
            raise ImportFailed(
                f"{name}: connector {connector['id']} does not join two cards of its blueprint"
            )
    for pain in tables["pain_point"]:
        if (pain["card_id"] is None) == (pain["step_id"] is None):
            raise ImportFailed(f"{name}: pain point {pain['id']} must be on a card or a step")
    for table in ("emotion", "key_moment"):
        steps = [row["step_id"] for row in tables[table]]
        if len(set(steps)) != len(steps):
            raise ImportFailed(f"{name}: a step has two {table.replace('_', ' ')}s")
    if len(tables["project"]) != 1:
        raise ImportFailed(f"{name}: a JSON export holds one project")
