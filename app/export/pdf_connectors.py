"""Connectors on a printed map, as the canvas draws them (app/canvas/connector_item.py):
flow a solid grey line, data a dashed blue one, a hand-off a heavier orange line starting
from a ring; an arrowhead at the target, and the label on a white box over the cards.

Routes of one kind share one path (and their arrowheads another), so a map of thousands
of connectors costs a few operators per route.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.pdf_path import MapPath
from app.export.pdf_text import Line, draw_lines, text_width
from app.layout.geometry import ConnectorGeometry
from app.layout.wrap import clean, elide

ARROW_LENGTH = 7.0
ARROW_HALF_WIDTH = 3.5
RING_RADIUS = 2.6
LABEL_SIZE = 7.5
LABEL_MAX_WIDTH = 130.0
LABEL_PAD = 3.0
KINDS = ("flow", "data", "hand-off")

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x, y (top), width, height in map coordinates


def line_width(kind: str) -> float:
    return 1.8 if kind == "hand-off" else 1.2


def dash(kind: str) -> list[float]:
    """Qt measures a pen's dash pattern in pen widths; PDF in units."""
    return [4.0 * 1.2, 3.0 * 1.2] if kind == "data" else []


def arrowhead(points: Sequence[Point]) -> tuple[tuple[Point, Point, Point], Point] | None:
    """The arrowhead's three corners at the route's end, and where the line stops under it."""
    if len(points) < 2:
        return None
    (ax, ay), (bx, by) = points[-2], points[-1]
    length = math.hypot(bx - ax, by - ay)
    if length < 1e-6:
        return None
    ux, uy = (bx - ax) / length, (by - ay) / length
    base_x, base_y = bx - ux * ARROW_LENGTH, by - uy * ARROW_LENGTH
    corners = (
        (bx, by),
        (base_x - uy * ARROW_HALF_WIDTH, base_y + ux * ARROW_HALF_WIDTH),
        (base_x + uy * ARROW_HALF_WIDTH, base_y - ux * ARROW_HALF_WIDTH),
    )
    return corners, (bx - ux * ARROW_LENGTH * 0.6, by - uy * ARROW_LENGTH * 0.6)


def ring_centre(points: Sequence[Point]) -> Point:
    """Where a hand-off's ring sits: just outside the source card, on the first segment."""
    (ax, ay) = points[0]
    (bx, by) = points[1] if len(points) > 1 else points[0]
    length = math.hypot(bx - ax, by - ay)
    if length < 1e-6:
        return ax, ay
    step = min(RING_RADIUS + 0.5, length / 2)
    return ax + (bx - ax) / length * step, ay + (by - ay) / length * step


def draw_connectors(canvas: Canvas, connectors: Sequence[ConnectorGeometry]) -> None:
    """The routes, arrowheads and rings (labels come later, over the cards)."""
    by_kind: dict[str, list[ConnectorGeometry]] = {}
    for connector in connectors:
        if len(connector.points) >= 2:
            kind = connector.kind if connector.kind in KINDS else "flow"
            by_kind.setdefault(kind, []).append(connector)
    canvas.setLineCap(0)
    canvas.setLineJoin(0)
    for kind, group in by_kind.items():
        colour = palette.connector_colour(kind)
        lines, arrows = MapPath(), MapPath()
        for connector in group:
            points = list(connector.points)
            head = arrowhead(points)
            if head is not None:
                corners, points[-1] = head
                arrows.polyline(corners, closed=True)
            lines.polyline(points)
        canvas.setStrokeColor(colour)
        canvas.setFillColor(colour)
        canvas.setLineWidth(line_width(kind))
        canvas.setDash(dash(kind))
        canvas.drawPath(lines, stroke=1, fill=0)
        canvas.setDash([])
        if arrows:
            canvas.drawPath(arrows, stroke=0, fill=1)
        if kind == "hand-off":
            rings = MapPath()
            for connector in group:
                cx, cy = ring_centre(connector.points)
                rings.circle(cx, cy, RING_RADIUS)
            canvas.setLineWidth(1.2)
            canvas.setFillColor(palette.WHITE)
            canvas.drawPath(rings, stroke=1, fill=1)


def label_parts(connector: ConnectorGeometry) -> tuple[Box, Line] | None:
    """The label's white box and its one line of text, centred where the layout says."""
    if not connector.label or connector.label_at is None:
        return None
    text = elide(clean(connector.label).replace("\n", " "), LABEL_MAX_WIDTH, LABEL_SIZE)
    if not text:
        return None
    cx, cy = connector.label_at
    width = text_width(text, LABEL_SIZE)
    height = LABEL_SIZE * 1.3
    box = (cx - width / 2 - LABEL_PAD, cy - height / 2, width + 2 * LABEL_PAD, height)
    return box, (cx - width / 2, cy + 0.36 * LABEL_SIZE, text)


def draw_connector_labels(canvas: Canvas, connectors: Sequence[ConnectorGeometry]) -> None:
    parts = [p for p in map(label_parts, connectors) if p is not None]
    if not parts:
        return
    boxes = MapPath()
    for (x, y, w, h), _line in parts:
        boxes.round_rect(x, y, w, h, 2.0)
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(palette.CONNECTOR_LABEL_BORDER)
    canvas.setFillColor(palette.WHITE)
    canvas.drawPath(boxes, stroke=1, fill=1)
    draw_lines(canvas, (line for _box, line in parts), LABEL_SIZE, palette.CONNECTOR_LABEL_TEXT)
