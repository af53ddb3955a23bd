"""Frozen panes: the lane title column and the stage/step header rows stay in view while the
map scrolls under them, like frozen panes in a spreadsheet.

They are painted by the view over its viewport, from the scene's own header and lane items
(the same drawing code, under another transform), so the minimap and exports are
unaffected. When the map is larger than the window and zoomed out below PANE_MIN_SCALE, the
panes stop shrinking, so their titles stay readable; header titles are then cut with an
ellipsis to the width of their columns.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsView

from app.canvas import palette
from app.canvas.lod import FAR
from app.canvas.method_headers import BELOW
from app.canvas.qtenums import ANTIALIASING

PANE_MIN_SCALE = 0.65
MIN_HEADER_PIXELS = 6.0  # a header narrower than this on screen is not drawn on its own
SHADOW = 3.0
OVERHANG = BELOW  # how far a step's own pain-point badges hang below the header rows


@dataclass(frozen=True)
class PaneLayout:
    """Where the panes are, in viewport pixels."""

    scale: float  # the view's scale
    pane_scale: float  # the scale the panes are drawn at
    dx: float  # viewport x of scene x=0
    dy: float
    left: float  # the panes' top-left corner
    top: float
    title_width: float
    stage_height: float
    header_height: float
    viewport: QRectF
    map_right: float  # viewport x of the map's right edge
    map_bottom: float

    @property
    def corner(self) -> QRectF:
        return QRectF(self.left, self.top, self.title_width, self.header_height)

    @property
    def lane_titles(self) -> QRectF:
        top = self.top + self.header_height
        bottom = min(self.viewport.bottom(), self.map_bottom)
        return QRectF(self.left, top, self.title_width, max(0.0, bottom - top))

    @property
    def header_rows(self) -> QRectF:
        left = self.left + self.title_width
        right = min(self.viewport.right(), self.map_right)
        return QRectF(left, self.top, max(0.0, right - left), self.header_height)

    @property
    def below_rows(self) -> float:
        """How far the step row's badges hang below it, in pixels (drawn whole, over the
        map scrolled under the panes)."""
        return OVERHANG * self.pane_scale

    @property
    def badges_below(self) -> QRectF:
        """The strip under the header rows the step row's badges hang into, clear of the
        lane titles' shadow (drawn again with the lane titles, not the header rows)."""
        rows = self.header_rows
        left = rows.left() + SHADOW + 2
        return QRectF(left, rows.bottom(), max(0.0, rows.right() - left), self.below_rows)

    def header_columns(self, x0: float, x1: float) -> QRectF:
        """The header rows over the map's columns from x0 to x1 (scene units), with the
        badges hanging below them."""
        left = max(self.left + self.title_width, x0 * self.scale + self.dx) - 1.0
        right = x1 * self.scale + self.dx + 1.0
        height = self.header_height + max(self.below_rows, SHADOW) + 1.0
        return QRectF(left, self.top, max(0.0, right - left), height)

    @property
    def covers_rows(self) -> bool:
        """Whether the header rows lie over the map (scrolled, or grown past its scale)."""
        natural = self.dy + self.header_height * self.scale / self.pane_scale
        return self.top + self.header_height > natural + 0.5

    @property
    def covers_column(self) -> bool:
        natural = self.dx + self.title_width * self.scale / self.pane_scale
        return self.left + self.title_width > natural + 0.5

    def overhang(self) -> tuple[float, float]:
        """How much wider and taller (scene units) the panes are than the map's own."""
        grow = (self.pane_scale - self.scale) / (self.scale * self.pane_scale)
        return self.title_width * grow, self.header_height * grow

    def scene_x(self, x: float) -> float:
        return (x - self.dx) / self.scale

    def scene_y(self, y: float) -> float:
        return (y - self.dy) / self.scale


