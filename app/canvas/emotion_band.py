"""The emotion band above the map's header rows: the service user's and the staff's
emotion curves on a labelled −2 … +2 scale, and the key-moment row, placed as the printed
overlay places them (app/layout/overlay.py).

Each step has a handle per line: dragging it up or down snaps to −2 … +2 and asks the view
to emit ``emotion_requested`` (the window pushes the command; repeated sets merge into one
undo step). A step with no value shows a hollow handle on the 0 line, to be dragged to set
one. A click in the band selects the step below it.

The band grows the scene above the header rows, so it scrolls sideways with the steps and
never covers the map; when the map is scrolled sideways its labels stay at the left of the
view, as the lane titles do.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.header_items import HEADER_Z
from app.canvas.interactions import Interaction
from app.canvas.lod import level_of_detail
from app.canvas.qtenums import ANTIALIASING, EXTENDED_STYLE_OPTION, NO_BRUSH, NO_PEN
from app.canvas.text import PreparedText, prepare, single_line, text_width
from app.layout.fonts import BOLD, REGULAR, metrics
from app.layout.geometry import BlueprintGeometry
from app.layout.overlay import (
    BADGE_RADIUS,
    BAND_GAP,
    BAND_PADDING,
    CURVE_HEIGHT,
    MOMENT_ROW,
    SWEET_SPOT_AT,
    CurvePoint,
    EmotionBand,
    EmotionCurve,
    MomentMark,
)
from app.layout.wrap import elide
from app.model.structure import Blueprint

if TYPE_CHECKING:
    from app.canvas.scene import BlueprintScene
    from app.canvas.view import BlueprintView

SERVICE_USER, STAFF = "service user", "staff"
LINES = (SERVICE_USER, STAFF)
# The service user's handles sit this far left of the column's middle and the staff's this
# far right, so that both can be grabbed where the two lines meet.
HANDLE_SHIFT = 6.0
HANDLE_RADIUS = 4.5  # the service user's dots
HANDLE_HALF = 4.0  # half the side of the staff's squares
GRAB_PIXELS = 9.0  # how near a press must be to a handle, in pixels
SHADOW = 3.0
LINE_STYLES = {  # colour, width, dashed: as the printed band
    SERVICE_USER: (palette.EMOTION_USER, 2.0, False),
    STAFF: (palette.EMOTION_STAFF, 1.4, True),
}
SCALE_LABELS = {2: "+2 ☺", 1: "+1", 0: "0", -1: "−1", -2: "−2 ☹"}
TOOLTIP = (
    "Emotion curve: drag a step's point up or down to set how the service user (dots) "
    "or staff (squares) feel there. Click a step to see it in the Properties."
)


# -- what the band shows --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepFeeling:
    """One step's column in the band and its two emotions (None: not recorded)."""

    step_id: str
    left: float
    width: float
    service_user: int | None
    staff: int | None

    @property
    def middle(self) -> float:
        return self.left + self.width / 2

    def value(self, who: str) -> int | None:
        return self.service_user if who == SERVICE_USER else self.staff

    def handle_x(self, who: str) -> float:
        return self.middle + (-HANDLE_SHIFT if who == SERVICE_USER else HANDLE_SHIFT)


@dataclass(frozen=True)
class BandData:
    band: EmotionBand
    steps: tuple[StepFeeling, ...]
    curves: tuple[EmotionCurve, ...]
    moments: tuple[MomentMark, ...]

    @property
    def height(self) -> float:
        """The room the band takes above the map's header rows (the layout's extra_top)."""
        return -self.band.top

    def step(self, step_id: str) -> StepFeeling | None:
        return next((step for step in self.steps if step.step_id == step_id), None)

    def value_at(self, y: float) -> int:
        """The emotion a point at height ``y`` snaps to."""
        band = self.band
        return max(-2, min(2, round((band.zero_y - y) / band.unit)))


def band_layout(geometry: BlueprintGeometry) -> EmotionBand | None:
    """The band with both its rows (the key moments above the curves), where the printed
    overlay puts them when a blueprint has both: editing needs the rows even when empty."""
    if not geometry.steps:
        return None
    curve_rows = (-BAND_GAP - CURVE_HEIGHT, -BAND_GAP)
    moment_row = (curve_rows[0] - MOMENT_ROW, curve_rows[0])
    return EmotionBand(
        top=moment_row[0] - BAND_PADDING,
        bottom=-BAND_GAP,
        x0=geometry.steps[0].x,
        x1=geometry.width,
        moment_row=moment_row,
        curve_rows=curve_rows,
        zero_y=sum(curve_rows) / 2,
        unit=(CURVE_HEIGHT - 2 * BADGE_RADIUS) / 4,
    )


