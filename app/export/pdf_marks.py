"""The fail-point and wait-point marks, drawn as shapes (no glyphs) like the canvas's
(app/canvas/marks.py). ``down`` is +1 in the map's y-down coordinates and -1 on an
ordinary y-up page (the legend), so a mark is upright in both. Marks of one kind are
drawn together: a few paths for all the fail points of a map, a few for the wait points.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.pdf_path import MapPath

MARK_RADIUS = 5.5

Point = tuple[float, float]


def draw_fail_marks(
    canvas: Canvas, centres: Sequence[Point], r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    """Red discs with a white exclamation mark."""
    if not centres:
        return
    discs, bang = MapPath(), MapPath()
    bar = r * 0.26
    for cx, cy in centres:
        discs.circle(cx, cy, r)
        bang.round_rect(cx - bar / 2, cy - down * r * 0.62, bar, down * r * 0.78, bar / 2)
        bang.circle(cx, cy + down * r * 0.45, bar * 0.62)
    canvas.setStrokeColor(palette.WHITE)
    canvas.setLineWidth(1.0)
    canvas.setFillColor(palette.FAIL)
    canvas.drawPath(discs, stroke=1, fill=1)
    canvas.setFillColor(palette.WHITE)
    canvas.drawPath(bang, stroke=0, fill=1)


def draw_wait_marks(
    canvas: Canvas, centres: Sequence[Point], r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    """Amber discs with an hourglass whose sand has run into the lower bulb."""
    if not centres:
        return
    discs, glasses, sand = MapPath(), MapPath(), MapPath()
    a, b = r * 0.42, down * r * 0.56
    for cx, cy in centres:
        discs.circle(cx, cy, r)
        glasses.polyline(
            [
                (cx - a, cy - b),
                (cx + a, cy - b),
                (cx, cy),
                (cx + a, cy + b),
                (cx - a, cy + b),
                (cx, cy),
            ],
            closed=True,
        )
        sand.polyline(
            [(cx, cy + b * 0.35), (cx + a * 0.7, cy + b), (cx - a * 0.7, cy + b)], closed=True
        )
    canvas.setStrokeColor(palette.WAIT)
    canvas.setLineWidth(0.9)
    canvas.setFillColor(palette.WAIT_FILL)
    canvas.drawPath(discs, stroke=1, fill=1)
    canvas.setLineWidth(0.8)
    canvas.setLineCap(1)
    canvas.drawPath(glasses, stroke=1, fill=0)
    canvas.setLineCap(0)
    canvas.setFillColor(palette.WAIT)
    canvas.drawPath(sand, stroke=0, fill=1)


def draw_fail_mark(
    canvas: Canvas, cx: float, cy: float, r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    draw_fail_marks(canvas, [(cx, cy)], r, down)


def draw_wait_mark(
    canvas: Canvas, cx: float, cy: float, r: float = MARK_RADIUS, down: float = 1.0
) -> None:
    draw_wait_marks(canvas, [(cx, cy)], r, down)
