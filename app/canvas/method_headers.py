"""Step and stage headers, and the corner above the lane titles, that also draw the method:
a step's own pain-point badges, its summed severity, an evidence gap and a key moment; a
stage's waiting time; the whole journey's waiting time in the corner.

They draw these in ``paint_header`` (``paint_corner``), which the frozen header rows call
too (frozen_panes.py), so the marks stay in view while the map scrolls under them. What
each header shows comes from the scene's MethodMarks (method_marks.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsScene

from app.canvas import palette
from app.canvas.fonts import glyph_run
from app.canvas.header_items import HeaderCornerItem, StageHeaderItem, StepHeaderItem
from app.canvas.lod import FAR
from app.canvas.marks import draw_wait_mark
from app.canvas.method_badges import RING, paint_badge
from app.canvas.qtenums import ANTIALIASING, NO_BRUSH
from app.canvas.text import READABLE_PIXELS, text_width
from app.layout.geometry import Rect, StageGeometry, StepGeometry
from app.layout.overlay import BADGE_RADIUS, STEP_BADGE_INSET, WaitTotal, badge_slot
from app.layout.severity import fill, ink, shade_level

if TYPE_CHECKING:
    from app.canvas.method_marks import MethodMarks

ROW_INSET = 5.0  # the bottom row's left edge, from the header's left
ROW_HEIGHT = 11.0
ROW_GAP = 4.0
MARK_SIZE = 7.5
GAP_SIZE = 7.0
BELOW = BADGE_RADIUS + RING + 1.0 - STEP_BADGE_INSET  # how far badges reach below a header

_TOTAL_PEN = QPen(QColor(0, 0, 0, 40), 0.6)
_GAP_PEN = QPen(palette.GAP_HATCH, 0.8, Qt.PenStyle.DashLine)
_WHITE = QBrush(QColor("#ffffff"))
_MOMENT_PEN = QPen(palette.KEY_MOMENT_INK, 0.6)
_MOMENT_FILL = QBrush(palette.KEY_MOMENT)
_WAIT_PEN = QPen(palette.WAIT, 0.8)
_WAIT_FILL = QBrush(palette.WAIT_FILL)


@dataclass(frozen=True, slots=True)
class StepBadge:
    index: int  # the badge's slot on the header (badge_slot)
    number: int
    severity: int
    resolved: bool


@dataclass(frozen=True, slots=True)
class StepMarks:
    """What the method draws on one step header (each part only while its overlay is on)."""

    badges: tuple[StepBadge, ...] = ()
    total: int = 0  # the step's summed severity (heat)
    gap: str = ""  # "No evidence" or "Assumptions only" (evidence gaps)
    moment: bool = False  # a key moment (key moments)
    sweet_spot: bool = False


def _marks(scene: QGraphicsScene | None) -> MethodMarks | None:
    return getattr(scene, "method", None)


# The frozen header rows draw every header in view again while the map scrolls: what
# their marks need is made once.
@lru_cache(maxsize=4096)
def _width(text: str, size: float, bold: bool = False) -> float:
    return text_width(text, size, bold)


@cache
def _level_brush(level: int) -> QBrush:
    return QBrush(QColor(fill(level)))


@cache
def _level_ink(level: int) -> QColor:
    return QColor(ink(level))


@cache
def _outline(sweet: bool) -> QPen:
    return QPen(palette.KEY_MOMENT, 3.0 if sweet else 1.8)


@cache
def _star(radius: float) -> QPainterPath:
    return star_path(0.0, 0.0, radius)


@lru_cache(maxsize=4096)
def _fitted(label: str, room: int) -> str:
    """``label`` cut with an ellipsis to ``room`` points (whole points, so few sizes)."""
    while label and _width(label, GAP_SIZE) + 7.0 > room:
        label = label[:-2].rstrip() + "…" if len(label) > 2 else ""
    return label


def _text(
    painter: QPainter, text: str, x: float, baseline: float, size: float, bold: bool, colour
) -> None:
    run = glyph_run(text, size, bold)
    if run is not None:
        painter.setPen(colour)
        painter.drawGlyphRun(QPointF(x, baseline), run)


def star_path(cx: float, cy: float, radius: float) -> QPainterPath:
    """A five-pointed star, one point up."""
    path = QPainterPath()
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        point = QPointF(cx + r * math.cos(angle), cy - r * math.sin(angle))
        if k == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    return path


class MethodStepHeader(StepHeaderItem):
    """A step header with the method's marks along its bottom edge: from the left the key
    moment's star ("Sweet spot"), the summed severity, the evidence gap; from the right the
    step's own pain-point badges, half over the edge."""

    def __init__(self, geometry: StepGeometry) -> None:
        self._bounds = QRectF()
        super().__init__(geometry)

    def set_geometry(self, geometry: StepGeometry) -> None:
        self.prepareGeometryChange()
        super().set_geometry(geometry)
        self._bounds = self.rect().adjusted(-0.5, -0.5, 0.5, BELOW + 0.5)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint_header(self, painter: QPainter, lod: float, width: float | None = None) -> None:
        super().paint_header(painter, lod, width)
        method = _marks(self.scene())
        if method is None or lod < FAR / 2:
            return
        marks = method.step_marks.get(self.step_id)
        if marks is None:
            return
        rect = QRectF(self.rect())
        if width is not None:
            rect.setWidth(width)
        painter.save()
        painter.setRenderHint(ANTIALIASING, True)
        self._paint_marks(painter, rect, marks, method, lod)
        painter.restore()

    def _paint_marks(
        self, painter: QPainter, rect: QRectF, marks: StepMarks, method: MethodMarks, lod: float
    ) -> None:
        options = method.options
        if options.moments and marks.moment:
            painter.setPen(_outline(marks.sweet_spot))
            painter.setBrush(NO_BRUSH)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
        badges = [b for b in marks.badges if options.resolved or not b.resolved]
        box = Rect(rect.x(), rect.y(), rect.width(), rect.height())
        right = rect.right()
        for badge in badges:
            x, y = badge_slot(box, badge.index, on_step=True)
            right = min(right, x - BADGE_RADIUS - RING - ROW_GAP)
            paint_badge(painter, x, y, badge.severity, badge.number, lod, resolved=badge.resolved)
        if MARK_SIZE * lod < READABLE_PIXELS:
            return
        x = rect.x() + ROW_INSET
        top = rect.bottom() - ROW_HEIGHT - 2.0
        if options.moments and marks.moment:
            x = self._paint_moment(painter, x, top, right, marks.sweet_spot)
        if options.heat and marks.total:
            x = self._paint_total(painter, x, top, right, marks.total)
        if options.gaps and marks.gap:
            self._paint_gap(painter, x, top, right, marks.gap)

    def _paint_moment(
        self, painter: QPainter, x: float, top: float, right: float, sweet: bool
    ) -> float:
        radius = 5.5 if sweet else 4.5
        cy = top + ROW_HEIGHT / 2
        painter.setPen(_MOMENT_PEN)
        painter.setBrush(_MOMENT_FILL)
        painter.drawPath(_star(radius).translated(x + radius, cy))
        x += 2 * radius + 2.0
        if sweet and x + _width("Sweet spot", MARK_SIZE, True) <= right:
            _text(painter, "Sweet spot", x, top + 8.5, MARK_SIZE, True, palette.KEY_MOMENT_INK)
            x += _width("Sweet spot", MARK_SIZE, True)
        return x + ROW_GAP

    def _paint_total(
        self, painter: QPainter, x: float, top: float, right: float, total: int
    ) -> float:
        label = f"Σ {total}"
        width = _width(label, MARK_SIZE, True) + 7.0
        if x + width > right:
            return x
        level = shade_level(total)
        painter.setPen(_TOTAL_PEN)
        painter.setBrush(_level_brush(level))
        painter.drawRoundedRect(QRectF(x, top, width, ROW_HEIGHT), 3.0, 3.0)
        _text(painter, label, x + 3.5, top + 8.5, MARK_SIZE, True, _level_ink(level))
        return x + width + ROW_GAP

    def _paint_gap(self, painter: QPainter, x: float, top: float, right: float, gap: str) -> None:
        label = _fitted(gap, int(right - x))
        if not label:
            return
        width = _width(label, GAP_SIZE) + 7.0
        painter.setPen(_GAP_PEN)
        painter.setBrush(_WHITE)
        painter.drawRoundedRect(QRectF(x, top, width, ROW_HEIGHT), 3.0, 3.0)
        _text(painter, label, x + 3.5, top + 8.2, GAP_SIZE, False, palette.GAP_TEXT)


