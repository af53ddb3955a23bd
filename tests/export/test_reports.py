"""The report documents: pain points of a blueprint and the project's opportunities, as
tables flowing over pages with repeated headers and a chart page, read back with pypdf;
written atomically; markup in any text printed literally."""

import os

import pytest
from overlay_helpers import MARKUP_SAMPLE, build_project
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape

from app.export import output_file
from app.export.output_file import ExportError
from app.export.pdf_reports import opportunities_report, pain_point_report
from app.layout.overlay import numbered_pain_points, shorten
from app.model.ops_grid import add_card
from app.model.ops_method import add_opportunity, add_pain_point
from app.model.structure import Blueprint


def texts(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_sample_pain_point_report(sample_file, tmp_path) -> None:
    blueprint = sample_file.project.blueprints[0]
    path = tmp_path / "pains.pdf"
    pages = pain_point_report(sample_file.session, blueprint, path)
    reader = PdfReader(path)
    assert pages == len(reader.pages) >= 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            landscape(A4)
        )
    pages_text = texts(path)
    everything = " ".join(pages_text)
    assert f"Pain points: {blueprint.name}" in pages_text[0]
    for entry in numbered_pain_points(blueprint):
        assert " ".join(entry.text.split()) in everything
    for step in blueprint.steps:
        assert step.title in everything
    assert "Step by step" in everything and "sweet spot" in everything
    assert "1 rest only on assumption" in everything
    chart = pages_text[-1]
    assert "Pain points by perspective and severity" in chart
    assert "Summed severity step by step" in chart
    assert "5 critical" in chart and "partner" in chart
    assert f"page {pages}" in chart
    assert "Reminder by a trusted contact" in everything  # the opportunities addressing one


def test_the_pain_point_report_keeps_one_perspective(sample_file, tmp_path) -> None:
    blueprint = sample_file.project.blueprints[0]
    path = tmp_path / "staff.pdf"
    pain_point_report(sample_file.session, blueprint, path, perspective="staff")
    everything = " ".join(texts(path))
    assert "staff perspective only" in everything
    for entry in numbered_pain_points(blueprint):
        words = " ".join(entry.text.split())
        assert (words in everything) == (entry.perspective == "staff")


def crowded(blueprint: Blueprint) -> None:
    for index, step in enumerate(blueprint.steps):
        for lane in blueprint.lanes:
            card = add_card(lane, step, f"Card {index} {lane.title}")
            for k in range(10):
                text = f"Trouble {index}.{lane.title}.{k} " + "and it goes on " * (k % 5)
                add_pain_point(card, text, 1 + k % 5, ("staff", "partner")[k % 2], "workshop")


def test_a_long_pain_point_table_repeats_its_header_on_every_page(tmp_path) -> None:
    project_file = build_project(crowded)
    try:
        blueprint = project_file.project.blueprints[0]
        path = tmp_path / "long.pdf"
        pages = pain_point_report(project_file.session, blueprint, path, page_size=A4)
        pages_text = texts(path)
        assert pages == len(pages_text) >= 5
        table_pages = [t for t in pages_text if "Trouble" in t]
        assert len(table_pages) >= 3
        for text in table_pages:
            assert "No. Pain point Severity Perspective Evidence Where" in text
        found = [t.count("Trouble") for t in table_pages]
        assert sum(found) == 90
    finally:
        project_file.close()


def test_the_sample_opportunities_report(sample_file, tmp_path) -> None:
    project = sample_file.project
    path = tmp_path / "opportunities.pdf"
    pages = opportunities_report(sample_file.session, project, path)
    pages_text = texts(path)
    assert pages == len(pages_text) >= 2
    everything = " ".join(pages_text)
    assert f"Opportunities: {project.name}" in pages_text[0]
    for opportunity in project.opportunities:
        assert opportunity.title in everything
        assert opportunity.status.value in everything
        for pain in opportunity.pain_points:
            assert shorten(pain.description, 40).rstrip("…") in everything
    assert "Interest Capacity Capability Impact Effort" in everything
    chart = pages_text[-1]
    assert "Opportunities by impact and effort" in chart and "Quick wins" in chart
    assert "Readiness: interest, capacity, capability" in chart


