"""The opportunities report follows the priority rule: the ranked candidates in rank order
with their rank, then "Prepare the ground first" with what each is missing, the matrix
page, and the same numbers in every table and chart (read back with pypdf)."""

from __future__ import annotations

from overlay_helpers import build_project
from pypdf import PdfReader

from app.analysis.priority import prioritise
from app.export.report_opportunities import opportunities_report
from app.model.ops_method import add_opportunity, add_pain_point
from app.model.structure import Blueprint

SAMPLE_ORDER = [
    "Quieter appointment times",
    "Follow-up call after the check",
    "Reminder by a trusted contact",
    "Plain-English invitation letter",
    "Shared record with the mental health trust",
]


def texts(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def in_order(text: str, parts: list[str]) -> bool:
    places = [text.find(part) for part in parts]
    return -1 not in places and places == sorted(places)


def test_the_sample_report_follows_the_rule(sample_project, tmp_path) -> None:
    project = sample_project.project
    path = tmp_path / "opportunities.pdf"
    pages = opportunities_report(sample_project.session, project, path)
    pages_text = texts(path)
    assert pages == len(pages_text) == 4
    tables = " ".join(pages_text[:2])
    assert [p.title for p in prioritise(project.opportunities)] == SAMPLE_ORDER
    # The ranked ones, by rank, then the section of those that prepare the ground.
    assert in_order(
        tables,
        [
            "In priority order",
            "Rank Opportunity",
            "1 Quieter appointment times",
            "2 Follow-up call after the check",
            "3 Reminder by a trusted contact",
            "Prepare the ground first",
            "4 Plain-English invitation letter",
            "Senior management interest is low (2 of 5; it needs 3 or more).",
            "5 Shared record with the mental health trust",
            "Operational willingness and capacity is low (2 of 5; it needs 3 or more).",
            "Team capability is low (2 of 5; it needs 3 or more).",
            "What each opportunity addresses",
        ],
    )
    assert "5 opportunities: 3 ranked, 2 to prepare the ground first" in pages_text[0]
    assert "24.4 18.3" in tables  # the first one's need and score
    assert "Underserved: People with severe mental illness" in tables
    # What each addresses, numbered the same way.
    addresses = tables[tables.index("What each opportunity addresses") :]
    assert in_order(addresses, [f"{n} {title}" for n, title in enumerate(SAMPLE_ORDER, 1)])
    matrix = pages_text[2]
    assert "Prioritisation matrix" in matrix
    for name in ("Do first", "Plan", "Fit in", "Reconsider"):
        assert name in matrix
    assert "4. Plain-English invitation letter: needs senior management interest (low)." in matrix
    assert "Prepare the ground first (not plotted)" in matrix
    assert "Shared record" not in matrix.split("How to read it")[0]  # listed, not plotted
    charts = pages_text[-1]
    assert "Opportunities by impact and effort" in charts and "met at 3" in charts


def test_unscored_conditions_and_no_ranked_candidate(tmp_path) -> None:
    def fill(blueprint: Blueprint) -> None:
        pain = add_pain_point(blueprint.steps[0], "Queue at the door", 4, "staff", "data")
        add_opportunity(blueprint.project, "Nothing scored", [pain])
        add_opportunity(
            blueprint.project,
            "Nearly there",
            [pain],
            management_interest=4,
            operational_capacity=3,
            capability=1,
        )

    project_file = build_project(fill)
    try:
        path = tmp_path / "waiting.pdf"
        pages = opportunities_report(project_file.session, project_file.project, path)
        pages_text = texts(path)
        assert pages == 2  # no matrix page: nothing is ranked
        first = pages_text[0]
        assert "In priority order" not in first
        assert in_order(
            first,
            [
                "Prepare the ground first",
                "1 Nearly there",
                "Team capability is low (1 of 5; it needs 3 or more).",
                "2 Nothing scored",
                "Senior management interest is not scored yet.",
                "Operational willingness and capacity is not scored yet.",
                "Team capability is not scored yet.",
            ],
        )
        assert "0 ranked, 2 to prepare the ground first" in first
    finally:
        project_file.close()


def test_a_severe_small_group_is_printed_above_a_large_mild_one(tmp_path) -> None:
    ready = {"management_interest": 4, "operational_capacity": 4, "capability": 4}

    def fill(blueprint: Blueprint) -> None:
        severe = add_pain_point(
            blueprint.steps[0],
            "Cannot read the letter",
            5,
            "service user",
            "interview",
            people_affected=20,
            underserved_group="People with a learning disability",
        )
        mild = add_pain_point(
            blueprint.steps[1], "Car park full", 2, "service user", "data", people_affected=5000
        )
        add_opportunity(blueprint.project, "More parking", [mild], impact=3, effort=2, **ready)
        add_opportunity(
            blueprint.project, "Easy-read letter", [severe], impact=3, effort=2, **ready
        )

    project_file = build_project(fill)
    try:
        path = tmp_path / "ranked.pdf"
        opportunities_report(project_file.session, project_file.project, path)
        pages_text = texts(path)
        assert in_order(pages_text[0], ["1 Easy-read letter", "2 More parking"])
        assert "Prepare the ground first" not in pages_text[0]
        assert in_order(pages_text[1], ["Prioritisation matrix", "Easy-read letter"])
    finally:
        project_file.close()
