"""The whole project as versioned JSON, every row and every field, ids kept (UUIDs).

Built from app.model.dump (every column of every table), arranged as a reader expects:
blueprints hold their stages, steps, lanes, cards, connectors, pain points, emotions and
key moments; the project's catalogues (systems with their data, actors), opportunities,
comments and the ecosystem map's saved node positions follow. docs/json-format.md
describes every field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import __version__
from app.export.output_file import write_bytes_atomically
from app.model.base import SCHEMA_VERSION
from app.model.dump import dump

FORMAT = "stagecraft-json"
VERSION = 1

Row = dict[str, Any]

# Parent keys left out where the nesting already says whose a row is.
_IMPLIED = {"project_id", "blueprint_id", "system_id"}


def export_json(session: Session, out_path: Path | str) -> dict[str, Any]:
    """Write the project to ``out_path`` (UTF-8, indented); return the document written."""
    document = project_document(session)
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    write_bytes_atomically(out_path, text.encode("utf-8"))
    return document


def project_document(session: Session) -> dict[str, Any]:
    tables = {name: [_plain(row) for row in rows] for name, rows in dump(session).items()}
    (project,) = tables["project"]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_with": f"Stagecraft {__version__}",
        "file_format": SCHEMA_VERSION,
        "project": _fields(project),
        "blueprints": _blueprints(tables),
        "systems": _systems(tables),
        "actors": [_fields(row) for row in _by(tables["actor"], "name")],
        "opportunities": _opportunities(tables),
        "comments": [_fields(row) for row in _by(tables["comment"], "created_at", "id")],
        "ecosystem_positions": _ecosystem_positions(tables),
    }


def _blueprints(tables: dict[str, list[Row]]) -> list[Row]:
    lane_owner = {row["id"]: row["blueprint_id"] for row in tables["lane"]}
    step_owner = {row["id"]: row["blueprint_id"] for row in tables["step"]}
    card_owner = {row["id"]: lane_owner[row["lane_id"]] for row in tables["card"]}
    step_order = {row["id"]: row["position"] for row in tables["step"]}
    lane_order = {row["id"]: row["position"] for row in tables["lane"]}
    systems = _grouped(tables["card_system"], "card_id", "system_id")
    for card in tables["card"]:
        card["system_ids"] = sorted(systems.get(card["id"], []))
    cards = sorted(
        tables["card"],
        key=lambda c: (step_order[c["step_id"]], lane_order[c["lane_id"]], c["position"]),
    )
    per_blueprint: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for kind in ("stage", "step", "lane", "connector"):
        for row in _by(tables[kind], "position", "id"):
            per_blueprint[row["blueprint_id"]][kind].append(row)
    for card in cards:
        per_blueprint[card_owner[card["id"]]]["card"].append(card)
    for pain in tables["pain_point"]:
        owner = card_owner[pain["card_id"]] if pain["card_id"] else step_owner[pain["step_id"]]
        per_blueprint[owner]["pain_point"].append(pain)
    for kind in ("emotion", "key_moment"):
        for row in sorted(tables[kind], key=lambda r: step_order[r["step_id"]]):
            per_blueprint[step_owner[row["step_id"]]][kind].append(row)
    result = []
    for blueprint in _by(tables["blueprint"], "position", "id"):
        held = per_blueprint[blueprint["id"]]
        result.append(
            {
                **_fields(blueprint),
                "stages": [_fields(row) for row in held["stage"]],
                "steps": [_fields(row) for row in held["step"]],
                "lanes": [_fields(row) for row in held["lane"]],
                "cards": [_fields(row) for row in held["card"]],
                "connectors": [_fields(row) for row in held["connector"]],
                "pain_points": [_fields(row) for row in held["pain_point"]],
                "emotions": [_fields(row) for row in held["emotion"]],
                "key_moments": [_fields(row) for row in held["key_moment"]],
            }
        )
    return result


def _systems(tables: dict[str, list[Row]]) -> list[Row]:
    items = defaultdict(list)
    for row in _by(tables["data_item"], "position", "id"):
        items[row["system_id"]].append(_fields(row))
    return [
        {**_fields(row), "data_items": items.get(row["id"], [])}
        for row in _by(tables["system"], "name", "id")
    ]


def _opportunities(tables: dict[str, list[Row]]) -> list[Row]:
    links = _grouped(tables["opportunity_pain_point"], "opportunity_id", "pain_point_id")
    return [
        {**_fields(row), "pain_point_ids": sorted(links.get(row["id"], []))}
        for row in _by(tables["opportunity"], "title", "id")
    ]


def _ecosystem_positions(tables: dict[str, list[Row]]) -> list[Row]:
    """The whole project's map first, then each blueprint's, each by node key."""
    rows = sorted(
        tables["ecosystem_position"],
        key=lambda row: (
            row["blueprint_id"] is not None,
            row["blueprint_id"] or "",
            row["node_key"],
        ),
    )
    return [
        {"id": row["id"], **{k: v for k, v in row.items() if k not in {"id", "project_id"}}}
        for row in rows
    ]


def _grouped(rows: list[Row], key: str, value: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row[value])
    return groups


def _by(rows: list[Row], *keys: str) -> list[Row]:
    """``rows`` sorted by those of ``keys`` they have (ids break ties, so the order never
    depends on how the file stores its rows)."""
    present = [key for key in keys if rows and key in rows[0]]
    return sorted(rows, key=lambda row: tuple(row[key] for key in present))


def _fields(row: Row) -> Row:
    """The row with its id first and the parent keys the nesting implies left out."""
    return {"id": row["id"], **{k: v for k, v in row.items() if k not in _IMPLIED | {"id"}}}


def _plain(row: Row) -> Row:
    return {key: _value(value) for key, value in row.items()}


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
