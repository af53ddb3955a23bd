"""What the method draws on the map under the cards, column by column: the pain-point heat
(each step's column shaded by its summed severity, each cell with pain points shaded again
by its own sum, in the printed colours of app/layout/severity.py), the evidence gaps
(hatched columns) and the key moments (the column's edges in gold).

One item paints them all from a few cached lists of rectangles (one per shaded column, one
per shaded cell), bucketed by x so a frame hands Qt only those near the exposed area: a
handful of batched calls, however long the journey. The lists are made again when the
overlay's data changes or lanes move. It lies under the lanes' rules, which stay crisp.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.qtenums import ANTIALIASING, EXTENDED_STYLE_OPTION, NO_BUTTON, NO_PEN
from app.layout.geometry import BlueprintGeometry, Rect
from app.layout.overlay import OverlayData
from app.layout.severity import SHADE_OPACITY, fill, shade_level

COLUMNS_Z = -0.5  # over the lanes' bands, under their rules, the three lines and the cards
BUCKET = 2048.0  # scene units of x per bucket
CELL_INSET = 3.0  # a cell's own shading, inside its step's
MOMENT_EDGE = 2.0
SLACK = 1024.0  # room below the map the item's rectangle keeps for lanes growing
COLUMN_DEPTH = 1e7  # how far down a column's rectangle reaches (cut at the map's bottom)

Buckets = dict[int, list[QRectF]]


@cache
def heat_brush(level: int) -> QBrush:
    """A severity band's colour, as translucent as the printed shading is pale: over white
    it gives the printed colour (app/layout/severity.py shade, and cell_shade where a
    cell's lies over its step's). Cards drawn far out by the scene's background show
    through."""
    colour = QColor(fill(level))
    colour.setAlphaF(SHADE_OPACITY)
    return QBrush(colour)


_HATCH = QBrush(palette.GAP_HATCH, Qt.BrushStyle.BDiagPattern)


def _bucketed(rects: Iterable[QRectF]) -> Buckets:
    buckets: Buckets = {}
    for rect in rects:
        buckets.setdefault(int(rect.left() // BUCKET), []).append(rect)
    return buckets


def _near(buckets: Buckets, exposed: QRectF) -> list[QRectF]:
    found: list[QRectF] = []
    for key in range(int(exposed.left() // BUCKET) - 1, int(exposed.right() // BUCKET) + 1):
        found.extend(buckets.get(key, ()))
    return found


def _columns(ids: list[str], geometry: BlueprintGeometry) -> list[tuple[str, QRectF]]:
    """These steps' columns, from below the headers far down (the painter cuts them at
    the map's bottom, so lanes growing or shrinking leave them as they are)."""
    if not geometry.steps:
        return []
    top = geometry.steps[0].header.bottom
    found = []
    for step_id in ids:
        step = geometry.step(step_id)
        if step is not None:
            found.append((step_id, QRectF(step.x, top, step.w, COLUMN_DEPTH)))
    return found


def step_heat_marks(data: OverlayData, geometry: BlueprintGeometry) -> dict[int, Buckets]:
    """The columns of steps with pain points, by the band of their summed severity."""
    levels = {shade.step_id: shade_level(shade.total) for shade in data.shades}
    by_level: dict[int, list[QRectF]] = {}
    for step_id, rect in _columns(list(levels), geometry):
        by_level.setdefault(levels[step_id], []).append(rect)
    return {level: _bucketed(rects) for level, rects in by_level.items()}


def cell_marks(data: OverlayData, geometry: BlueprintGeometry) -> dict[int, Buckets]:
    """The cells with pain points, by severity band (made again when lanes move)."""
    cell_rects: dict[int, list[QRectF]] = {}
    for cell in data.cells:
        rect = geometry.cells.get((cell.lane_id, cell.step_id))
        if rect is not None:
            cell_rects.setdefault(shade_level(cell.total), []).append(_inset(rect, CELL_INSET))
    return {level: _bucketed(rects) for level, rects in cell_rects.items()}


def gap_marks(data: OverlayData, geometry: BlueprintGeometry) -> Buckets:
    return _bucketed(rect for _id, rect in _columns([g.step_id for g in data.gaps], geometry))


def moment_marks(data: OverlayData, geometry: BlueprintGeometry) -> list[tuple[QRectF, bool]]:
    sweet = {moment.step_id: moment.sweet_spot for moment in data.moments}
    return [(rect, sweet[step_id]) for step_id, rect in _columns(list(sweet), geometry)]


# Each kind of mark: how it is made and the part of OverlayData it is made from (when
# new data shares that part with the old, the marks are kept).
MARKS = {
    "step_heat": (step_heat_marks, "shades"),
    "cells": (cell_marks, "cells"),
    "gaps": (gap_marks, "gaps"),
    "moments": (moment_marks, "moments"),
}


def _inset(rect: Rect, by: float) -> QRectF:
    return QRectF(rect.x + by, rect.y + by, rect.w - 2 * by, rect.h - 2 * by)


class MethodColumnsItem(QGraphicsRectItem):
    """The method's marks under the cards. It asks its owner (MethodMarks) for the cached
    rectangles and for which overlays are on each time it paints."""

    kind = "method columns"

    def __init__(self, owner: object) -> None:
        super().__init__()
        self.owner = owner
        self.setPen(NO_PEN)
        self.setZValue(COLUMNS_Z)
        self.setFlag(EXTENDED_STYLE_OPTION, True)
        self.setAcceptedMouseButtons(NO_BUTTON)

    def set_bounds(self, geometry: BlueprintGeometry) -> None:
        """Cover the map, with room to grow: a new rectangle repaints the whole item, so
        a lane that grows a little does not ask for one."""
        rect = self.rect()
        height = geometry.height
        if rect.width() != geometry.width or not height <= rect.height() <= height + 2 * SLACK:
            self.setRect(QRectF(0.0, 0.0, geometry.width, height + SLACK))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        owner = self.owner
        if owner.data is None:
            return
        options, marks = owner.options, owner.marks
        geometry = owner.scene.geometry
        exposed = option.exposedRect.intersected(QRectF(0.0, 0.0, geometry.width, geometry.height))
        if exposed.isEmpty():
            return
        # The columns reach below the map: cut them there (within what is being drawn).
        painter.setClipRect(exposed, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(ANTIALIASING, False)  # axis-aligned fills
        painter.setPen(NO_PEN)
        if options.heat:
            for level, buckets in marks("step_heat").items():
                rects = _near(buckets, exposed)
                if rects:
                    painter.setBrush(heat_brush(level))
                    painter.drawRects(rects)
            for level, buckets in marks("cells").items():
                rects = _near(buckets, exposed)
                if rects:
                    painter.setBrush(heat_brush(level))
                    painter.drawRects(rects)
        if options.gaps:
            rects = _near(marks("gaps"), exposed)
            if rects:
                painter.setBrush(_HATCH)
                painter.drawRects(rects)
        if options.moments:
            for rect, sweet in marks("moments"):
                if rect.right() < exposed.left() or rect.left() > exposed.right():
                    continue
                width = MOMENT_EDGE * (1.6 if sweet else 1.0)
                painter.setPen(QPen(palette.KEY_MOMENT, width))
                inset = width / 2 + 0.5  # beside the column's rule, not on it
                for x in (rect.left() + inset, rect.right() - inset):
                    painter.drawLine(QLineF(x, rect.top(), x, rect.bottom()))
