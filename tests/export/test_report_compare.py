"""The as-is to to-be PDF report, read back with pypdf: the headline and every item named,
the paper asked for, user text printed literally, written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis.compare import compare
from app.analysis.compare_text import headline
from app.export.output_file import ExportError
from app.export.paper import PAPERS, PaperError
from app.export.report_compare import write_comparison_report
from app.model import ops_grid as grid
from app.model import ops_method as method
from app.model.duplicate import duplicate_as_to_be
from app.model.project_file import ProjectFile
from tests.export.pdf_helpers import folder_is_clean, page_sizes, page_texts

AS_IS = "Physical health check (as-is)"
TO_BE = "Physical health check (to-be)"


@pytest.fixture(scope="module")
def comparison(sample_project: ProjectFile):
    return compare(sample_project.session, AS_IS, TO_BE)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_report_has_the_headline_and_every_item(tmp_path: Path, comparison) -> None:
    out = tmp_path / "changes.pdf"
    pages = write_comparison_report(comparison, out)
    texts = page_texts(out)
    assert pages == len(texts) >= 2
    first, everything = texts[0], " ".join(texts)
    assert "What the to-be changes" in first
    line = headline(comparison)
    assert squash(line[:1].upper() + line[1:]) in first
    assert "Cards: 7 added, 2 removed, 9 changed, 0 moved (47 → 52 cards)." in first
    for name in (
        "Cards added (7)",
        "Receptionist records the trusted contact and how they want to be reminded",
        "Shared care record: GP and trust records linked",
        "Cards removed (2)",
        "Waits on hold",
        "Cards changed (9)",
        "Gets a call from the practice to book a quiet time",
        "Cards moved (0)",
        "Pain points resolved (8)",
        "Long wait on hold at 8am",
        "Its card was removed",
        "Marked resolved in the to-be",
        "Pain points remaining (2)",
        "Letter is hard to understand",
        "Systems retired and added (0)",
        f"Hand-offs before: {AS_IS} ({len(comparison.before.hand_offs)})",
        f"Hand-offs after: {TO_BE} ({len(comparison.after.hand_offs)})",
        "Contact points: 5 before, 5 after",
        "phone or in person",
    ):
        assert name in everything, name
    assert folder_is_clean(tmp_path, "changes.pdf")


def test_paper(tmp_path: Path, comparison) -> None:
    a4 = tmp_path / "a4.pdf"
    write_comparison_report(comparison, a4)
    width, height = PAPERS["A4"]
    assert page_sizes(a4)[0] == pytest.approx((height, width), abs=0.5)  # landscape
    letter = tmp_path / "letter.pdf"
    write_comparison_report(comparison, letter, paper="letter")
    assert page_sizes(letter)[0] == pytest.approx((792.0, 612.0), abs=0.5)
    with pytest.raises(PaperError, match="unknown paper"):
        write_comparison_report(comparison, tmp_path / "bad.pdf", paper="napkin")
    assert not (tmp_path / "bad.pdf").exists()


def test_a_missing_folder_writes_nothing(tmp_path: Path, comparison) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_comparison_report(comparison, tmp_path / "gone" / "changes.pdf")
    assert folder_is_clean(tmp_path)


def _small(session) -> None:
    project = grid.create_project(session, "Clinic")
    as_is = grid.add_blueprint(project, "As-is")
    grid.add_lane(as_is, "customer actions")
    grid.add_step(as_is, "<i>Booking</i>")
    card = grid.add_card(as_is.lanes[0], as_is.steps[0], "Phones & <b>waits</b>")
    method.add_pain_point(card, "Hold <font size=40>music</font>", 4, "service user", "data")
    to_be = duplicate_as_to_be(as_is, "To-be")
    grid.delete_card(to_be.lanes[0].cards[0])
    grid.add_card(to_be.lanes[0], to_be.steps[0], "<img src='/etc/passwd'/> online")
    grid.add_blueprint(project, "Elsewhere", "to-be")


def test_user_text_prints_literally_and_no_lineage_is_said(tmp_path: Path) -> None:
    project_file = ProjectFile.build("Clinic", _small)
    try:
        out = tmp_path / "literal.pdf"
        write_comparison_report(compare(project_file.session, "As-is", "To-be"), out)
        text = " ".join(page_texts(out))
        assert "Phones & <b>waits</b>" in text
        assert "Hold <font size=40>music</font>" in text
        assert "<img src='/etc/passwd'/> online" in text
        assert "<i>Booking</i>" in text
        other = tmp_path / "other.pdf"
        write_comparison_report(compare(project_file.session, "As-is", "Elsewhere"), other)
        text = " ".join(page_texts(other))
        assert "'Elsewhere' was not duplicated from 'As-is'" in text
    finally:
        project_file.close()
