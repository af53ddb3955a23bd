"""The CSV export: one row per card of the sample, readable back with the csv module,
Excel's byte-order mark, formula-looking cells made inert, markup and line breaks kept."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from app.export.csv_export import COLUMNS, export_csv, guard
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint, Card


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_card_of_the_sample_has_its_row(sample_file: ProjectFile, tmp_path: Path) -> None:
    session = sample_file.session
    out = tmp_path / "cards.csv"
    written = export_csv(session, out)
    rows = _read(out)
    cards = {card.id: card for card in session.scalars(select(Card))}
    assert written == len(rows) == len(cards) > 90
    assert list(rows[0]) == list(COLUMNS)
    by_id = {row["Card id"]: row for row in rows}
    assert set(by_id) == set(cards)
    for card_id, card in cards.items():
        row = by_id[card_id]
        assert row["Card"] == guard(card.text)
        assert row["Blueprint"] == card.lane.blueprint.name
        assert row["Lane"] == card.lane.title
        assert row["Step"] == card.step.title
        assert row["Stage"] == (card.step.stage.title if card.step.stage else "")
        assert row["Fail point"] == ("yes" if card.fail_point else "no")
        assert row["Wait point"] == ("yes" if card.wait_point else "no")
        assert row["Actor"] == (card.actor.name if card.actor else "")
        assert row["Systems"] == ", ".join(system.name for system in card.systems)
        assert row["Duration (minutes)"] == str(card.duration_minutes or "")
        assert int(row["Pain points"]) == len(card.pain_points)
        for pain in card.pain_points:
            assert " ".join(pain.description.split()) in row["Pain point details"]


def test_rows_follow_the_journey(sample_file: ProjectFile, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    export_csv(sample_file.session, out)
    rows = _read(out)
    cards = {card.id: card for card in sample_file.session.scalars(select(Card))}
    order = [
        (c.lane.blueprint.position, c.step.position, c.lane.position, c.position)
        for c in (cards[row["Card id"]] for row in rows)
    ]
    assert order == sorted(order)


def test_a_chosen_blueprint_only(sample_file: ProjectFile, tmp_path: Path) -> None:
    session = sample_file.session
    blueprints = list(session.scalars(select(Blueprint).order_by(Blueprint.position)))
    to_be = blueprints[1]
    out = tmp_path / "to-be.csv"
    written = export_csv(session, out, to_be)
    rows = _read(out)
    expected = sum(len(lane.cards) for lane in to_be.lanes)
    assert written == len(rows) == expected
    assert {row["Blueprint"] for row in rows} == {to_be.name}


def test_starts_with_a_byte_order_mark(sample_file: ProjectFile, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    export_csv(sample_file.session, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfBlueprint,")
    assert b"\r\n" in data  # rows end as Excel ends them


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.com","click")',
        "+44 20 7946 0000",
        "-1+cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "\tleading tab",
        "\rleading return",
    ],
)
def test_formula_cells_are_guarded(sample_file: ProjectFile, tmp_path: Path, text: str) -> None:
    session = sample_file.session
    card = session.scalars(select(Card).order_by(Card.id)).first()
    card.text = text
    card.channel = text
    session.flush()
    out = tmp_path / "cards.csv"
    export_csv(session, out)
    row = next(row for row in _read(out) if row["Card id"] == card.id)
    assert row["Card"] == "'" + text
    assert row["Channel"] == "'" + text


def test_plain_cells_are_left_alone() -> None:
    for text in ("Receives letter", "3 = three", "a-b", "", "'quoted'", " =spaced"):
        assert guard(text) == text


def test_markup_and_line_breaks_stay_literal(sample_file: ProjectFile, tmp_path: Path) -> None:
    session = sample_file.session
    card = session.scalars(select(Card).order_by(Card.id)).first()
    text = '<b>bold</b> &amp; <font color="red">x</font>\n"quoted", comma; second line'
    card.text = text
    card.notes = "<para>notes</para>\r\nnext"
    session.flush()
    out = tmp_path / "cards.csv"
    export_csv(session, out)
    rows = _read(out)
    row = next(row for row in rows if row["Card id"] == card.id)
    assert row["Card"] == text
    assert row["Notes"] == "<para>notes</para>\r\nnext"
    assert len(rows) == len(session.scalars(select(Card)).all())


def test_a_failed_export_leaves_the_old_file(
    sample_file: ProjectFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "cards.csv"
    out.write_text("the old export\n", encoding="utf-8")

    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("cannot be written")

    rows = [("x",) * len(COLUMNS)] * 50 + [(Unprintable(),)]
    monkeypatch.setattr("app.export.csv_export.card_rows", lambda *_args: rows)
    with pytest.raises(RuntimeError):
        export_csv(sample_file.session, out)
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert [path.name for path in tmp_path.iterdir()] == ["cards.csv"]


def test_rows_carry_the_method(sample_file: ProjectFile, tmp_path: Path) -> None:
    """Each card's row: the opportunities addressing its pain points, and its step's
    emotions and key moment."""
    out = tmp_path / "cards.csv"
    export_csv(sample_file.session, out)
    rows = {row["Card id"]: row for row in _read(out)}
    cards = list(sample_file.session.scalars(select(Card)))
    addressed = [c for c in cards if any(p.opportunities for p in c.pain_points)]
    assert addressed
    for card in addressed:
        titles = {o.title for p in card.pain_points for o in p.opportunities}
        assert set(rows[card.id]["Opportunities"].split("\n")) == titles
    moments = [c for c in cards if c.step.key_moment is not None]
    assert moments
    for card in moments:
        moment = card.step.key_moment
        text = rows[card.id]["Key moment"]
        assert text.startswith(
            f"user {moment.importance_to_user}, provider {moment.importance_to_provider}"
        )
        assert text.endswith("sweet spot") == moment.is_sweet_spot
    felt = [c for c in cards if c.step.emotion is not None]
    assert felt
    for card in felt:
        value = card.step.emotion.service_user
        assert rows[card.id]["Step emotion (service user)"] == ("" if value is None else str(value))
    assert not any(row["Step emotion (service user)"].startswith("'") for row in rows.values())