class FrozenPanes:
    def __init__(self, view: QGraphicsView) -> None:
        self.view = view

    def layout(self) -> PaneLayout | None:
        scene = self.view.scene()
        if scene is None or not hasattr(scene, "geometry") or not scene.geometry.lanes:
            return None
        transform = self.view.viewportTransform()
        scale = transform.m11()
        if scale <= 0:
            return None
        viewport = QRectF(self.view.viewport().rect())
        geometry = scene.geometry
        fits = (
            geometry.width * scale <= viewport.width() + 1
            and geometry.height * scale <= viewport.height() + 1
        )
        # While the whole map is in view its own headers are in view too; the panes grow
        # past the map's scale only when scrolling could hide them.
        pane = scale if fits else max(scale, PANE_MIN_SCALE)
        stage_row, step_row = scene.header_rows()
        return PaneLayout(
            scale=scale,
            pane_scale=pane,
            dx=transform.dx(),
            dy=transform.dy(),
            # A pane ends where the map's own title column or header rows end, growing out
            # into the room around the map, and sticks to the window's edge when scrolled.
            left=max(0.0, transform.dx() + scene.title_width * (scale - pane)),
            top=max(0.0, transform.dy() + (stage_row.h + step_row.h) * (scale - pane)),
            title_width=scene.title_width * pane,
            stage_height=stage_row.h * pane,
            header_height=(stage_row.h + step_row.h) * pane,
            viewport=viewport,
            map_right=geometry.width * scale + transform.dx(),
            map_bottom=geometry.height * scale + transform.dy(),
        )

    def rects(self) -> list[QRectF]:
        """The viewport areas the panes cover (to repaint them after a scroll)."""
        layout = self.layout()
        return [] if layout is None else self._areas(layout)

    def lane_titles_rect(self) -> QRectF | None:
        """The viewport area of the lane title column, with its shadow."""
        layout = self.layout()
        return None if layout is None else self._areas(layout)[0]

    @staticmethod
    def _areas(layout: PaneLayout) -> list[QRectF]:
        grow = SHADOW + 1
        return [
            layout.lane_titles.adjusted(0, 0, grow, 0),
            layout.header_rows.adjusted(0, 0, 0, max(grow, layout.below_rows + 1)),
            layout.corner.adjusted(0, 0, grow, grow),
        ]

    # -- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, exposed: QRectF | None = None) -> None:
        """Draw the panes over the viewport; ``exposed`` (viewport pixels): only what is
        being redrawn, so an edit away from the panes costs them nothing."""
        layout = self.layout()
        if layout is None:
            return
        if not (layout.covers_column or layout.covers_rows):
            return  # the map's own title column and header rows are where the panes would be
        if exposed is not None and not any(exposed.intersects(r) for r in self._areas(layout)):
            return

        def shown(area: QRectF) -> bool:
            return exposed is None or exposed.intersects(area)

        painter.save()
        painter.resetTransform()
        painter.setRenderHint(ANTIALIASING, False)  # fills and rules
        if shown(layout.lane_titles):
            self._paint_lane_titles(painter, layout)
        painter.setClipping(False)
        painter.resetTransform()
        self._paint_shadows(painter, layout)  # under the badges hanging below the step row
        if shown(layout.header_rows) or self._badges_exposed(painter, layout, exposed):
            self._paint_header_rows(painter, layout)
        painter.setClipping(False)
        painter.setTransform(
            QTransform(layout.pane_scale, 0, 0, layout.pane_scale, layout.left, layout.top)
        )
        scene = self.view.scene()
        if scene.corner is not None and shown(layout.corner):
            scene.corner.paint_corner(painter)
        painter.resetTransform()
        painter.restore()

    @staticmethod
    def _badges_exposed(painter: QPainter, layout: PaneLayout, exposed: QRectF | None) -> bool:
        """Whether the strip the step row's badges hang into is being drawn again: the
        region being drawn, not its bounding rectangle (the lane titles and a lane below
        would always reach it)."""
        strip = layout.badges_below
        if exposed is None:
            return True
        if not exposed.intersects(strip):
            return False
        engine = painter.paintEngine()
        region = engine.systemClip() if engine is not None else None
        return region is None or region.isEmpty() or region.intersects(strip.toAlignedRect())

    def _paint_lane_titles(self, painter: QPainter, layout: PaneLayout) -> None:
        scene = self.view.scene()
        area = layout.lane_titles
        s, sp = layout.scale, layout.pane_scale
        for lane in scene.geometry.lanes:
            y0, y1 = lane.rect.y * s + layout.dy, lane.rect.bottom * s + layout.dy
            if y1 < area.top() or y0 > area.bottom():
                continue
            band = QRectF(layout.left, y0, layout.title_width, y1 - y0).intersected(area)
            painter.resetTransform()
            painter.setClipRect(band)
            # A lane half scrolled under the header rows keeps its title at the top of
            # what is left of it, as a stage does at the left.
            top = max(y0, area.top())
            painter.setTransform(QTransform(sp, 0, 0, sp, layout.left, top - lane.rect.y * sp))
            first_line = (lane.title.y - lane.rect.y + lane.title.line_height * 0.8) * sp
            lod = sp if y1 - top >= first_line else FAR / 8
            scene.lanes[lane.id].paint_title(painter, lod)
        painter.resetTransform()
        painter.setClipRect(area)
        for line in scene.geometry.lines:
            y = line.y * s + layout.dy
            if area.top() - 8 <= y <= area.bottom() + 8:
                painter.setTransform(QTransform(sp, 0, 0, sp, layout.left, y - line.y * sp))
                scene.lines[line.kind].paint_label(painter, sp)
        painter.resetTransform()

    def _paint_header_rows(self, painter: QPainter, layout: PaneLayout) -> None:
        scene = self.view.scene()
        geometry = scene.geometry
        area = layout.header_rows
        if area.width() <= 0:
            return
        s, sp = layout.scale, layout.pane_scale
        # The step row's own badges hang below it: drawn whole, over the map.
        painter.setClipRect(area.adjusted(0, 0, 0, layout.below_rows))
        painter.fillRect(
            QRectF(area.left(), area.top(), area.width(), layout.stage_height), palette.STAGE_BAND
        )
        painter.fillRect(
            QRectF(
                area.left(),
                area.top() + layout.stage_height,
                area.width(),
                layout.header_height - layout.stage_height,
            ),
            palette.STEP_BAND,
        )
        lefts = scene.step_lefts
        first = max(0, bisect_right(lefts, layout.scene_x(area.left())) - 1)
        last = bisect_right(lefts, layout.scene_x(area.right()))
        steps = geometry.steps[first:last]
        if steps and steps[0].header.w * s < MIN_HEADER_PIXELS:
            steps = []  # columns too narrow to tell apart: the row's fill says enough
        for step in steps:
            header = step.header
            x = header.x * s + layout.dx
            width = header.w * s / sp if s < sp else None
            painter.setTransform(
                QTransform(sp, 0, 0, sp, x - header.x * sp, area.top() + layout.stage_height)
            )
            painter.translate(0, -header.y)
            scene.steps[step.id].paint_header(painter, sp, width)
        painter.resetTransform()
        stages = geometry.stages
        first = max(0, bisect_right(scene.stage_lefts, layout.scene_x(area.left())) - 1)
        last = bisect_right(scene.stage_lefts, layout.scene_x(area.right()))
        for index in range(first, last):
            rect = stages[index].rect
            x0, x1 = rect.x * s + layout.dx, rect.right * s + layout.dx
            if x1 < area.left() or x1 - x0 < MIN_HEADER_PIXELS:
                continue
            start = max(x0, area.left())  # a stage cut by the left pane keeps its title in view
            painter.setTransform(QTransform(sp, 0, 0, sp, start - rect.x * sp, area.top()))
            painter.translate(0, -rect.y)
            scene.stage_items[index].paint_header(painter, sp, (x1 - start) / sp)
        painter.resetTransform()
        painter.setClipping(False)

    def _paint_shadows(self, painter: QPainter, layout: PaneLayout) -> None:
        """A soft edge where the map scrolls under a pane."""
        shades = []
        for i in range(int(SHADOW)):
            colour = QColor(palette.HEADER_SHADOW)
            colour.setAlpha(max(0, colour.alpha() - i * 12))
            shades.append(colour)
        below = layout.top + layout.header_height
        if layout.covers_rows:
            row = layout.header_rows
            width = row.right() - layout.left
            for i, colour in enumerate(shades):
                painter.fillRect(QRectF(layout.left, below + i, width, 1), colour)
        right = layout.left + layout.title_width
        if layout.covers_column:
            height = layout.lane_titles.height()
            for i, colour in enumerate(shades):
                painter.fillRect(QRectF(right + i, below, 1, height), colour)

    # -- what is under the pointer ---------------------------------------------------------

    def hit(self, point: QPointF) -> tuple[str, str | None] | None:
        """("corner" | "step" | "stage" | "lane", id) when ``point`` (viewport) is on a pane."""
        layout = self.layout()
        if layout is None:
            return None
        geometry = self.view.scene().geometry
        if layout.corner.contains(point):
            return ("corner", None)
        if layout.header_rows.contains(point):
            x = layout.scene_x(point.x())
            for step in geometry.steps:
                if step.column.x <= x <= step.column.right:
                    if point.y() < layout.top + layout.stage_height:
                        return ("stage", step.stage_id)
                    return ("step", step.id)
            return ("corner", None)
        if layout.lane_titles.contains(point):
            y = layout.scene_y(point.y())
            for lane in geometry.lanes:
                if lane.rect.y <= y <= lane.rect.bottom:
                    return ("lane", lane.id)
            return ("corner", None)
        return None