def band_data(blueprint: Blueprint, geometry: BlueprintGeometry) -> BandData | None:
    """What the band draws for ``blueprint`` laid out as ``geometry``."""
    band = band_layout(geometry)
    if band is None:
        return None
    steps: list[StepFeeling] = []
    moments: list[MomentMark] = []
    y = sum(band.moment_row) / 2
    for step in blueprint.steps:
        placed = geometry.step(step.id)
        if placed is None:
            continue
        emotion = step.emotion
        feeling = StepFeeling(
            step.id,
            placed.x,
            placed.w,
            emotion.service_user if emotion is not None else None,
            emotion.staff if emotion is not None else None,
        )
        steps.append(feeling)
        moment = step.key_moment
        if moment is not None:
            user, provider = moment.importance_to_user, moment.importance_to_provider
            sweet = user >= SWEET_SPOT_AT and provider >= SWEET_SPOT_AT
            moments.append(
                MomentMark(
                    step.id,
                    step.title,
                    feeling.middle,
                    y,
                    placed.header,
                    user,
                    provider,
                    sweet,
                    moment.note,
                )
            )
    curves = []
    for who in LINES:
        points = tuple(
            CurvePoint(step.step_id, step.handle_x(who), band.y_of(value), value)
            for step in steps
            if (value := step.value(who)) is not None
        )
        curves.append(EmotionCurve(who, points))
    return BandData(band, tuple(steps), tuple(curves), tuple(moments))


# -- the item ---------------------------------------------------------------------------------


def _label(text: str, x: float, baseline: float, size: float, bold: bool = False) -> PreparedText:
    top = baseline - metrics(BOLD if bold else REGULAR).ascent * size
    return prepare(single_line(text, x, top, size, bold))


