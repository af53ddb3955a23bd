"""CSV import: the CSV export read back, and sheets as Excel and LibreOffice save them."""

from __future__ import annotations

import codecs
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

from app.export.csv_export import export_csv
from app.importers.build import build_plan
from app.importers.csv_import import read_csv
from app.importers.plan import ImportCancelled, ImportFailed
from app.model.kinds import BlueprintKind, LaneKind
from app.model.project_file import ProjectFile
from app.model.structure import Project


def _cells(project: Project, name: str) -> dict[tuple[str, str], list[str]]:
    (blueprint,) = [b for b in project.blueprints if b.name == name]
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for lane in blueprint.lanes:
        for card in sorted(lane.cards, key=lambda c: (c.step.position, c.position)):
            found[(lane.title, card.step.title)].append(card.text)
    return dict(found)


def _grid(project: Project, name: str) -> tuple[list, list, list]:
    (blueprint,) = [b for b in project.blueprints if b.name == name]
    used_steps = {card.step_id for lane in blueprint.lanes for card in lane.cards}
    used_lanes = [lane for lane in blueprint.lanes if lane.cards]
    steps = [(s.title, s.stage.title if s.stage else "") for s in blueprint.steps]
    steps = [t for s, t in zip(blueprint.steps, steps, strict=True) if s.id in used_steps]
    stages = list(dict.fromkeys(stage for _, stage in steps if stage))
    return [(lane.title, lane.kind) for lane in used_lanes], steps, stages


def test_the_sample_exported_and_imported_gives_the_same_map(
    sample_file: ProjectFile, tmp_path: Path
) -> None:
    out = tmp_path / "cards.csv"
    export_csv(sample_file.session, out)
    plan = read_csv(out)
    fresh = ProjectFile.build("fresh", _empty_project)
    try:
        result = build_plan(fresh.project, plan)
        fresh.commit()
        assert result.cards == sum(
            len(lane.cards) for b in sample_file.project.blueprints for lane in b.lanes
        )
        for original in sample_file.project.blueprints:
            name = original.name
            assert _grid(fresh.project, name) == _grid(sample_file.project, name)
            assert _cells(fresh.project, name) == _cells(sample_file.project, name)
            (copy,) = [b for b in fresh.project.blueprints if b.name == name]
            assert copy.kind == original.kind
            _same_card_details(original, copy)
        assert plan.skipped == ["columns not brought in: Opportunities"]
    finally:
        fresh.close()


def _same_card_details(original, copy) -> None:
    def details(blueprint):
        return sorted(
            (
                card.text,
                card.fail_point,
                card.wait_point,
                card.actor.name if card.actor else "",
                card.channel,
                tuple(s.name for s in card.systems),
                card.duration_minutes,
                card.notes,
                tuple(
                    sorted(
                        (p.severity, p.perspective, p.evidence, p.resolved, p.description)
                        for p in card.pain_points
                    )
                ),
                _emotion(card.step),
            )
            for lane in blueprint.lanes
            for card in lane.cards
        )

    assert details(copy) == details(original)


def _emotion(step) -> tuple:
    """A step's emotions and key moment as the CSV carries them (not the moment's note)."""
    moment = step.key_moment
    return (
        (step.emotion.service_user, step.emotion.staff) if step.emotion else None,
        (moment.importance_to_user, moment.importance_to_provider) if moment else None,
    )


def _empty_project(session) -> None:
    from app.model.ops_grid import create_project

    create_project(session, "fresh")


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


MINIMAL = "Lane,Step,Card\nCustomer,Arrive,Walks in\nFrontstage,Arrive,Greets\nCustomer,Wait,Sits\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (MINIMAL, "utf-8"),
        (MINIMAL, "utf-8-sig"),
        (MINIMAL, "utf-16"),  # Excel's "Unicode text": a BOM, then UTF-16
        (MINIMAL.replace(",", ";"), "utf-8-sig"),  # Excel in a comma-decimal locale
        (MINIMAL.replace(",", "\t"), "utf-16"),
        (MINIMAL.replace("\n", "\r\n"), "utf-8"),
        ("sep=;\n" + MINIMAL.replace(",", ";"), "utf-8"),
    ],
)
def test_a_minimal_sheet_in_each_encoding_and_separator(
    tmp_path: Path, text: str, encoding: str
) -> None:
    plan = read_csv(_write(tmp_path / "journey.csv", text, encoding))
    (blueprint,) = plan.blueprints
    assert blueprint.name == "journey"  # named after the file
    assert [(lane.title, lane.kind) for lane in blueprint.lanes] == [
        ("Customer", LaneKind.CUSTOMER_ACTIONS),
        ("Frontstage", LaneKind.FRONTSTAGE),
    ]
    assert [step.title for step in blueprint.steps] == ["Arrive", "Wait"]
    assert [(c.lane, c.step, c.text) for c in blueprint.cards] == [
        (0, 0, "Walks in"),
        (1, 0, "Greets"),
        (0, 1, "Sits"),
    ]
    assert plan.skipped == []


def test_headings_are_matched_whatever_their_case_and_spaces(tmp_path: Path) -> None:
    text = " card ;LANE; Step ;Duration (Minutes);Colour\nHello;Backstage;One;15;red\n"
    plan = read_csv(_write(tmp_path / "a.csv", text))
    (card,) = plan.blueprints[0].cards
    assert (card.text, card.duration_minutes) == ("Hello", 15)
    assert plan.skipped == ["columns not brought in: Colour"]


