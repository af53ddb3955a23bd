"""The opportunities report: every change candidate in the order of the priority rule
(app.analysis.priority) — the ranked ones with their rank, then those that must prepare
the ground first with what they are missing — what each addresses, the prioritisation
matrix, and a chart page (impact against effort; interest, capacity and capability)."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from app.analysis.priority import (
    CONDITION_MET,
    FEASIBILITY_LINE,
    PREPARE,
    QUADRANTS,
    SCORE_TOP,
    Priority,
    benefit_axis,
    benefit_line,
    prioritise,
)
from app.export.map_marks import fit_text
from app.export.report_charts import (
    OTHER_DOT,
    QUICK_WIN_DOT,
    impact_effort_grid,
    readiness,
)
from app.export.report_document import (
    MARGIN,
    REPORT_PAGE,
    report_table,
    subtitle,
    write_report,
)
from app.export.report_styles import Styles, para, register_fonts, styles
from app.export.severity_colours import SEVERITY_NAMES
from app.layout.fonts import BOLD, REGULAR
from app.layout.overlay import shorten
from app.model.method import Opportunity, PainPoint
from app.model.structure import Project

SCORES = ("management_interest", "operational_capacity", "capability", "impact", "effort")
RANKED_HEADER = (
    "Rank",
    "Opportunity",
    "Status",
    "Scale",
    "Tags",
    "Interest",
    "Capacity",
    "Capability",
    "Impact",
    "Effort",
    "Need",
    "Score",
    "People affected",
    "Owner, target",
)
RANKED_SHARES = (
    0.045,
    0.18,
    0.07,
    0.09,
    0.06,
    0.063,
    0.068,
    0.075,
    0.058,
    0.052,
    0.047,
    0.05,
    0.065,
    0.077,
)
WAITING_HEADER = (
    "No.",
    "Opportunity",
    "What is missing",
    "Interest",
    "Capacity",
    "Capability",
    "Impact",
    "Effort",
    "Need",
    "Status",
    "Owner, target",
)
WAITING_SHARES = (0.04, 0.19, 0.23, 0.063, 0.068, 0.075, 0.058, 0.052, 0.047, 0.075, 0.102)
ADDRESS_HEADER = ("No.", "Opportunity", "Pain points it addresses", "How success is measured")
ADDRESS_SHARES = (0.04, 0.2, 0.5, 0.26)
PAIN_CHARS = 160
RULE_SUMMARY = (
    "Ranked by the rule in the README and in Help → How Opportunities Are Ranked: senior "
    "management interest, operational willingness and capacity and team capability must "
    f"each be {CONDITION_MET} or more, else the candidate prepares the ground first; the "
    "others are ordered by score = need × (1 + impact) / 6 × (1 − effort / 10), where need "
    "weighs severity and underserved groups as well as how many people are affected. "
    "Numbers are the same in every table and chart."
)
LOW_FILL = colors.HexColor("#fdf1dc")
QUADRANT_FILLS = {
    "Do first": colors.HexColor("#e3f1dc"),
    "Plan": colors.HexColor("#e3ecf7"),
    "Fit in": colors.HexColor("#f7f3e3"),
    "Reconsider": colors.HexColor("#f0f0f0"),
}
EXEMPLAR_RING = colors.HexColor("#c08a00")
AXIS = colors.HexColor("#444444")
GRID = colors.HexColor("#cfcfcf")
DIVIDER = colors.HexColor("#8c8c8c")
LABEL_CHARS = 34


def opportunities_report(
    session,
    project: Project,
    out_path: Path | str,
    *,
    page_size: tuple[float, float] = REPORT_PAGE,
) -> int:
    """Every opportunity of ``project`` in the order of the priority rule (numbered 1, 2, …
    in that order, so a ranked candidate's number is its rank), then what each addresses,
    the prioritisation matrix and the chart page; returns the number of pages."""
    by_id = {o.id: o for o in project.opportunities}
    priorities = prioritise(by_id.values())
    ordered = [(number, p, by_id[p.id]) for number, p in enumerate(priorities, start=1)]
    ranked = [row for row in ordered if row[1].ranked]
    waiting = [row for row in ordered if not row[1].ranked]
    s = styles()
    width = page_size[0] - 2 * MARGIN
    story: list[Flowable] = [
        para(f"Opportunities: {project.name}", s.title),
        para(subtitle(session, project), s.small),
        Spacer(1, 6),
        para(_summary(priorities), s.body),
    ]
    if priorities:
        story += [Spacer(1, 3), para(RULE_SUMMARY, s.small)]
    if ranked:
        story += [para("In priority order", s.heading), _ranked_table(ranked, width, s)]
    if waiting:
        story += [
            para(PREPARE, s.heading),
            para(
                "Not ranked until all three conditions are met: each is scored 0–5 and met at "
                f"{CONDITION_MET} or more. What each still needs:",
                s.small,
            ),
            Spacer(1, 4),
            _waiting_table(waiting, width, s),
        ]
    if ordered:
        story += [
            para("What each opportunity addresses", s.heading),
            _address_table(ordered, width, s),
        ]
    height = page_size[1] - 2 * MARGIN - 20
    if ranked:
        story += [PageBreak(), _matrix_page(priorities, width, height, s)]
    grid = [
        (number, o.effort, o.impact, o.quick_win)
        for number, _p, o in ordered
        if o.effort is not None and o.impact is not None
    ]
    ready = [
        (number, o.management_interest, o.operational_capacity, o.capability)
        for number, _p, o in ordered
    ]
    unplaced = len(ordered) - len(grid)
    tall = height - (24 if unplaced else 0)  # room for the note on the same page
    charts = Table(
        [[impact_effort_grid(grid, width * 0.45, tall), readiness(ready, width * 0.55, tall)]],
        colWidths=[width * 0.45, width * 0.55],
    )
    story += [PageBreak(), charts]
    if unplaced:
        note = f"{unplaced} opportunities have no impact or effort score yet."
        if unplaced == 1:
            note = "1 opportunity has no impact or effort score yet."
        story.append(para(note, s.small))
    footer = f"{project.name} · opportunities"
    return write_report(out_path, story, page_size, f"Opportunities: {project.name}", footer)


def _summary(priorities: list[Priority]) -> str:
    if not priorities:
        return "No opportunities yet."
    ranked = sum(p.ranked for p in priorities)
    quick = sum(p.quick_win for p in priorities)
    exemplars = sum(p.exemplar for p in priorities)
    return (
        f"{len(priorities)} opportunities: {ranked} ranked, {len(priorities) - ranked} to "
        f"prepare the ground first; {quick} quick wins, {exemplars} exemplars. Scores run from "
        "0 to 5; interest, capacity and capability are the conditions under which a pilot "
        "succeeds."
    )


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _tags(o: Opportunity) -> str:
    return ", ".join(t for t, on in (("quick win", o.quick_win), ("exemplar", o.exemplar)) if on)


def _owner(o: Opportunity) -> str:
    target = o.target_date.isoformat() if o.target_date else ""
    return ", ".join(part for part in (o.owner, target) if part) or "–"


def _title_cell(o: Opportunity, s: Styles) -> list:
    cell = [para(o.title, s.strong)]
    if o.description:
        cell.append(para(o.description, s.small))
    return cell


def _score_cells(o: Opportunity, s: Styles) -> list:
    return [para(_score(getattr(o, name)), s.number) for name in SCORES]


def _ranked_table(rows: list[tuple[int, Priority, Opportunity]], width: float, s: Styles) -> Table:
    cells: list[list] = [[para(text, s.header) for text in RANKED_HEADER]]
    for _number, p, o in rows:
        title = _title_cell(o, s)
        if p.underserved:
            title.append(para(f"Underserved: {', '.join(p.underserved)}", s.small))
        cells.append(
            [
                para(str(p.rank), s.number),
                title,
                para(o.status.value, s.body),
                para(o.scale.value if o.scale else "–", s.body),
                para(_tags(o) or "–", s.small),
                *_score_cells(o, s),
                para(f"{p.need:.1f}", s.number),
                para(f"{p.score:.1f}", s.number),
                para(f"{p.people:,}" if p.people else "–", s.small),
                para(_owner(o), s.small),
            ]
        )
    return report_table(cells, width, RANKED_SHARES)


def _waiting_table(rows: list[tuple[int, Priority, Opportunity]], width: float, s: Styles) -> Table:
    cells: list[list] = [[para(text, s.header) for text in WAITING_HEADER]]
    low: list[tuple] = []
    for row, (number, p, o) in enumerate(rows, start=1):
        cells.append(
            [
                para(str(number), s.number),
                _title_cell(o, s),
                [para(m.sentence, s.small) for m in p.missing],
                *_score_cells(o, s),
                para(f"{p.need:.1f}", s.number),
                para(o.status.value, s.body),
                para(_owner(o), s.small),
            ]
        )
        for missing in p.missing:  # the conditions still owed, shaded
            column = 3 + SCORES.index(missing.field)
            low.append(("BACKGROUND", (column, row), (column, row), LOW_FILL))
    table = report_table(cells, width, WAITING_SHARES)
    table.setStyle(TableStyle(low))
    return table


def _address_table(rows: list[tuple[int, Priority, Opportunity]], width: float, s: Styles) -> Table:
    cells: list[list] = [[para(text, s.header) for text in ADDRESS_HEADER]]
    for number, _p, o in rows:
        pains = sorted(o.pain_points, key=lambda p: (-p.severity, p.description))
        cell = [para(_pain_line(p), s.small) for p in pains] or [para("–", s.small)]
        cells.append(
            [
                para(str(number), s.number),
                para(o.title, s.body),
                cell,
                para(o.measure or "–", s.small),
            ]
        )
    return report_table(cells, width, ADDRESS_SHARES)


def _pain_line(pain: PainPoint) -> str:
    step = pain.step if pain.step is not None else pain.card.step if pain.card else None
    where = f"{step.blueprint.name} › {step.title}" if step is not None else ""
    severity = f"{pain.severity} {SEVERITY_NAMES[pain.severity]}"
    resolved = ", resolved" if pain.resolved else ""
    return (
        f"{severity}, {pain.perspective.value}{resolved}: "
        f"{shorten(pain.description, PAIN_CHARS)} ({where})"
    )


# -- the prioritisation matrix --------------------------------------------------------------


def _matrix_page(priorities: list[Priority], width: float, height: float, s: Styles) -> Flowable:
    """The matrix on the left; on the right what it shows and who prepares the ground."""
    side_width = width * 0.3
    matrix = priority_matrix(priorities, width - side_width - 12, height)
    side: list[Flowable] = [
        para("How to read it", s.heading),
        para(
            "Benefit (need × impact) up, feasibility (the three conditions, less a tenth for "
            f"each point of effort) across. The lines divide at feasibility {FEASIBILITY_LINE:g} "
            "and at half the highest benefit.",
            s.small,
        ),
    ]
    for name, _b, _f, meaning in QUADRANTS:
        side.append(para(f"{name}: {meaning}.", s.small))
    waiting = [p for p in priorities if not p.ranked]
    if waiting:
        side += [para(f"{PREPARE} (not plotted)", s.heading)]
        first = len(priorities) - len(waiting) + 1
        for number, p in enumerate(waiting, start=first):
            side.append(para(f"{number}. {p.title}: needs {p.missing_text}.", s.small))
            side.append(Spacer(1, 3))
    page = Table([[matrix, side]], colWidths=[width - side_width, side_width])
    page.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([page])


def priority_matrix(priorities: list[Priority], width: float, height: float) -> Drawing:
    """The ranked candidates by rank number at (feasibility, benefit), in the quadrants of
    the rule, each with its short title; a quick win is green, an exemplar ringed."""
    register_fonts()
    ranked = [p for p in priorities if p.ranked]
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 14, "Prioritisation matrix", fontName=BOLD, fontSize=11, fillColor=AXIS)
    )
    left, bottom = 46.0, 58.0
    plot_w, plot_h = width - left - 10, height - bottom - 30
    top, step = benefit_axis(ranked)
    line = benefit_line(ranked) or top / 2

    def x_of(feasibility: float) -> float:
        return left + feasibility / SCORE_TOP * plot_w

    def y_of(benefit: float) -> float:
        return bottom + benefit / top * plot_h

    split_x, split_y = x_of(FEASIBILITY_LINE), y_of(line)
    for name, high, feasible, _meaning in QUADRANTS:
        x0, x1 = (split_x, left + plot_w) if feasible else (left, split_x)
        y0, y1 = (split_y, bottom + plot_h) if high else (bottom, split_y)
        drawing.add(
            Rect(x0, y0, x1 - x0, y1 - y0, fillColor=QUADRANT_FILLS[name], strokeColor=None)
        )
        anchor = "end" if feasible else "start"
        tx = x1 - 6 if feasible else x0 + 6
        ty = y1 - 13 if high else y0 + 5
        drawing.add(_text(tx, ty, name, BOLD, 9, colors.HexColor("#6a6a6a"), anchor))
    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=GRID))
    for start, end in (
        ((split_x, bottom), (split_x, bottom + plot_h)),
        ((left, split_y), (left + plot_w, split_y)),
    ):
        drawing.add(Line(*start, *end, strokeColor=DIVIDER, strokeDashArray=[3, 2]))
    for k in range(SCORE_TOP + 1):
        drawing.add(_text(x_of(k), bottom - 12, str(k), REGULAR, 8, AXIS, "middle"))
    value = 0.0
    while value <= top + 1e-9:
        drawing.add(_text(left - 6, y_of(value) - 3, f"{value:g}", REGULAR, 8, AXIS, "end"))
        value += step
    drawing.add(_text(left + plot_w / 2, bottom - 26, "Feasibility →", BOLD, 9, AXIS, "middle"))
    axis = Group(_text(0, 0, "Benefit: need × impact →", BOLD, 9, AXIS, "middle"))
    axis.transform = (0, 1, -1, 0, left - 30, bottom + plot_h / 2)
    drawing.add(axis)
    labels: list[tuple[float, float, float, float]] = []
    dots = [(p, x_of(p.feasibility), y_of(p.benefit)) for p in ranked]
    for p, cx, cy in dots:
        text = shorten(" ".join(p.title.split()), LABEL_CHARS)
        drawing.add(_label(text, cx, cy, labels, dots, (left, bottom, plot_w, plot_h)))
    for p, cx, cy in dots:
        if p.exemplar:
            drawing.add(
                Circle(cx, cy, 10.5, fillColor=None, strokeColor=EXEMPLAR_RING, strokeWidth=2.2)
            )
        colour = QUICK_WIN_DOT if p.quick_win else OTHER_DOT
        drawing.add(Circle(cx, cy, 8, fillColor=colour, strokeColor=colors.white))
        drawing.add(_text(cx, cy - 3, str(p.rank), BOLD, 8.5, colors.white, "middle"))
    key_y = 10.0
    x = left
    for text, colour, ring in (
        ("quick win", QUICK_WIN_DOT, False),
        ("other", OTHER_DOT, False),
        ("exemplar", OTHER_DOT, True),
    ):
        if ring:
            drawing.add(
                Circle(
                    x + 4,
                    key_y + 3,
                    6.5,
                    fillColor=None,
                    strokeColor=EXEMPLAR_RING,
                    strokeWidth=1.6,
                )
            )
        drawing.add(Circle(x + 4, key_y + 3, 4.5, fillColor=colour, strokeColor=None))
        drawing.add(_text(x + 14, key_y, text, REGULAR, 8, AXIS))
        x += 80
    drawing.add(_text(x, key_y, "Numbers are ranks.", REGULAR, 8, AXIS))
    return drawing


def _label(
    text: str,
    cx: float,
    cy: float,
    taken: list[tuple[float, float, float, float]],
    dots: list[tuple[Priority, float, float]],
    plot: tuple[float, float, float, float],
) -> Group:
    """A point's short title beside it: right, left, above or below, wherever it covers
    least of the other points and labels and stays inside the plot."""
    size = 8.0
    w = stringWidth(text, REGULAR, size) + 6
    h = size + 5
    gap = 12.0
    spots = [
        (cx + gap, cy - h / 2),
        (cx - gap - w, cy - h / 2),
        (cx - w / 2, cy + gap),
        (cx - w / 2, cy - gap - h),
    ]
    left, bottom, plot_w, plot_h = plot

    def overlap(
        a: tuple[float, float, float, float], b: tuple[float, float, float, float]
    ) -> float:
        dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
        dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
        return max(0.0, dx) * max(0.0, dy)

    def clash(spot: tuple[float, float]) -> float:
        box = (spot[0], spot[1], w, h)
        inside = overlap(box, (left, bottom, plot_w, plot_h))
        on_dots = sum(overlap(box, (x - 9, y - 9, 18, 18)) for _p, x, y in dots)
        return 20 * on_dots + 4 * (w * h - inside) + sum(overlap(box, t) for t in taken)

    x, y = min(spots, key=clash)
    taken.append((x, y, w, h))
    return Group(
        Rect(x, y, w, h, rx=2, ry=2, fillColor=colors.Color(1, 1, 1, 0.85), strokeColor=None),
        _text(x + 3, y + 3.6, fit_text(text, REGULAR, size, w), REGULAR, size, AXIS),
    )


def _text(x, y, text, font, size, colour, anchor="start") -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
