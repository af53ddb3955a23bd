"""The opportunities report: every change candidate with its scores, what it addresses,
and a chart page (impact against effort; interest, capacity and capability)."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from app.export.report_charts import impact_effort_grid, readiness
from app.export.report_document import (
    MARGIN,
    REPORT_PAGE,
    report_table,
    subtitle,
    write_report,
)
from app.export.report_styles import Styles, para, styles
from app.export.severity_colours import SEVERITY_NAMES
from app.layout.overlay import shorten
from app.model.method import Opportunity, PainPoint
from app.model.structure import Project

SCORE_HEADER = (
    "No.",
    "Opportunity",
    "Status",
    "Scale",
    "Tags",
    "Interest",
    "Capacity",
    "Capability",
    "Impact",
    "Effort",
    "People affected",
    "Owner, target",
)
SCORE_SHARES = (0.04, 0.235, 0.075, 0.09, 0.07, 0.063, 0.068, 0.075, 0.058, 0.052, 0.084, 0.09)
ADDRESS_HEADER = ("No.", "Opportunity", "Pain points it addresses", "How success is measured")
ADDRESS_SHARES = (0.04, 0.2, 0.5, 0.26)
PAIN_CHARS = 160


def opportunities_report(
    session,
    project: Project,
    out_path: Path | str,
    *,
    page_size: tuple[float, float] = REPORT_PAGE,
) -> int:
    """Every opportunity of ``project`` (numbered in the project's order) with its scores,
    then what each addresses, then the chart page; returns the number of pages."""
    opportunities = list(project.opportunities)
    s = styles()
    width = page_size[0] - 2 * MARGIN
    story: list[Flowable] = [
        para(f"Opportunities: {project.name}", s.title),
        para(subtitle(session, project), s.small),
        Spacer(1, 6),
        para(_summary(opportunities), s.body),
    ]
    if opportunities:
        story += [
            Spacer(1, 8),
            _score_table(opportunities, width, s),
            para("What each opportunity addresses", s.heading),
            _address_table(opportunities, width, s),
        ]
    grid = [
        (number, o.effort, o.impact, o.quick_win)
        for number, o in enumerate(opportunities, start=1)
        if o.effort is not None and o.impact is not None
    ]
    ready = [
        (number, o.management_interest, o.operational_capacity, o.capability)
        for number, o in enumerate(opportunities, start=1)
    ]
    height = page_size[1] - 2 * MARGIN - 20
    charts = Table(
        [[impact_effort_grid(grid, width * 0.45, height), readiness(ready, width * 0.55, height)]],
        colWidths=[width * 0.45, width * 0.55],
    )
    story += [PageBreak(), charts]
    unplaced = len(opportunities) - len(grid)
    if unplaced:
        story.append(para(f"{unplaced} opportunities have no impact or effort score yet.", s.small))
    footer = f"{project.name} · opportunities"
    return write_report(out_path, story, page_size, f"Opportunities: {project.name}", footer)


def _summary(opportunities: list[Opportunity]) -> str:
    if not opportunities:
        return "No opportunities yet."
    quick = sum(o.quick_win for o in opportunities)
    exemplars = sum(o.exemplar for o in opportunities)
    return (
        f"{len(opportunities)} opportunities; {quick} quick wins, {exemplars} exemplars. "
        "Scores run from 0 to 5; interest, capacity and capability are the conditions "
        "under which a pilot succeeds."
    )


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _score_table(opportunities: list[Opportunity], width: float, s: Styles) -> Table:
    rows: list[list] = [[para(text, s.header) for text in SCORE_HEADER]]
    for number, o in enumerate(opportunities, start=1):
        tags = ", ".join(
            t for t, on in (("quick win", o.quick_win), ("exemplar", o.exemplar)) if on
        )
        people = f"{o.people_affected:,}" if o.people_affected is not None else "–"
        if o.underserved_group:
            people += f"; underserved: {o.underserved_group}"
        owner = ", ".join(
            part for part in (o.owner, o.target_date.isoformat() if o.target_date else "") if part
        )
        title = [para(o.title, s.strong)]
        if o.description:
            title.append(para(o.description, s.small))
        rows.append(
            [
                para(str(number), s.number),
                title,
                para(o.status.value, s.body),
                para(o.scale.value if o.scale else "–", s.body),
                para(tags or "–", s.small),
                *(
                    para(_score(getattr(o, name)), s.number)
                    for name in (
                        "management_interest",
                        "operational_capacity",
                        "capability",
                        "impact",
                        "effort",
                    )
                ),
                para(people, s.small),
                para(owner or "–", s.small),
            ]
        )
    return report_table(rows, width, SCORE_SHARES)


def _address_table(opportunities: list[Opportunity], width: float, s: Styles) -> Table:
    rows: list[list] = [[para(text, s.header) for text in ADDRESS_HEADER]]
    for number, o in enumerate(opportunities, start=1):
        pains = sorted(o.pain_points, key=lambda p: (-p.severity, p.description))
        cell = [para(_pain_line(p), s.small) for p in pains] or [para("–", s.small)]
        rows.append(
            [
                para(str(number), s.number),
                para(o.title, s.body),
                cell,
                para(o.measure or "–", s.small),
            ]
        )
    return report_table(rows, width, ADDRESS_SHARES)


def _pain_line(pain: PainPoint) -> str:
    step = pain.step if pain.step is not None else pain.card.step if pain.card else None
    where = f"{step.blueprint.name} › {step.title}" if step is not None else ""
    severity = f"{pain.severity} {SEVERITY_NAMES[pain.severity]}"
    return (
        f"{severity}, {pain.perspective.value}: {shorten(pain.description, PAIN_CHARS)} ({where})"
    )
