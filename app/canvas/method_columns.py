"""What the method draws on the map under the cards, column by column: the pain-point heat
(each step's column shaded by its summed severity, each cell with pain points shaded again
by its own sum, in the printed colours of app/layout/severity.py), the evidence gaps
(hatched columns) and the key moments (the column's edges in gold).

One item paints them all from a few cached tables of rectangles (one per shaded column,
one per shaded cell), bucketed by x so a frame hands Qt only those near the exposed area: a
handful of batched calls, however long the journey. Each table is made when first drawn,
then kept up to date step by step and cell by cell as the overlay's marks change. A cell's
rectangle is kept relative to its lane (drawn through the lane's place and height), so
lanes growing or moving leave the tables as they are. It lies under the lanes' rules,
which stay crisp.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from typing import Any

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.qtenums import ANTIALIASING, EXTENDED_STYLE_OPTION, NO_BUTTON, NO_PEN
from app.layout.geometry import BlueprintGeometry
from app.layout.overlay_index import OverlayChange, OverlayMarks
from app.layout.severity import SHADE_OPACITY, fill, shade_level

COLUMNS_Z = -0.5  # over the lanes' bands, under their rules, the three lines and the cards
BUCKET = 2048.0  # scene units of x per bucket
CELL_INSET = 3.0  # a cell's own shading, inside its step's
MOMENT_EDGE = 2.0
SLACK = 1024.0  # room below the map the item's rectangle keeps for lanes growing
COLUMN_DEPTH = 1e7  # how far down a column's rectangle reaches (cut at the map's bottom)


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


def bucket_of(x: float) -> int:
    return int(x // BUCKET)


def _buckets_near(exposed: QRectF) -> range:
    return range(bucket_of(exposed.left()) - 1, bucket_of(exposed.right()) + 1)


class Layered:
    """Rectangles filed by level (a severity band, or None) and bucket, each under its key
    (a step or a cell), so that one can be moved to another level or dropped alone."""

    def __init__(self) -> None:
        self.levels: dict[Hashable, dict[Hashable, dict[Hashable, QRectF]]] = {}
        self._where: dict[Hashable, tuple[Hashable, Hashable]] = {}

    def put(self, key: Hashable, level: Hashable, bucket: Hashable, rect: QRectF) -> None:
        self.drop(key)
        self.levels.setdefault(level, {}).setdefault(bucket, {})[key] = rect
        self._where[key] = (level, bucket)

    def drop(self, key: Hashable) -> None:
        found = self._where.pop(key, None)
        if found is None:
            return
        level, bucket = found
        buckets = self.levels[level]
        rects = buckets[bucket]
        del rects[key]
        if not rects:
            del buckets[bucket]
            if not buckets:
                del self.levels[level]


def _column(step_id: str, geometry: BlueprintGeometry) -> QRectF | None:
    """A step's column, from below the headers far down (the painter cuts it at the map's
    bottom, so lanes growing or shrinking leave it as it is)."""
    step = geometry.step(step_id)
    if step is None or not geometry.steps:
        return None
    return QRectF(step.x, geometry.steps[0].header.bottom, step.w, COLUMN_DEPTH)


def _cell(lane_id: str, step_id: str, geometry: BlueprintGeometry) -> QRectF | None:
    """A cell's shading inside its step's, one unit high: drawn scaled to its lane."""
    step = geometry.step(step_id)
    if step is None or geometry.lane(lane_id) is None:
        return None
    return QRectF(step.x + CELL_INSET, 0.0, step.w - 2 * CELL_INSET, 1.0)


class ColumnMarks:
    """The cached tables of the marks under the cards, by kind (MARKS)."""

    def __init__(self) -> None:
        self.parts: dict[str, Any] = {}

    def clear(self) -> None:
        self.parts.clear()

    def get(self, part: str, marks: OverlayMarks, geometry: BlueprintGeometry) -> Any:
        """One kind of mark: for "step_heat" and "cells", their rectangles by severity band,
        then by bucket (cells: bucket and lane), then by step or cell; for "gaps" by bucket,
        then by step; for "moments" each step's column and whether it is the sweet spot."""
        found = self.parts.get(part)
        if found is None:
            found = self.parts[part] = MAKERS[part](marks, geometry)
        if part == "moments":
            return found
        if part == "gaps":
            return found.levels.get(None, {})
        return found.levels

    def update(
        self,
        change: OverlayChange,
        marks: OverlayMarks,
        geometry: BlueprintGeometry,
        shown: set[str],
    ) -> list[QRectF]:
        """Follow the changed steps and cells in the tables made so far; the areas (scene
        coordinates) to draw again of the ``shown`` kinds of mark."""
        areas: list[QRectF] = []
        parts = self.parts
        bottom = geometry.height

        def column_area(step_id: str) -> QRectF | None:
            column = _column(step_id, geometry)
            if column is None:
                return None
            return QRectF(column.x(), column.y(), column.width(), bottom)

        for part, steps in (("step_heat", change.heat), ("gaps", change.gaps)):
            for step_id in steps:
                column = _column(step_id, geometry)
                if column is None:
                    continue
                if part in parts:
                    _file_step(parts[part], part, step_id, marks, column)
                if part in shown and (area := column_area(step_id)) is not None:
                    areas.append(area)
        moments = parts.get("moments")
        for step_id in change.moments:
            moment, column = marks.moments.get(step_id), _column(step_id, geometry)
            if moments is not None:
                moments.pop(step_id, None)
                if moment is not None and column is not None:
                    moments[step_id] = (column, moment.sweet_spot)
            if "moments" in shown and (area := column_area(step_id)) is not None:
                areas.append(area)
        cells = parts.get("cells")
        for lane_id, step_id in change.cells:
            if cells is not None:
                _file_cell(cells, lane_id, step_id, marks, geometry)
            rect = geometry.cells.get((lane_id, step_id))
            if "cells" in shown and rect is not None:
                areas.append(QRectF(rect.x, rect.y, rect.w, rect.h))
        return areas