def _star(cx: float, cy: float, radius: float) -> QPolygonF:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + index * math.pi / 5
        points.append(QPointF(cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return QPolygonF(points)


def _pen(colour: QColor, width: float, dashed: bool = False) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setDashPattern([4 / width, 2.5 / width])
    return pen


class EmotionBandItem(QGraphicsItem):
    """Draws a BandData; finds the handle or the step under a point. It never writes the
    model: EmotionDragInteraction turns a drag into the view's emotion_requested."""

    def __init__(self, data: BandData, editable: bool = True) -> None:
        super().__init__()
        self.setZValue(HEADER_Z)
        self.setFlag(EXTENDED_STYLE_OPTION, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the view's gestures
        self.data = data
        self.editable = editable
        self._lefts: list[float] = []
        self._labels: list[tuple[PreparedText, QColor]] = []
        self._moment_texts: list[tuple[PreparedText, QColor]] = []
        self.set_data(data, editable)

    def set_data(self, data: BandData, editable: bool = True) -> None:
        self.prepareGeometryChange()
        self.data, self.editable = data, editable
        self._lefts = [step.left for step in data.steps]
        self.setToolTip(TOOLTIP if editable else "")
        band = data.band
        label = palette.BAND_LABEL
        labels = []
        if band.moment_row is not None:
            middle = sum(band.moment_row) / 2
            labels.append((_label("Key moments", 10, middle + 3.5, 9.5, bold=True), label))
        top = band.curve_rows[0]
        labels.append((_label("Emotion", 10, top + 12, 9.5, bold=True), label))
        for index, who in enumerate(LINES):
            words = who.capitalize()
            labels.append((_label(words, 34, top + 24 + 12 * index, 8.0), label))
        for value, words in SCALE_LABELS.items():
            x = band.x0 - 5 - text_width(words, 7.5)
            labels.append((_label(words, x, band.y_of(value) + 3, 7.5), label))
        self._labels = labels
        texts = []
        for mark in data.moments:
            left = mark.header.x
            title, ink = (
                ("Sweet spot", palette.MOMENT_STROKE) if mark.sweet_spot else ("Key moment", label)
            )
            scores = f"user {mark.importance_to_user}/5 · provider {mark.importance_to_provider}/5"
            scores = elide(scores, max(0.0, mark.header.w - 30), 7.5)
            texts.append((_label(title, left + 25, mark.y - 1.5, 8.5, bold=True), ink))
            texts.append((_label(scores, left + 25, mark.y + 8.5, 7.5), label))
        self._moment_texts = texts
        self.update()

    def boundingRect(self) -> QRectF:
        band = self.data.band
        return QRectF(0.0, band.top, band.x1, band.bottom - band.top).adjusted(-1, -1, 1, 1)

    # -- painting ---------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = level_of_detail(painter)
        exposed = option.exposedRect
        band = self.data.band
        rect = QRectF(0.0, band.top, band.x1, band.bottom - band.top)
        painter.fillRect(rect.intersected(exposed), palette.BAND_FILL)
        painter.setRenderHint(ANTIALIASING, False)
        painter.setPen(QPen(palette.BAND_RULE, 0.0))
        painter.setBrush(NO_BRUSH)
        painter.drawRect(rect)
        left, right = max(band.x0, exposed.left()), min(band.x1, exposed.right())
        first = max(0, bisect_right(self._lefts, left) - 1)
        last = bisect_right(self._lefts, right)
        steps = self.data.steps[first:last]
        self._paint_guides(painter, left, right, steps)
        painter.setRenderHint(ANTIALIASING, True)
        self._paint_curves(painter, max(0, first - 1), last + 1)
        self._paint_handles(painter, steps)
        self._paint_moments(painter, exposed, lod)
        if exposed.left() < band.x0:
            self.paint_labels(painter, lod)

    def _paint_guides(
        self, painter: QPainter, left: float, right: float, steps: tuple[StepFeeling, ...]
    ) -> None:
        band = self.data.band
        if right <= left:
            return
        top, bottom = band.curve_rows
        painter.setPen(QPen(palette.COLUMN_RULE, 0.0))
        for step in steps:
            if step.left > band.x0:
                painter.drawLine(QLineF(step.left, top, step.left, bottom))
        for value in (2, 1, -1, -2, 0):
            colour = palette.BAND_ZERO if value == 0 else palette.BAND_GUIDE
            painter.setPen(QPen(colour, 0.0))
            y = band.y_of(value)
            painter.drawLine(QLineF(left, y, right, y))

    def _paint_curves(self, painter: QPainter, first: int, last: int) -> None:
        wanted = {step.step_id for step in self.data.steps[first:last]}
        for curve in self.data.curves:
            points = [point for point in curve.points if point.step_id in wanted]
            if len(points) < 2:
                continue
            colour, width, dashed = LINE_STYLES[curve.who]
            path = QPainterPath(QPointF(points[0].x, points[0].y))
            for point in points[1:]:
                path.lineTo(point.x, point.y)
            painter.setPen(_pen(colour, width, dashed))
            painter.setBrush(NO_BRUSH)
            painter.drawPath(path)

    def _paint_handles(self, painter: QPainter, steps: tuple[StepFeeling, ...]) -> None:
        band = self.data.band
        for step in steps:
            for who in LINES:
                value = step.value(who)
                if value is None and not self.editable:
                    continue
                colour = LINE_STYLES[who][0]
                hollow = value is None
                centre = QPointF(step.handle_x(who), band.y_of(0 if hollow else value))
                painter.setPen(QPen(colour, 1.3) if hollow else QPen(QColor("#ffffff"), 1.0))
                painter.setBrush(QBrush(QColor("#ffffff") if hollow else colour))
                if who == SERVICE_USER:
                    painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
                else:
                    h = HANDLE_HALF
                    painter.drawRect(QRectF(centre.x() - h, centre.y() - h, 2 * h, 2 * h))

    def _paint_moments(self, painter: QPainter, exposed: QRectF, lod: float) -> None:
        for mark in self.data.moments:
            header = mark.header
            if header.x > exposed.right() or header.x + header.w < exposed.left():
                continue
            radius = 9.0 if mark.sweet_spot else 7.0
            painter.setPen(QPen(palette.MOMENT_STROKE, 0.8))
            painter.setBrush(QBrush(palette.MOMENT_FILL))
            painter.drawPolygon(_star(header.x + 12, mark.y, radius))
        for text, colour in self._moment_texts:
            text.draw(painter, colour, lod)

    def paint_labels(self, painter: QPainter, lod: float) -> None:
        """The label column left of the steps: the rows' names, the key to the two lines
        and the scale (also painted over the map when it is scrolled sideways)."""
        band = self.data.band
        column = QRectF(0.0, band.top, band.x0, band.bottom - band.top)
        painter.fillRect(column, palette.BAND_FILL)
        smooth = painter.testRenderHint(ANTIALIASING)
        painter.setRenderHint(ANTIALIASING, True)
        top = band.curve_rows[0]
        for index, who in enumerate(LINES):
            colour, width, dashed = LINE_STYLES[who]
            y = top + 24 + 12 * index - 3
            painter.setPen(_pen(colour, width, dashed))
            painter.drawLine(QLineF(10, y, 30, y))
        for text, colour in self._labels:
            text.draw(painter, colour, lod)
        painter.setRenderHint(ANTIALIASING, smooth)

    # -- what is where ------------------------------------------------------------------------

    def contains_point(self, point: QPointF) -> bool:
        band = self.data.band
        return band.top <= point.y() <= band.bottom and 0.0 <= point.x() <= band.x1

    def step_at(self, point: QPointF) -> StepFeeling | None:
        """The step whose column is under ``point`` (in the band, right of the labels)."""
        if not self.contains_point(point) or point.x() < self.data.band.x0:
            return None
        index = bisect_right(self._lefts, point.x()) - 1
        if index < 0:
            return None
        step = self.data.steps[index]
        return step if point.x() <= step.left + step.width else None

    def handle_at(self, point: QPointF, reach: float) -> tuple[StepFeeling, str] | None:
        """The step and line ("service user" or "staff") of the handle nearest ``point``
        within ``reach`` (scene units)."""
        if not self.contains_point(point):
            return None
        band = self.data.band
        index = bisect_right(self._lefts, point.x()) - 1
        best: tuple[float, StepFeeling, str] | None = None
        for step in self.data.steps[max(0, index - 1) : index + 2]:
            for who in LINES:
                value = step.value(who)
                if value is None and not self.editable:
                    continue
                y = band.y_of(0 if value is None else value)
                distance = math.hypot(step.handle_x(who) - point.x(), y - point.y())
                if distance <= reach and (best is None or distance < best[0]):
                    best = (distance, step, who)
        return None if best is None else (best[1], best[2])


# -- showing it in a scene ------------------------------------------------------------------


def show_band(scene: BlueprintScene, data: BandData | None, editable: bool = True) -> None:
    """Show the band with ``data`` in ``scene`` (None: take it away), growing the scene's
    top to fit. The map stays where it is in each view; a view at the top stays at the top,
    so the band comes into sight."""
    views = scene.views()
    kept = [(view, view.mapToScene(QPoint(0, 0)).y()) for view in views]
    at_top = {id(view) for view in views if _at_top(view)}
    item = scene.emotion_band
    if data is None:
        if item is not None:
            scene.removeItem(item)
            scene.emotion_band = None
        scene.set_extra_top(0.0)
    else:
        if isinstance(item, EmotionBandItem):
            item.set_data(data, editable)
        else:
            item = EmotionBandItem(data, editable)
            scene.addItem(item)
            scene.emotion_band = item
        scene.set_extra_top(data.height)
    for view, top in kept:
        bar = view.verticalScrollBar()
        if id(view) in at_top:
            bar.setValue(bar.minimum())
        else:
            moved = (view.mapToScene(QPoint(0, 0)).y() - top) * view.transform().m11()
            bar.setValue(bar.value() - round(moved))


def _at_top(view: BlueprintView) -> bool:
    bar = view.verticalScrollBar()
    return bar.value() <= bar.minimum()


def band_item(view: BlueprintView) -> EmotionBandItem | None:
    scene = view.blueprint_scene
    item = getattr(scene, "emotion_band", None) if scene is not None else None
    return item if isinstance(item, EmotionBandItem) and item.isVisible() else None


def _reach(view: BlueprintView) -> float:
    return max(HANDLE_RADIUS + 1.0, GRAB_PIXELS / max(view.transform().m11(), 1e-6))


def band_handle_at(view: BlueprintView, pos: QPointF) -> tuple[StepFeeling, str] | None:
    """The handle under the viewport point ``pos``, if the band is shown and editable."""
    item = band_item(view)
    if item is None or not item.editable:
        return None
    return item.handle_at(view.mapToScene(pos.toPoint()), _reach(view))


def band_press_at(view: BlueprintView, pos: QPointF) -> Interaction | None:
    """The gesture a left press at ``pos`` (viewport) starts on the band, if any."""
    item = band_item(view)
    if item is None:
        return None
    handle = band_handle_at(view, pos)
    if handle is not None:
        return EmotionDragInteraction(view, handle[0], handle[1], pos)
    step = item.step_at(view.mapToScene(pos.toPoint()))
    return EmotionDragInteraction(view, step, None, pos) if step is not None else None


class EmotionDragInteraction(Interaction):
    """A press on the band. On a handle, dragging sets that line's emotion at the step,
    snapped to −2 … +2: each new value asks for one SetEmotionCommand (they merge into one
    undo step) and the release ends it; Escape puts the values back. A press and release
    without dragging selects the step."""

    def __init__(
        self, view: BlueprintView, step: StepFeeling, who: str | None, pos: QPointF
    ) -> None:
        super().__init__(view)
        self.step_id = step.step_id
        self.who = who
        self.original = (step.service_user, step.staff)
        self.sent = step.value(who) if who is not None else None
        self.start = QPointF(pos)
        self.dragging = False

    def move(self, event: QMouseEvent) -> None:
        if self.who is None:
            return
        pos = event.position()
        if not self.dragging:
            if (pos - self.start).manhattanLength() < QApplication.startDragDistance():
                return
            self.dragging = True
            self.view.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
        self._drag_to(pos)

    def release(self, event: QMouseEvent) -> None:
        if self.finished:
            return
        if self.dragging:
            self._drag_to(event.position())
        else:
            self.view.select_step(self.step_id)
        self.finish()

    def cancel(self) -> None:
        if self.dragging and self.sent != self.original[LINES.index(self.who)]:
            self.view.emotion_requested.emit(self.step_id, *self.original)
        self.finish()

    def _drag_to(self, pos: QPointF) -> None:
        item = band_item(self.view)
        if item is None or item.data.step(self.step_id) is None:
            self.finish()  # the band or the step went away under the pointer
            return
        value = item.data.value_at(self.view.mapToScene(pos.toPoint()).y())
        if value == self.sent:
            return
        user, staff = self.original
        if self.who == SERVICE_USER:
            user = value
        else:
            staff = value
        self.sent = value
        self.view.emotion_requested.emit(self.step_id, user, staff)


# -- the labels kept in view when the map is scrolled sideways --------------------------------


def label_strip(view: BlueprintView) -> QRectF | None:
    """Where the band's label column is painted over a map scrolled sideways (viewport
    pixels), or None when there is nothing to paint there."""
    item = band_item(view)
    layout = view.pane_layout()
    if item is None or layout is None:
        return None
    band, s = item.data.band, layout.scale
    top, bottom = band.top * s + layout.dy, band.bottom * s + layout.dy
    strip = QRectF(layout.left, top, band.x0 * s, bottom - top)
    viewport = QRectF(view.viewport().rect())
    return strip.intersected(viewport) if strip.intersects(viewport) else None


def label_strip_rects(view: BlueprintView) -> list[QRectF]:
    """The viewport areas to repaint after a scroll, so the labels stay put."""
    strip = label_strip(view)
    return [] if strip is None else [strip.adjusted(0.0, 0.0, SHADOW + 1, 0.0)]


def paint_frozen_labels(view: BlueprintView, painter: QPainter) -> None:
    """Paint the band's labels at the view's left edge while the map is scrolled sideways
    (called by the view over its foreground, after the frozen panes)."""
    layout = view.pane_layout()
    strip = label_strip(view)
    if strip is None or layout is None or not layout.covers_column:
        return
    item = band_item(view)
    s = layout.scale
    painter.save()
    painter.resetTransform()
    painter.setClipRect(strip)
    painter.setTransform(QTransform(s, 0, 0, s, layout.left, layout.dy))
    item.paint_labels(painter, s)
    painter.resetTransform()
    painter.setClipping(False)
    painter.setRenderHint(ANTIALIASING, False)
    for i in range(int(SHADOW)):
        colour = QColor(palette.HEADER_SHADOW)
        colour.setAlpha(max(0, colour.alpha() - i * 12))
        painter.fillRect(QRectF(strip.right() + i, strip.top(), 1, strip.height()), colour)
    painter.setPen(NO_PEN)
    painter.restore()
