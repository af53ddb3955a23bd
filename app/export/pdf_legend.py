"""The legend of a printed blueprint: what each colour, line and mark on the map means.

Entries are worked out from the geometry (the lane kinds it has) and the decorations
(their own entries), measured for the page's layout, and drawn in an ordinary y-up frame
whose unit the page scales (app/export/pdf_page.py places it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.decoration import Decoration
from app.export.pdf_connectors import ARROW_HALF_WIDTH, ARROW_LENGTH, dash, line_width
from app.export.pdf_map import LINE_DASH, LINE_WIDTH
from app.export.pdf_marks import draw_fail_mark, draw_wait_mark
from app.export.pdf_text import font_name, text_width
from app.export.severity_colours import SEVERITIES, SEVERITY_FILL, SEVERITY_INK
from app.layout.geometry import BlueprintGeometry
from app.layout.lines import LINES
from app.layout.wrap import clean, elide

TEXT_SIZE = 7.5
ROW = 11.0  # one entry's height
SYMBOL = 22.0  # the width of an ordinary symbol
SYMBOL_GAP = 5.0
SWATCH = 9.0  # one severity square
LANE_KINDS = (
    "physical evidence",
    "customer actions",
    "frontstage",
    "backstage",
    "support processes",
    "systems",
    "custom",
)


@dataclass(frozen=True)
class LegendEntry:
    """``symbol`` is one of: lane, line, connector, fail, wait, severity, swatch."""

    symbol: str
    text: str
    colour: Color | None = None
    kind: str = ""  # the connector kind of a connector entry

    @property
    def symbol_width(self) -> float:
        return len(SEVERITIES) * (SWATCH + 1.0) - 1.0 if self.symbol == "severity" else SYMBOL

    @property
    def width(self) -> float:
        return self.symbol_width + SYMBOL_GAP + text_width(self.text, TEXT_SIZE)


def legend_entries(
    geometry: BlueprintGeometry, decorations: Sequence[Decoration] = ()
) -> list[LegendEntry]:
    """The lane kinds on this map, the three lines, the connector kinds, the fail and wait
    marks, the pain-point severities, then each decoration's own entries."""
    present = {lane.kind for lane in geometry.lanes}
    entries = [
        LegendEntry("lane", "Custom lane" if kind == "custom" else kind.capitalize(), colour)
        for kind in LANE_KINDS
        if kind in present
        for colour in [palette.kind_colour(kind)]
    ]
    entries += [LegendEntry("line", label) for _above, _below, _kind, label in LINES]
    entries += [
        LegendEntry("connector", "Flow", kind="flow"),
        LegendEntry("connector", "Hand-off", kind="hand-off"),
        LegendEntry("connector", "Data", kind="data"),
        LegendEntry("fail", "Fail point"),
        LegendEntry("wait", "Wait point"),
        LegendEntry("severity", "Pain-point severity 1 (minor) to 5 (critical)"),
    ]
    for decoration in decorations:
        for colour, text in decoration.legend():
            entries.append(LegendEntry("swatch", str(text), palette.parse_colour(colour)))
    return entries


def draw_entry(canvas: Canvas, entry: LegendEntry, x: float, y: float, room: float) -> None:
    """One entry with its symbol's left at ``x`` and its row's middle at ``y`` (y up), its
    text cut to fit ``room`` with the symbol."""
    canvas.saveState()
    symbol = entry.symbol
    if symbol == "lane":
        canvas.setFillColor(entry.colour or palette.CUSTOM_KIND)
        canvas.rect(x, y - 4.0, SYMBOL, 8.0, stroke=0, fill=1)
    elif symbol == "line":
        canvas.setStrokeColor(palette.DIVIDER)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.setDash(LINE_DASH)
        canvas.line(x, y, x + SYMBOL, y)
    elif symbol == "connector":
        _draw_connector(canvas, entry.kind, x, y)
    elif symbol == "fail":
        draw_fail_mark(canvas, x + SYMBOL / 2, y, 4.5, down=-1.0)
    elif symbol == "wait":
        draw_wait_mark(canvas, x + SYMBOL / 2, y, 4.5, down=-1.0)
    elif symbol == "severity":
        _draw_severities(canvas, x, y)
    else:
        canvas.setFillColor(entry.colour or palette.FRAME_RULE)
        canvas.setStrokeColor(palette.FRAME_RULE)
        canvas.setLineWidth(0.4)
        canvas.rect(x + 6.0, y - 4.5, 9.0, 9.0, stroke=1, fill=1)
    canvas.restoreState()
    canvas.setFillColor(palette.FRAME_TEXT)
    canvas.setFont(font_name(), TEXT_SIZE)
    left = x + entry.symbol_width + SYMBOL_GAP
    text = elide(clean(entry.text).replace("\n", " "), room - (left - x), TEXT_SIZE)
    canvas.drawString(left, y - 0.36 * TEXT_SIZE, text)


def _draw_connector(canvas: Canvas, kind: str, x: float, y: float) -> None:
    colour = palette.connector_colour(kind)
    end = x + SYMBOL
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(line_width(kind))
    canvas.setDash(dash(kind))
    canvas.line(x + 2.0, y, end - ARROW_LENGTH * 0.6, y)
    canvas.setDash([])
    head = canvas.beginPath()
    head.moveTo(end, y)
    head.lineTo(end - ARROW_LENGTH, y + ARROW_HALF_WIDTH)
    head.lineTo(end - ARROW_LENGTH, y - ARROW_HALF_WIDTH)
    head.close()
    canvas.drawPath(head, stroke=0, fill=1)
    if kind == "hand-off":
        canvas.setLineWidth(1.2)
        canvas.setFillColor(palette.WHITE)
        canvas.circle(x + 2.0, y, 2.6, stroke=1, fill=1)


def _draw_severities(canvas: Canvas, x: float, y: float) -> None:
    """Five squares in the severity colours, each with its number."""
    canvas.setFont(font_name(bold=True), 6.5)
    for index, severity in enumerate(SEVERITIES):
        left = x + index * (SWATCH + 1.0)
        canvas.setFillColor(palette.parse_colour(SEVERITY_FILL[severity]))
        canvas.rect(left, y - SWATCH / 2, SWATCH, SWATCH, stroke=0, fill=1)
        canvas.setFillColor(palette.parse_colour(SEVERITY_INK[severity]))
        canvas.drawCentredString(left + SWATCH / 2, y - 2.3, str(severity))
