"""The fail-point and wait-point marks, drawn as shapes (no glyphs) like the canvas's
(app/canvas/marks.py). ``down`` is +1 in the map's y-down coordinates and -1 on an
ordinary y-up page (the legend), so the mark is upright in both."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.export import palette

MARK_RADIUS = 5.5


def draw_fail_mark(
    canvas: Canvas, cx: float, cy: float, r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    """A red disc with a white exclamation mark."""
    canvas.setStrokeColor(palette.WHITE)
    canvas.setLineWidth(1.0)
    canvas.setFillColor(palette.FAIL)
    canvas.circle(cx, cy, r, stroke=1, fill=1)
    canvas.setFillColor(palette.WHITE)
    bar = r * 0.26
    top = cy - down * r * 0.62
    canvas.roundRect(cx - bar / 2, top, bar, down * r * 0.78, bar / 2, stroke=0, fill=1)
    canvas.circle(cx, cy + down * r * 0.45, bar * 0.62, stroke=0, fill=1)


def draw_wait_mark(
    canvas: Canvas, cx: float, cy: float, r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    """An amber disc with an hourglass whose sand has run into the lower bulb."""
    canvas.setStrokeColor(palette.WAIT)
    canvas.setLineWidth(0.9)
    canvas.setFillColor(palette.WAIT_FILL)
    canvas.circle(cx, cy, r, stroke=1, fill=1)
    a, b = r * 0.42, down * r * 0.56
    glass = canvas.beginPath()
    glass.moveTo(cx - a, cy - b)
    glass.lineTo(cx + a, cy - b)
    glass.lineTo(cx, cy)
    glass.lineTo(cx + a, cy + b)
    glass.lineTo(cx - a, cy + b)
    glass.lineTo(cx, cy)
    glass.close()
    canvas.setLineWidth(0.8)
    canvas.setLineCap(1)
    canvas.drawPath(glass, stroke=1, fill=0)
    canvas.setLineCap(0)
    sand = canvas.beginPath()
    sand.moveTo(cx, cy + b * 0.35)
    sand.lineTo(cx + a * 0.7, cy + b)
    sand.lineTo(cx - a * 0.7, cy + b)
    sand.close()
    canvas.setFillColor(palette.WAIT)
    canvas.drawPath(sand, stroke=0, fill=1)