def _file_step(
    table: Layered, part: str, step_id: str, marks: OverlayMarks, column: QRectF
) -> None:
    if part == "step_heat":
        total = marks.step_totals.get(step_id, 0)
        level = shade_level(total) if total else None
        on = bool(total)
    else:
        level, on = None, step_id in marks.gaps
    if on:
        table.put(step_id, level, bucket_of(column.left()), column)
    else:
        table.drop(step_id)


def _file_cell(
    table: Layered, lane_id: str, step_id: str, marks: OverlayMarks, geometry: BlueprintGeometry
) -> None:
    key = (lane_id, step_id)
    total = marks.cell_totals.get(key, 0)
    rect = _cell(lane_id, step_id, geometry) if total else None
    if rect is None:
        table.drop(key)
    else:
        table.put(key, shade_level(total), (bucket_of(rect.left()), lane_id), rect)


def step_heat_marks(marks: OverlayMarks, geometry: BlueprintGeometry) -> Layered:
    """The columns of steps with pain points, by the band of their summed severity."""
    table = Layered()
    for step_id in marks.step_totals:
        column = _column(step_id, geometry)
        if column is not None:
            _file_step(table, "step_heat", step_id, marks, column)
    return table


def cell_marks(marks: OverlayMarks, geometry: BlueprintGeometry) -> Layered:
    """The cells with pain points, by severity band, bucketed by x and lane."""
    table = Layered()
    for lane_id, step_id in marks.cell_totals:
        _file_cell(table, lane_id, step_id, marks, geometry)
    return table


def gap_marks(marks: OverlayMarks, geometry: BlueprintGeometry) -> Layered:
    table = Layered()
    for step_id in marks.gaps:
        column = _column(step_id, geometry)
        if column is not None:
            _file_step(table, "gaps", step_id, marks, column)
    return table


def moment_marks(
    marks: OverlayMarks, geometry: BlueprintGeometry
) -> dict[str, tuple[QRectF, bool]]:
    found: dict[str, tuple[QRectF, bool]] = {}
    for step_id, moment in marks.moments.items():
        column = _column(step_id, geometry)
        if column is not None:
            found[step_id] = (column, moment.sweet_spot)
    return found


MAKERS = {
    "step_heat": step_heat_marks,
    "cells": cell_marks,
    "gaps": gap_marks,
    "moments": moment_marks,
}


def _near(buckets: dict[Hashable, dict[Hashable, QRectF]], exposed: QRectF) -> list[QRectF]:
    found: list[QRectF] = []
    for key in _buckets_near(exposed):
        rects = buckets.get(key)
        if rects:
            found.extend(rects.values())
    return found


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
        if owner.source is None:
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
            self._paint_cells(painter, marks("cells"), geometry, exposed)
        if options.gaps:
            rects = _near(marks("gaps"), exposed)
            if rects:
                painter.setBrush(_HATCH)
                painter.drawRects(rects)
        if options.moments:
            for rect, sweet in marks("moments").values():
                if rect.right() < exposed.left() or rect.left() > exposed.right():
                    continue
                width = MOMENT_EDGE * (1.6 if sweet else 1.0)
                painter.setPen(QPen(palette.KEY_MOMENT, width))
                inset = width / 2 + 0.5  # beside the column's rule, not on it
                for x in (rect.left() + inset, rect.right() - inset):
                    painter.drawLine(QLineF(x, rect.top(), x, rect.bottom()))

    @staticmethod
    def _paint_cells(
        painter: QPainter, levels: dict, geometry: BlueprintGeometry, exposed: QRectF
    ) -> None:
        """Each lane's shaded cells, their one-unit rectangles stretched over the lane."""
        lanes = [
            lane
            for lane in geometry.lanes
            if lane.rect.bottom >= exposed.top()
            and lane.rect.y <= exposed.bottom()
            and lane.rect.h > 2 * CELL_INSET
        ]
        near = _buckets_near(exposed)
        for level, buckets in levels.items():
            painter.setBrush(heat_brush(level))
            for lane in lanes:
                rects = [
                    rect
                    for key in near
                    if (found := buckets.get((key, lane.id)))
                    for rect in found.values()
                ]
                if rects:
                    painter.save()
                    painter.translate(0.0, lane.rect.y + CELL_INSET)
                    painter.scale(1.0, lane.rect.h - 2 * CELL_INSET)
                    painter.drawRects(rects)
                    painter.restore()
