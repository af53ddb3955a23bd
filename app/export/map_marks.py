"""Small drawing helpers for overlays on a map drawn in map coordinates (y down).

The exporter flips the page (scale(1, -1)) so that map coordinates can be used as they
are; text drawn there would come out upside down, so each string is drawn in a locally
flipped-back frame. Text is drawn with drawString: literal, never parsed as markup.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``width``."""
    flat = " ".join(text.split())
    if stringWidth(flat, font, size) <= width:
        return flat
    while flat and stringWidth(flat + "…", font, size) > width:
        flat = flat[:-1]
    return flat.rstrip() + "…" if flat else ""


def map_text(
    canvas: Canvas,
    x: float,
    baseline: float,
    text: str,
    font: str,
    size: float,
    colour: str = "#000000",
    *,
    anchor: str = "start",
) -> None:
    """A string with its baseline at ``baseline`` (map coordinates, y down);
    ``anchor`` is "start", "middle" or "end"."""
    canvas.saveState()
    canvas.translate(x, baseline)
    canvas.scale(1, -1)
    canvas.setFont(font, size)
    canvas.setFillColor(colors.HexColor(colour))
    if anchor == "middle":
        canvas.drawCentredString(0, 0, text)
    elif anchor == "end":
        canvas.drawRightString(0, 0, text)
    else:
        canvas.drawString(0, 0, text)
    canvas.restoreState()


def star(canvas: Canvas, x: float, y: float, radius: float, fill: str, stroke: str) -> None:
    """A five-pointed star centred at (x, y), one point upwards on the printed page."""
    path = canvas.beginPath()
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        px, py = x + r * math.cos(angle), y - r * math.sin(angle)  # y down: up is minus
        if k == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(fill))
    canvas.setStrokeColor(colors.HexColor(stroke))
    canvas.setLineWidth(max(0.5, radius / 10))
    canvas.setLineJoin(1)
    canvas.drawPath(path, fill=1, stroke=1)
    canvas.restoreState()
