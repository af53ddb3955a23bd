"""The JSON export: versioned, every row of the project with the model's values and ids,
every field documented in docs/json-format.md, markup kept literally."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.export.json_export import FORMAT, VERSION, export_json
from app.model.catalogue import Actor, System
from app.model.dump import dump
from app.model.ecosystem import EcosystemPosition
from app.model.method import Opportunity, PainPoint
from app.model.ops_ecosystem import set_positions
from app.model.project_file import ProjectFile
from app.model.structure import Card, Connector

DOCS = Path(__file__).parents[2] / "docs" / "json-format.md"


@pytest.fixture
def exported(sample_file: ProjectFile, tmp_path: Path) -> dict[str, Any]:
    # The sample has some of everything once a node of its ecosystem map is placed by hand.
    set_positions(sample_file.session, None, {"channel:phone": (120.0, -40.5)})
    out = tmp_path / "project.json"
    export_json(sample_file.session, out)
    return json.loads(out.read_text(encoding="utf-8"))


def _all(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for blueprint in document["blueprints"] for item in blueprint[key]]


def test_format_and_version_come_first(exported: dict[str, Any]) -> None:
    assert list(exported)[:2] == ["format", "version"]
    assert (exported["format"], exported["version"]) == (FORMAT, VERSION) == ("stagecraft-json", 1)


def test_every_row_of_the_project_is_there(
    sample_file: ProjectFile, exported: dict[str, Any]
) -> None:
    rows = dump(sample_file.session)
    found = {
        "project": 1,
        "blueprint": len(exported["blueprints"]),
        "stage": len(_all(exported, "stages")),
        "step": len(_all(exported, "steps")),
        "lane": len(_all(exported, "lanes")),
        "card": len(_all(exported, "cards")),
        "connector": len(_all(exported, "connectors")),
        "pain_point": len(_all(exported, "pain_points")),
        "emotion": len(_all(exported, "emotions")),
        "key_moment": len(_all(exported, "key_moments")),
        "system": len(exported["systems"]),
        "data_item": sum(len(system["data_items"]) for system in exported["systems"]),
        "actor": len(exported["actors"]),
        "opportunity": len(exported["opportunities"]),
        "opportunity_pain_point": sum(len(o["pain_point_ids"]) for o in exported["opportunities"]),
        "card_system": sum(len(card["system_ids"]) for card in _all(exported, "cards")),
        "comment": len(exported["comments"]),
        "ecosystem_position": len(exported["ecosystem_positions"]),
    }
    assert found == {table: len(table_rows) for table, table_rows in rows.items()}
    assert all(found.values())  # the sample has some of everything
    ids = [row["id"] for table_rows in rows.values() for row in table_rows if "id" in row]
    text = json.dumps(exported)
    assert all(f'"{row_id}"' in text for row_id in ids)


def test_cards_carry_the_models_values(sample_file: ProjectFile, exported: dict[str, Any]) -> None:
    cards = {card["id"]: card for card in _all(exported, "cards")}
    for card in sample_file.session.scalars(select(Card)):
        found = cards[card.id]
        assert found == {
            "id": card.id,
            "lane_id": card.lane_id,
            "step_id": card.step_id,
            "position": card.position,
            "text": card.text,
            "actor_id": card.actor_id,
            "channel": card.channel,
            "duration_minutes": card.duration_minutes,
            "fail_point": card.fail_point,
            "wait_point": card.wait_point,
            "notes": card.notes,
            "derived_from": card.derived_from,
            "system_ids": sorted(system.id for system in card.systems),
        }
        owner = next(b for b in exported["blueprints"] if found in b["cards"])
        assert owner["id"] == card.lane.blueprint_id


def test_connectors_and_pain_points_carry_the_models_values(
    sample_file: ProjectFile, exported: dict[str, Any]
) -> None:
    session = sample_file.session
    connectors = {c["id"]: c for c in _all(exported, "connectors")}
    for connector in session.scalars(select(Connector)):
        assert connectors[connector.id] == {
            "id": connector.id,
            "source_id": connector.source_id,
            "target_id": connector.target_id,
            "kind": connector.kind.value,
            "label": connector.label,
            "derived_from": connector.derived_from,
        }
    pains = {p["id"]: p for p in _all(exported, "pain_points")}
    for pain in session.scalars(select(PainPoint)):
        assert pains[pain.id] == {
            "id": pain.id,
            "card_id": pain.card_id,
            "step_id": pain.step_id,
            "description": pain.description,
            "severity": pain.severity,
            "perspective": pain.perspective.value,
            "evidence": pain.evidence.value,
            "people_affected": pain.people_affected,
            "underserved_group": pain.underserved_group,
            "resolved": pain.resolved,
            "derived_from": pain.derived_from,
        }


def test_catalogues_and_opportunities(sample_file: ProjectFile, exported: dict[str, Any]) -> None:
    session = sample_file.session
    systems = {s["id"]: s for s in exported["systems"]}
    for system in session.scalars(select(System)):
        assert [item["name"] for item in systems[system.id]["data_items"]] == [
            item.name for item in system.data_items
        ]
    actors = {a["id"]: a for a in exported["actors"]}
    for actor in session.scalars(select(Actor)):
        assert actors[actor.id]["kind"] == actor.kind.value
    opportunities = {o["id"]: o for o in exported["opportunities"]}
    for opportunity in session.scalars(select(Opportunity)):
        found = opportunities[opportunity.id]
        assert found["pain_point_ids"] == sorted(p.id for p in opportunity.pain_points)
        assert found["target_date"] == (
            opportunity.target_date.isoformat() if opportunity.target_date else None
        )
        assert found["status"] == opportunity.status.value


def test_ecosystem_positions_carry_the_models_values(
    sample_file: ProjectFile, exported: dict[str, Any]
) -> None:
    (position,) = sample_file.session.scalars(select(EcosystemPosition))
    assert exported["ecosystem_positions"] == [
        {
            "id": position.id,
            "blueprint_id": None,
            "node_key": "channel:phone",
            "x": 120.0,
            "y": -40.5,
        }
    ]


def test_every_field_is_documented(exported: dict[str, Any]) -> None:
    documented = set(re.findall(r"`([a-z_]+)`", DOCS.read_text(encoding="utf-8")))
    fields: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            fields.update(value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(exported)
    assert fields - documented == set()


def test_markup_is_kept_literally(sample_file: ProjectFile, tmp_path: Path) -> None:
    session = sample_file.session
    card = session.scalars(select(Card).order_by(Card.id)).first()
    card.text = '<script>alert("x")</script> &amp; <b>bold</b>\n\u2028 "quoted" \\ back'
    session.flush()
    out = tmp_path / "project.json"
    export_json(session, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    (found,) = [c for c in _all(document, "cards") if c["id"] == card.id]
    assert found["text"] == card.text


def test_the_same_project_gives_the_same_bytes(sample_file: ProjectFile, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    export_json(sample_file.session, first)
    export_json(sample_file.session, second)
    assert first.read_bytes() == second.read_bytes()


def test_csv_and_json_exports_need_no_qt() -> None:
    code = (
        "import sys, app.export.csv_export, app.export.json_export; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