def test_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    text = "Lane,Step,Card\nCustomer,Café,Pays £5 – “cash”\n"
    plan = read_csv(_write(tmp_path / "old.csv", text, "cp1252"))
    (card,) = plan.blueprints[0].cards
    assert card.text == "Pays £5 – “cash”"
    assert plan.blueprints[0].steps[0].title == "Café"
    assert any("Windows-1252" in note for note in plan.skipped)


def test_quoted_cells_keep_their_line_breaks_and_commas(tmp_path: Path) -> None:
    text = 'Lane,Step,Card,Notes\nCustomer,Arrive,"Walks in,\nlooks round","a ""quote"""\n'
    plan = read_csv(_write(tmp_path / "q.csv", text))
    (card,) = plan.blueprints[0].cards
    assert card.text == "Walks in,\nlooks round"
    assert card.notes == 'a "quote"'


def test_the_exports_formula_guard_is_removed(tmp_path: Path) -> None:
    text = "Lane,Step,Card\nCustomer,'=Step,'=SUM(A1)\nCustomer,'-1,'it's fine\n"
    plan = read_csv(_write(tmp_path / "g.csv", text))
    blueprint = plan.blueprints[0]
    assert [c.text for c in blueprint.cards] == ["=SUM(A1)", "'it's fine"]
    assert [s.title for s in blueprint.steps] == ["=Step", "-1"]


def test_blueprint_and_kind_columns_make_one_blueprint_per_name(tmp_path: Path) -> None:
    text = (
        "Blueprint,Kind,Stage,Step,Lane,Card,Fail point,Wait point,Actor,Systems\n"
        "Today,as-is,Booking,Call,Customer actions,Phones,yes,no,Patient,\n"
        'Tomorrow,to-be,Booking,Call,Systems,Texts,no,yes,,"SMS, GP system"\n'
        "Today,as-is,Visit,Arrive,Unknown lane,Walks in,no,no,,\n"
    )
    plan = read_csv(_write(tmp_path / "two.csv", text))
    today, tomorrow = plan.blueprints
    assert (today.name, today.kind, tomorrow.name, tomorrow.kind) == (
        "Today",
        BlueprintKind.AS_IS,
        "Tomorrow",
        BlueprintKind.TO_BE,
    )
    assert [(s.title, s.stage) for s in today.steps] == [("Call", "Booking"), ("Arrive", "Visit")]
    assert [(lane.title, lane.kind) for lane in today.lanes] == [
        ("Customer actions", LaneKind.CUSTOMER_ACTIONS),
        ("Unknown lane", LaneKind.CUSTOM),
    ]
    assert today.cards[0].fail_point and today.cards[0].actor == "Patient"
    assert tomorrow.cards[0].wait_point and tomorrow.cards[0].systems == ("SMS", "GP system")


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"no Step column \(found: Lane, Card\)"):
        read_csv(_write(tmp_path / "m.csv", "Lane,Card\nCustomer,Hello\n"))


def test_an_empty_lane_cell_names_its_line(tmp_path: Path) -> None:
    text = "Lane,Step,Card\nCustomer,A,x\n\n,B,y\n"
    with pytest.raises(ImportFailed, match=r"^line 4: the Lane column is empty"):
        read_csv(_write(tmp_path / "e.csv", text))


def test_a_bad_flag_or_duration_says_what_to_write(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="line 2: Fail point is 'maybe'; write yes or no"):
        read_csv(_write(tmp_path / "f.csv", "Lane,Step,Card,Fail point\nA,B,C,maybe\n"))
    with pytest.raises(ImportFailed, match="line 2: the duration '1h' is not a whole number"):
        read_csv(_write(tmp_path / "d.csv", "Lane,Step,Card,Duration\nA,B,C,1h\n"))


def test_a_hundred_thousand_rows_stream_with_progress(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lanes = ("Customer actions", "Frontstage", "Backstage", "Systems")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Stage;Step;Lane;Card\n")
        for row in range(100_000):
            out.write(f"Stage {row // 5000};Step {row // 500};{lanes[row % 4]};Card {row}\n")
    calls: list[tuple[int, int]] = []
    plan = read_csv(path, progress=lambda done, total: calls.append((done, total)))
    (blueprint,) = plan.blueprints
    assert len(blueprint.cards) == 100_000
    assert len(blueprint.steps) == 200 and len(blueprint.lanes) == 4
    assert len(calls) >= 50
    assert calls[-1] == (path.stat().st_size, path.stat().st_size)
    assert all(a[0] <= b[0] for a, b in pairwise(calls))


def test_progress_may_cancel(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = "".join(f"A,S{n},c\n" for n in range(5000))
    path.write_text("Lane,Step,Card\n" + rows, encoding="utf-8")

    def cancel(done: int, total: int) -> None:
        raise ImportCancelled("stopped")

    with pytest.raises(ImportCancelled):
        read_csv(path, progress=cancel)


def test_a_utf16_file_without_a_bom_is_not_misread(tmp_path: Path) -> None:
    data = MINIMAL.encode("utf-16-le")
    assert not data.startswith(codecs.BOM_UTF16_LE)
    with pytest.raises(ImportFailed, match="not a text file"):
        read_csv(_bytes(tmp_path / "u.csv", data))


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
