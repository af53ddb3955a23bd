"""Report documents: the pain points of a blueprint, and the project's opportunities.

Each is a PDF of tables that flow over pages with their header row repeated, then a page
of charts. The PDF is made in memory and written atomically beside ``out_path`` (a
temporary file, flushed, then renamed over it), so a failed export leaves the old file
or none. Returns the number of pages.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from app.export.report_charts import severity_by_perspective, severity_by_step
from app.export.report_document import MARGIN, REPORT_PAGE, report_table, subtitle, write_report
from app.export.report_opportunities import opportunities_report
from app.export.report_styles import Styles, para, styles
from app.export.severity_colours import SEVERITY_NAMES, fill, ink
from app.layout.overlay import numbered_pain_points, parse_perspective
from app.model.kinds import EvidenceSource, Perspective
from app.model.method import PainPoint
from app.model.structure import Blueprint, Step

__all__ = ["REPORT_PAGE", "opportunities_report", "pain_point_report"]

PAIN_HEADER = (
    "No.",
    "Pain point",
    "Severity",
    "Perspective",
    "Evidence",
    "Where",
    "People affected",
    "Opportunities",
)
PAIN_SHARES = (0.045, 0.3, 0.085, 0.09, 0.09, 0.19, 0.09, 0.11)
NARROW_PAIN_SHARES = (0.055, 0.37, 0.11, 0.13, 0.115, 0.22)
WIDE_TABLE = 650.0  # narrower pages (portrait) get the six-column table
STEP_HEADER = ("Step", "Pain points", "Σ severity", "Worst", "Service user", "Staff", "Key moment")
STEP_SHARES = (0.34, 0.09, 0.09, 0.09, 0.1, 0.08, 0.21)


def pain_point_report(
    session,
    blueprint: Blueprint,
    out_path: Path | str,
    *,
    perspective: Perspective | str | None = None,
    include_resolved: bool = False,
    page_size: tuple[float, float] = REPORT_PAGE,
) -> int:
    """The pain points of ``blueprint`` numbered as on the overlay, then step by step,
    then a chart page; returns the number of pages written to ``out_path``."""
    wanted = parse_perspective(perspective)
    entries = numbered_pain_points(blueprint, perspective=wanted, include_resolved=include_resolved)
    s = styles()
    width = page_size[0] - 2 * MARGIN
    filter_note = f"; {wanted.value} perspective only" if wanted else ""
    story: list[Flowable] = [
        para(f"Pain points: {blueprint.name}", s.title),
        para(subtitle(session, blueprint.project, blueprint) + filter_note, s.small),
        Spacer(1, 6),
        para(_summary(entries), s.body),
    ]
    if entries:
        story.append(Spacer(1, 8))
        story.append(_pain_table(session, entries, width, s))
    story += [para("Step by step", s.heading), _step_table(blueprint, entries, width, s)]
    totals = Counter()
    for entry in entries:
        totals[entry.step_id] += entry.severity
    step_totals = [(step.title, totals[step.id]) for step in blueprint.steps]
    chart_height = (page_size[1] - 2 * MARGIN - 40) / 2
    story += [
        PageBreak(),
        severity_by_perspective(entries, width, chart_height),
        Spacer(1, 12),
        severity_by_step(step_totals, width, chart_height),
    ]
    footer = f"{blueprint.project.name} · {blueprint.name} · pain points"
    return write_report(out_path, story, page_size, f"Pain points: {blueprint.name}", footer)


def _summary(entries) -> str:
    if not entries:
        return "No open pain points on this blueprint."
    by_perspective = Counter(e.perspective for e in entries)
    by_evidence = Counter(e.evidence for e in entries)
    people = ", ".join(f"{by_perspective[p.value]} {p.value}" for p in Perspective)
    evidence = ", ".join(
        f"{by_evidence[e.value]} {e.value}" for e in EvidenceSource if by_evidence[e.value]
    )
    text = f"{len(entries)} pain points: {people}. Evidence: {evidence}."
    assumed = by_evidence[EvidenceSource.ASSUMPTION.value]
    if assumed:
        text += f" {assumed} rest only on assumption: plan research to confirm them."
    return text


def _pain_table(session, entries, width: float, s: Styles) -> Table:
    """One row per pain point; on a narrow (portrait) page the people affected and the
    opportunities go under the pain point instead of into columns of their own."""
    wide = width >= WIDE_TABLE
    header = PAIN_HEADER if wide else PAIN_HEADER[:6]
    rows: list[list] = [[para(text, s.header) for text in header]]
    for entry in entries:
        pain = session.get(PainPoint, entry.id) if session is not None else None
        opportunities = "; ".join(o.title for o in pain.opportunities) if pain else ""
        people = f"{entry.people_affected:,}" if entry.people_affected is not None else ""
        if entry.underserved_group:
            people += f"{'; ' if people else ''}underserved: {entry.underserved_group}"
        text = entry.text + (" (resolved)" if entry.resolved else "")
        row = [
            para(str(entry.number), s.number, colour=ink(entry.severity)),
            [para(text, s.body)],
            para(f"{entry.severity} {SEVERITY_NAMES[entry.severity]}", s.body),
            para(entry.perspective, s.body),
            para(entry.evidence, s.body),
            para(entry.where, s.small),
        ]
        if wide:
            row += [para(people or "–", s.small), para(opportunities or "–", s.small)]
        else:
            if people:
                row[1].append(para(f"People affected: {people}", s.small))
            if opportunities:
                row[1].append(para(f"Opportunities: {opportunities}", s.small))
        rows.append(row)
    table = report_table(rows, width, PAIN_SHARES if wide else NARROW_PAIN_SHARES)
    table.setStyle(
        [
            ("BACKGROUND", (0, row), (0, row), colors.HexColor(fill(entry.severity)))
            for row, entry in enumerate(entries, start=1)
        ]
    )
    return table


def _step_table(blueprint: Blueprint, entries, width: float, s: Styles) -> Table:
    rows: list[list] = [[para(text, s.header) for text in STEP_HEADER]]
    by_step: dict[str, list[int]] = {}
    for entry in entries:
        by_step.setdefault(entry.step_id, []).append(entry.severity)
    for step in blueprint.steps:
        severities = by_step.get(step.id, [])
        rows.append(
            [
                para(_step_name(step), s.body),
                para(str(len(severities)), s.body),
                para(str(sum(severities)), s.body),
                para(str(max(severities)) if severities else "–", s.body),
                para(_emotion(step, "service_user"), s.body),
                para(_emotion(step, "staff"), s.body),
                para(_moment(step), s.small),
            ]
        )
    return report_table(rows, width, STEP_SHARES)


def _step_name(step: Step) -> str:
    return f"{step.stage.title} › {step.title}" if step.stage is not None else step.title


def _emotion(step: Step, who: str) -> str:
    value = getattr(step.emotion, who) if step.emotion is not None else None
    return "–" if value is None else f"{value:+d}".replace("-", "−").replace("+0", "0")


def _moment(step: Step) -> str:
    moment = step.key_moment
    if moment is None:
        return ""
    text = f"user {moment.importance_to_user}/5, provider {moment.importance_to_provider}/5"
    return text + (" · sweet spot" if moment.is_sweet_spot else "")
