"""The charts of the report pages, as reportlab drawings (flowables).

Pain points by perspective and severity (stacked bars in the severity colours), summed
severity step by step, and opportunities on an impact/effort grid. Every label is a
String: drawn as given, never parsed.
"""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors

from app.export.map_marks import fit_text
from app.export.report_styles import register_fonts
from app.export.severity_colours import SEVERITIES, SEVERITY_NAMES, fill, shade_level
from app.layout.fonts import BOLD, REGULAR
from app.layout.overlay import NumberedPainPoint
from app.model.kinds import Perspective

GRID = colors.HexColor("#d8d8d8")
LABEL = colors.HexColor("#444444")


def _title(drawing: Drawing, text: str, y: float) -> None:
    drawing.add(String(0, y, text, fontName=BOLD, fontSize=11, fillColor=colors.black))


def _style_axes(chart: VerticalBarChart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = 8
        axis.labels.fillColor = LABEL
        axis.strokeColor = GRID
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0


def severity_by_perspective(
    entries: list[NumberedPainPoint], width: float, height: float
) -> Drawing:
    """How many pain points each perspective has, stacked by severity."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Pain points by perspective and severity", height - 14)
    perspectives = [p.value for p in Perspective]
    counts = Counter((e.perspective, e.severity) for e in entries)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 40
    chart.width, chart.height = width - 170, height - 80
    chart.data = [[counts[(p, s)] for p in perspectives] for s in SEVERITIES]
    chart.categoryAxis.categoryNames = perspectives
    chart.categoryAxis.style = "stacked"
    chart.barWidth = 30
    _style_axes(chart)
    most = max([sum(counts[(p, s)] for s in SEVERITIES) for p in perspectives] + [1])
    chart.valueAxis.valueMax = most + 1
    chart.valueAxis.valueStep = max(1, round((most + 1) / 6))
    for index, severity in enumerate(SEVERITIES):
        chart.bars[index].fillColor = colors.HexColor(fill(severity))
        chart.bars[index].strokeColor = colors.white
    drawing.add(chart)
    _severity_key(drawing, width - 120, height - 46)
    return drawing


def _severity_key(drawing: Drawing, x: float, top: float) -> None:
    drawing.add(String(x, top + 4, "Severity", fontName=BOLD, fontSize=8.5, fillColor=LABEL))
    for index, severity in enumerate(reversed(SEVERITIES)):
        y = top - 16 - index * 15
        colour = colors.HexColor(fill(severity))
        drawing.add(Rect(x, y, 11, 11, fillColor=colour, strokeColor=None))
        label = f"{severity} {SEVERITY_NAMES[severity]}"
        drawing.add(String(x + 16, y + 2, label, fontName=REGULAR, fontSize=8, fillColor=LABEL))


def severity_by_step(totals: list[tuple[str, int]], width: float, height: float) -> Drawing:
    """The summed severity of each step's pain points, in journey order."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Summed severity step by step", height - 14)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 64
    chart.width, chart.height = width - 60, height - 100
    chart.data = [[total for _title_text, total in totals] or [0]]
    room = chart.width / max(1, len(totals)) - 4
    names = [fit_text(title, REGULAR, 7, 2 * room) for title, _total in totals] or [""]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    _style_axes(chart)
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMax = max([t for _n, t in totals] + [1]) + 1
    for index, (_name, total) in enumerate(totals):
        chart.bars[(0, index)].fillColor = colors.HexColor(fill(max(1, shade_level(total))))
    chart.bars[0].strokeColor = colors.white
    drawing.add(chart)
    return drawing


def impact_effort_grid(
    points: list[tuple[int, int, int, bool]], width: float, height: float
) -> Drawing:
    """Opportunities by number at (effort, impact), 0 … 5 each, quick wins top left; a
    quick win is green. ``points`` holds (number, effort, impact, quick win)."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Opportunities by impact and effort", height - 14)
    side = min(width - 60, height - 100)
    x0, y0 = 44.0, height - 30 - side  # the square under the title, notes below it
    cell = side / 5
    for name, right, upper in QUADRANTS:
        x, y = x0 + right * side / 2, y0 + upper * side / 2
        shade = QUICK_WIN_FILL if name == "Quick wins" else QUADRANT_FILL
        drawing.add(Rect(x, y, side / 2, side / 2, fillColor=shade, strokeColor=None))
        drawing.add(_text(x + 6, y + side / 2 - 14, name, BOLD, 9, QUADRANT_LABEL))
    for k in range(6):
        drawing.add(Line(x0 + k * cell, y0, x0 + k * cell, y0 + side, strokeColor=GRID))
        drawing.add(Line(x0, y0 + k * cell, x0 + side, y0 + k * cell, strokeColor=GRID))
        drawing.add(_text(x0 + k * cell, y0 - 12, str(k), REGULAR, 8, LABEL, "middle"))
        drawing.add(_text(x0 - 8, y0 + k * cell - 3, str(k), REGULAR, 8, LABEL, "end"))
    drawing.add(_text(x0 + side / 2, y0 - 28, "Effort", BOLD, 9, LABEL, "middle"))
    axis = Group(_text(0, 0, "Impact", BOLD, 9, LABEL, "middle"))
    axis.transform = (0, 1, -1, 0, x0 - 24, y0 + side / 2)
    drawing.add(axis)
    placed: Counter[tuple[int, int]] = Counter()
    for number, effort, impact, quick_win in points:
        nudge = placed[(effort, impact)]  # several at one place: a little row of them
        placed[(effort, impact)] += 1
        cx = x0 + effort * cell + (0, 15, -15)[nudge % 3]
        cy = y0 + impact * cell - (nudge // 3) * 15
        colour = QUICK_WIN_DOT if quick_win else OTHER_DOT
        drawing.add(Circle(cx, cy, 7.5, fillColor=colour, strokeColor=colors.white))
        drawing.add(_text(cx, cy - 2.8, str(number), BOLD, 8, colors.white, "middle"))
    notes = y0 - 48
    for index, (label, colour) in enumerate((("quick win", QUICK_WIN_DOT), ("other", OTHER_DOT))):
        x = x0 + index * 80
        drawing.add(Circle(x + 4, notes + 3, 4.5, fillColor=colour, strokeColor=None))
        drawing.add(_text(x + 12, notes, label, REGULAR, 8, LABEL))
    caption = "Numbers as in the table of opportunities."
    drawing.add(_text(x0, notes - 14, caption, REGULAR, 8, LABEL))
    return drawing


def readiness(
    rows: list[tuple[int, int | None, int | None, int | None]], width: float, height: float
) -> Drawing:
    """Each opportunity's management interest, operational capacity and capability (0 … 5):
    the three conditions under which a pilot succeeds. ``rows``: (number, interest,
    capacity, capability)."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, "Readiness: interest, capacity, capability", height - 14)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 40
    chart.width, chart.height = width - 40, height - 100
    chart.data = [[row[k] or 0 for row in rows] or [0] for k in (1, 2, 3)]
    chart.categoryAxis.categoryNames = [str(row[0]) for row in rows] or [""]
    _style_axes(chart)
    chart.valueAxis.valueMax = 5
    chart.valueAxis.valueStep = 1
    chart.groupSpacing = 6
    for index, colour in enumerate(READINESS_COLOURS):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = colors.white
    drawing.add(chart)
    met = chart.y + chart.height * 3 / 5  # the priority rule: a condition is met at 3
    drawing.add(
        Line(chart.x, met, chart.x + chart.width, met, strokeColor=LABEL, strokeDashArray=[3, 2])
    )
    drawing.add(_text(chart.x + chart.width, met + 3, "met at 3", REGULAR, 7.5, LABEL, "end"))
    names = ("Management interest", "Operational capacity", "Capability")
    for index, (name, colour) in enumerate(zip(names, READINESS_COLOURS, strict=True)):
        x = 30 + index * (width - 40) / 3
        drawing.add(Rect(x, height - 40, 10, 10, fillColor=colour, strokeColor=None))
        drawing.add(_text(x + 14, height - 38, name, REGULAR, 8, LABEL))
    return drawing


QUADRANTS = (("Fill-ins", 0, 0), ("Think twice", 1, 0), ("Quick wins", 0, 1), ("Big bets", 1, 1))
QUICK_WIN_FILL = colors.HexColor("#eaf4e4")
QUADRANT_FILL = colors.HexColor("#f5f5f5")
QUADRANT_LABEL = colors.HexColor("#7a7a7a")
QUICK_WIN_DOT = colors.HexColor("#2a6f3f")
OTHER_DOT = colors.HexColor("#1f5fa8")
READINESS_COLOURS = tuple(colors.HexColor(c) for c in ("#1f5fa8", "#2a8c7f", "#c08a00"))


def _text(x, y, text, font, size, colour, anchor="start") -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
