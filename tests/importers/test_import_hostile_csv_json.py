"""Broken and hostile CSV and JSON: each gives one line that says what is wrong, never a
traceback, and writes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.export.json_export import export_json
from app.importers.build import build_plan
from app.importers.csv_import import read_csv
from app.importers.json_import import read_json, restore_json
from app.importers.limits import TEXT
from app.importers.plan import ImportFailed
from app.importers.service import format_of, read_plan
from app.model.dump import dump
from app.model.project_file import ProjectFile


def _one_line(error: ImportFailed) -> str:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def test_random_bytes_are_refused_as_csv_and_as_json(tmp_path: Path) -> None:
    data = os.urandom(50_000)
    for name in ("noise.csv", "noise.json"):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFailed) as caught:
            read_plan(path)
        assert "not" in _one_line(caught.value)


def test_a_cell_over_the_csv_limit_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("Lane,Step,Card\nA,B," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"^line \d+: a cell is longer than 131,072"):
        read_csv(path)


def test_a_long_card_is_cut_at_the_import_limit_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Lane,Step,Card\nA,B," + "x" * (TEXT + 500) + "\n", encoding="utf-8")
    plan = read_csv(path)
    assert len(plan.blueprints[0].cards[0].text) == TEXT
    assert plan.skipped == [
        f"line 2: the card's text: cut to {TEXT:,} of its {TEXT + 500:,} characters"
    ]


def test_an_unclosed_quote_reads_to_the_end_without_failing(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('Lane,Step,Card\nA,B,"never closed\nC,D,E\n', encoding="utf-8")
    (card,) = read_csv(path).blueprints[0].cards
    assert card.text.startswith("never closed")


def test_an_empty_file_and_a_file_of_headings(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed, match="empty"):
        read_csv(empty)
    only = tmp_path / "only.csv"
    only.write_text("Lane,Step,Card\n", encoding="utf-8")
    project_file = ProjectFile.new("t")
    try:
        with pytest.raises(ImportFailed, match="nothing to import"):
            build_plan(project_file.project, read_csv(only))
    finally:
        project_file.close()


def test_an_unknown_extension_is_refused_with_the_choices() -> None:
    with pytest.raises(ImportFailed, match=r"--format csv\|json\|drawio"):
        format_of("map.pdf")
    assert format_of("Cards.TXT") == "csv" and format_of("x.bin", "json") == "json"


@pytest.fixture
def document(sample_file: ProjectFile, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "sample.json"
    export_json(sample_file.session, out)
    return json.loads(out.read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _card(document: dict[str, Any]) -> dict[str, Any]:
    return document["blueprints"][0]["cards"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _card(d).update(text=7), "a card's text must be text, not int"),
        (lambda d: _card(d).update(text="x" * 2_000_001), "longer than 2,000,000"),
        (lambda d: _card(d).update(fail_point="yes"), "fail_point must be true or false"),
        (lambda d: _card(d).update(lane_id="nowhere"), "names 'nowhere', which is not a lane"),
        (lambda d: _card(d).update(duration_minutes=-5), "duration minutes must be 0 or more"),
        (lambda d: _card(d).update(id=d["blueprints"][0]["cards"][1]["id"]), "used by two items"),
        (lambda d: d["blueprints"][0].update(cards={"a": 1}), "cards must be a list, not dict"),
        (lambda d: d["blueprints"][0]["pain_points"][0].update(severity=9), "severity"),
        (lambda d: d["blueprints"][0]["lanes"][0].update(kind="stage"), "not one of its kinds"),
        (lambda d: d["project"].update(created_at="yesterday"), "not a date"),
        (lambda d: d.update(blueprints=[[[]]]), "blueprint 1 must be an object, not list"),
        (lambda d: d["blueprints"][0]["emotions"][0].update(service_user=3), "out of its range"),
    ],
)
def test_hostile_values_are_refused_before_anything_is_written(
    tmp_path: Path, document: dict[str, Any], change, message: str
) -> None:
    change(document)
    path = _write(tmp_path, document)
    target = ProjectFile.new("target")
    try:
        before = dump(target.session)
        with pytest.raises(ImportFailed, match=message) as caught:
            build_plan(target.project, read_json(path))
        _one_line(caught.value)
        assert dump(target.session) == before
    finally:
        target.close()
    with pytest.raises(ImportFailed, match=message):
        ProjectFile.build("restored", lambda session: restore_json(session, path))


def test_deep_nesting_duplicate_keys_and_nan(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "stagecraft-json", "version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    with pytest.raises(ImportFailed, match="nested too deeply"):
        read_json(path)
    path.write_text('{"format": "stagecraft-json", "format": "stagecraft-json", "version": 1}')
    with pytest.raises(ImportFailed, match="names the field 'format' twice"):
        read_json(path)
    path.write_text('{"format": "stagecraft-json", "version": 1, "project": {"x": NaN}}')
    with pytest.raises(ImportFailed, match="holds NaN"):
        read_json(path)
    path.write_text('{"format": "stagecraft-json", "version": 1, "project": ')
    with pytest.raises(ImportFailed, match="broken JSON at line 1"):
        read_json(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_fuzzed_bytes_give_a_plan_or_one_line(tmp_path: Path, data: bytes) -> None:
    for name in ("fuzz.csv", "fuzz.json"):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            read_plan(path)
        except ImportFailed as error:
            _one_line(error)


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=5), max_size=8), sep=st.sampled_from(",;\t")
)
def test_fuzzed_sheets_give_a_plan_that_builds_or_one_line(
    tmp_path: Path, rows: list[list[str]], sep: str
) -> None:
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, delimiter=sep)
    writer.writerow(["Lane", "Step", "Card", "Duration"])
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    try:
        plan = read_csv(path)
    except ImportFailed as error:
        _one_line(error)
        return
    project_file = ProjectFile.new("fuzz")
    try:
        build_plan(project_file.project, plan)
    except ImportFailed as error:
        _one_line(error)
    finally:
        project_file.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=10,
    ),
    field=st.sampled_from(["project", "blueprints", "systems", "actors", "comments"]),
)
def test_fuzzed_json_parts_give_one_line(tmp_path: Path, value: Any, field: str) -> None:
    document = {
        "format": "stagecraft-json",
        "version": 1,
        "project": {"id": "p", "name": "P", "created_at": "2025-01-01T00:00:00"},
    }
    document[field] = value
    try:
        plan = read_json(document)
    except ImportFailed as error:
        _one_line(error)
        return
    assert plan.source == "the JSON document"


CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "drawio"


def test_read_plan_picks_the_importer_by_extension_or_as_told(
    tmp_path: Path, sample_file: ProjectFile
) -> None:
    sheet = tmp_path / "cards.txt"
    sheet.write_text("Lane\tStep\tCard\nCustomer\tArrive\tWalks in\n", encoding="utf-8")
    assert read_plan(sheet).blueprints[0].cards[0].text == "Walks in"
    exported = tmp_path / "project.data"
    export_json(sample_file.session, exported)
    assert len(read_plan(exported, "json").blueprints) == 2
    with pytest.raises(ImportFailed, match="not a Stagecraft JSON export"):
        read_plan(sheet, "json")
    with pytest.raises(ImportFailed, match=r"missing\.csv does not exist"):
        read_plan(tmp_path / "missing.csv")
    drawio = CORPUS / "swimlanes.drawio"
    if drawio.exists():  # the shared corpus sits beside the checkout
        assert read_plan(drawio).blueprints