def test_many_opportunities_flow_with_their_header_repeated(tmp_path) -> None:
    def fill(blueprint: Blueprint) -> None:
        pain = add_pain_point(blueprint.steps[0], "Queue at the door", 4, "staff", "data")
        for k in range(60):
            add_opportunity(
                blueprint.project,
                f"Idea {k:02d}",
                [pain],
                description="A change worth trying " * (k % 4),
                impact=k % 6,
                effort=(k * 7) % 6,
                management_interest=k % 5,
            )

    project_file = build_project(fill)
    try:
        path = tmp_path / "ideas.pdf"
        pages = opportunities_report(project_file.session, project_file.project, path)
        pages_text = texts(path)
        assert pages == len(pages_text) >= 4
        with_rows = [t for t in pages_text[:-1] if "Idea " in t]
        for text in with_rows:
            assert "No." in text and "Opportunity" in text
        everything = " ".join(pages_text[:-1])
        for k in range(60):
            assert f"Idea {k:02d}" in everything
    finally:
        project_file.close()


def test_reports_of_an_empty_blueprint_and_project_still_have_their_pages(tmp_path) -> None:
    project_file = build_project(lambda blueprint: None)
    try:
        blueprint = project_file.project.blueprints[0]
        pains, opportunities = tmp_path / "p.pdf", tmp_path / "o.pdf"
        assert pain_point_report(project_file.session, blueprint, pains) == 2
        assert "No open pain points" in texts(pains)[0]
        assert opportunities_report(project_file.session, project_file.project, opportunities) == 2
        assert "No opportunities yet" in texts(opportunities)[0]
    finally:
        project_file.close()


def test_markup_in_reports_prints_literally(tmp_path) -> None:
    def fill(blueprint: Blueprint) -> None:
        card = add_card(blueprint.lanes[0], blueprint.steps[0], MARKUP_SAMPLE)
        pain = add_pain_point(card, MARKUP_SAMPLE, 3, "service user", "interview")
        add_opportunity(blueprint.project, MARKUP_SAMPLE[:150], [pain], measure=MARKUP_SAMPLE)

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        flat = " ".join(MARKUP_SAMPLE.split())
        for name, write in (
            ("p.pdf", lambda p: pain_point_report(project_file.session, blueprint, p)),
            ("o.pdf", lambda p: opportunities_report(project_file.session, blueprint.project, p)),
        ):
            path = tmp_path / name
            write(path)
            assert flat in " ".join(texts(path))
            data = path.read_bytes()
            assert b"/Subtype /Image" not in data and b"root:" not in data
    finally:
        project_file.close()


def test_a_report_replaces_its_target_atomically(sample_file, tmp_path, monkeypatch) -> None:
    blueprint = sample_file.project.blueprints[0]
    path = tmp_path / "report.pdf"
    path.write_bytes(b"old")
    pain_point_report(sample_file.session, blueprint, path)
    assert path.read_bytes().startswith(b"%PDF")
    assert sorted(os.listdir(tmp_path)) == ["report.pdf"]

    def broken_replace(source, target) -> None:
        raise OSError(28, "No space left on device")

    before = path.read_bytes()
    monkeypatch.setattr(output_file.os, "replace", broken_replace)
    with pytest.raises(ExportError, match=r"could not write report\.pdf: the disk is full"):
        opportunities_report(sample_file.session, sample_file.project, path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["report.pdf"]


def test_a_report_into_a_missing_folder_writes_nothing(sample_file, tmp_path) -> None:
    target = tmp_path / "gone" / "report.pdf"
    with pytest.raises(ExportError, match=r"the folder .* does not exist"):
        pain_point_report(sample_file.session, sample_file.project.blueprints[0], target)
    assert not target.parent.exists()