class MethodStageHeader(StageHeaderItem):
    """A stage header that shows the stage's waiting time at its right end."""

    def paint_header(self, painter: QPainter, lod: float, width: float | None = None) -> None:
        super().paint_header(painter, lod, width)
        method = _marks(self.scene())
        if method is None or not method.options.waits or MARK_SIZE * lod < READABLE_PIXELS:
            return
        total = method.stage_waits.get(self._key())
        if total is None:
            return
        rect = QRectF(self.rect())
        if width is not None:
            rect.setWidth(width)
        painter.save()
        painter.setRenderHint(ANTIALIASING, True)
        paint_wait_tag(painter, rect.right() - 4.0, rect.center().y(), total, rect.width() - 8.0)
        painter.restore()

    def _key(self) -> tuple[str | None, float]:
        return stage_key(self.geometry)


def stage_key(stage: StageGeometry) -> tuple[str | None, float]:
    """Stages without an id (a run of steps with no stage) are told apart by their place."""
    return (stage.id, stage.rect.x)


def paint_wait_tag(
    painter: QPainter, right: float, cy: float, total: WaitTotal, room: float
) -> None:
    """An amber tag ending at ``right``: an hourglass and the waiting time."""
    label = total.time
    width = _width(label, MARK_SIZE, True) + 22.0
    if width > room:
        return
    tag = QRectF(right - width, cy - 7.0, width, 14.0)
    painter.setPen(_WAIT_PEN)
    painter.setBrush(_WAIT_FILL)
    painter.drawRoundedRect(tag, 7.0, 7.0)
    draw_wait_mark(painter, tag.x() + 8.5, cy, 4.6)
    _text(painter, label, tag.x() + 16.0, cy + 2.8, MARK_SIZE, True, palette.WAIT)


class MethodCorner(HeaderCornerItem):
    """The corner above the lane titles, showing the whole journey's waiting time."""

    def paint_corner(self, painter: QPainter) -> None:
        super().paint_corner(painter)
        method = _marks(self.scene())
        if method is None or not method.options.waits or not method.journey_wait.count:
            return
        total = method.journey_wait
        row = self.step_row
        painter.save()
        painter.setRenderHint(ANTIALIASING, True)
        left = row.x() + 10.0
        draw_wait_mark(painter, left + 5.0, row.y() + 13.0, 5.0)
        _text(
            painter, f"Waiting {total.time}", left + 14.0, row.y() + 16.0, 8.0, True, palette.WAIT
        )
        points = f"across {total.count} wait point{'s' if total.count != 1 else ''}"
        _text(painter, points, left + 14.0, row.y() + 28.0, 7.0, False, palette.LANE_TITLE_TEXT)
        painter.restore()
