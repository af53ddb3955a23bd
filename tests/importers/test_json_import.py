"""JSON import: the sample's export restored whole, or its blueprints brought into a
project; the format and version checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.export.json_export import export_json
from app.importers.build import build_plan
from app.importers.json_import import read_json, restore_json
from app.importers.plan import ImportFailed
from app.model.dump import dump
from app.model.kinds import BlueprintKind
from app.model.project_file import ProjectFile


@pytest.fixture
def exported(sample_file: ProjectFile, tmp_path: Path) -> Path:
    out = tmp_path / "project.json"
    export_json(sample_file.session, out)
    return out


def test_restore_recreates_every_row_with_its_id(sample_file: ProjectFile, exported: Path) -> None:
    restored = ProjectFile.build("restored", lambda session: restore_json(session, exported))
    try:
        original, copy = dump(sample_file.session), dump(restored.session)
        for table in original:
            assert copy[table] == original[table], table
        assert restored.project.id == sample_file.project.id
    finally:
        restored.close()


def test_restore_takes_a_parsed_document_too(sample_file: ProjectFile, exported: Path) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    restored = ProjectFile.build("restored", lambda session: restore_json(session, document))
    try:
        assert dump(restored.session)["card"] == dump(sample_file.session)["card"]
    finally:
        restored.close()


def test_restore_refuses_a_file_that_holds_a_project(exported: Path) -> None:
    target = ProjectFile.new("busy")
    try:
        before = dump(target.session)
        with pytest.raises(ImportFailed, match="already holds a project"):
            restore_json(target.session, exported)
        assert dump(target.session) == before
    finally:
        target.close()


def _cells(blueprint) -> list[tuple]:
    return sorted(
        (
            lane.title,
            card.step.title,
            card.step.stage.title if card.step.stage else "",
            card.text,
            card.actor.name if card.actor else "",
            tuple(s.name for s in card.systems),
            card.fail_point,
            card.wait_point,
            card.duration_minutes,
            card.notes,
            tuple(sorted((p.severity, p.description) for p in card.pain_points)),
            len(card.outgoing),
        )
        for lane in blueprint.lanes
        for card in lane.cards
    )


def _method(blueprint) -> list[tuple]:
    return [
        (
            step.title,
            (step.emotion.service_user, step.emotion.staff) if step.emotion else None,
            (step.key_moment.importance_to_user, step.key_moment.importance_to_provider)
            if step.key_moment
            else None,
            sorted(p.description for p in step.pain_points),
        )
        for step in blueprint.steps
    ]


def test_blueprints_come_into_an_existing_project(sample_file: ProjectFile, exported: Path) -> None:
    target = ProjectFile.new("target")
    try:
        plan = read_json(exported)
        result = build_plan(target.project, plan)
        target.commit()
        originals = sample_file.project.blueprints
        made = [b for b in target.project.blueprints if b.id in result.blueprint_ids]
        assert [b.name for b in made] == [b.name for b in originals]
        assert [b.kind for b in made] == [BlueprintKind.AS_IS, BlueprintKind.TO_BE]
        for original, copy in zip(originals, made, strict=True):
            assert [(lane.title, lane.kind) for lane in copy.lanes] == [
                (lane.title, lane.kind) for lane in original.lanes
            ]
            assert _cells(copy) == _cells(original)
            assert _method(copy) == _method(original)
            assert len(copy.connectors) == len(original.connectors)
        assert {a.name for a in target.project.actors} == {
            a.name for a in sample_file.project.actors if _used(sample_file, a)
        }
        assert any("5 opportunities" in note for note in plan.skipped)
        assert any("comments" in note for note in plan.skipped)
    finally:
        target.close()


def _used(project_file: ProjectFile, actor) -> bool:
    return any(
        card.actor is actor
        for blueprint in project_file.project.blueprints
        for lane in blueprint.lanes
        for card in lane.cards
    )


def test_the_same_export_twice_gets_new_names_and_shares_the_catalogue(exported: Path) -> None:
    target = ProjectFile.new("target")
    try:
        first = build_plan(target.project, read_json(exported))
        second = build_plan(target.project, read_json(exported))
        names = [b.name for b in target.project.blueprints]
        assert "Physical health check (as-is) (2)" in names
        assert second.systems == 0 and second.actors == 0  # matched by name
        assert first.systems > 0 and first.actors > 0
    finally:
        target.close()


def _document(exported: Path) -> dict[str, Any]:
    return json.loads(exported.read_text(encoding="utf-8"))


def test_a_newer_version_is_refused_by_name(exported: Path, tmp_path: Path) -> None:
    document = _document(exported)
    document["version"] = 7
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFailed, match="JSON format version 7, from a newer Stagecraft"):
        read_json(path)


@pytest.mark.parametrize(
    "text",
    ['{"format": "other", "version": 1}', "[1, 2, 3]", '{"version": 1}', '"stagecraft-json"'],
)
def test_other_json_is_not_a_stagecraft_export(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match="is not a Stagecraft JSON export"):
        read_json(path)
