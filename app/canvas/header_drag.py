"""Gestures on the frozen panes: drag a lane's title up or down, or a step's header left or
right, to reorder them; drag the bottom edge of a lane's title to set the lane's height
(double-click it to fit the lane to its cards again). Like the other interactions they
draw feedback and end in an intent signal; the window pushes the command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QApplication

from app.canvas import palette
from app.canvas.frozen_panes import PaneLayout
from app.canvas.interactions import Interaction, edge_scroll
from app.layout.geometry import BlueprintGeometry, LaneGeometry
from app.layout.style import DEFAULT_STYLE

if TYPE_CHECKING:
    from app.canvas.view import BlueprintView

GRIP = 4.0  # viewport pixels either side of a lane's bottom edge where a press resizes it
MARK_WIDTH = 2.5  # the drop line and the resize guide, in pixels
Mark = tuple[QRectF | QLineF, bool]  # a tinted area, or a line (dashed or not)


def lane_edge_at(view: BlueprintView, pos: QPointF) -> str | None:
    """The lane whose bottom edge is at ``pos`` (viewport) in the lane title column."""
    layout = view.pane_layout()
    if layout is None or not layout.left <= pos.x() <= layout.left + layout.title_width:
        return None
    if pos.y() < layout.top + layout.header_height:
        return None  # under the header rows
    for lane in view.blueprint_scene.geometry.lanes:
        grip = min(GRIP, lane.rect.h * layout.scale / 4)  # zoomed far out, titles stay draggable
        if abs(lane.rect.bottom * layout.scale + layout.dy - pos.y()) <= grip:
            return lane.id
    return None


def pane_drag_at(view: BlueprintView, pos: QPointF) -> Interaction | None:
    """The gesture a left press at ``pos`` (viewport) starts on the panes, if any."""
    lane_id = lane_edge_at(view, pos)
    if lane_id is not None:
        return ResizeLaneInteraction(view, lane_id, pos)
    kind, ident = view.pane_hit(pos) or (None, None)
    if kind == "lane" and ident is not None:
        return MoveLaneInteraction(view, ident, pos)
    if kind == "step" and ident is not None:
        return MoveStepInteraction(view, ident, pos)
    return None


def fitted_height(geometry: BlueprintGeometry, lane: LaneGeometry) -> float:
    """How tall the layout makes a lane whose height is left automatic: its fullest cell,
    its title, or the least lane height."""
    padding = lane.title.y - lane.rect.y
    bottom = lane.title.y + lane.title.height
    for card in geometry.cards.values():
        if card.lane_id == lane.id:
            bottom = max(bottom, card.rect.bottom)
    return max(DEFAULT_STYLE.min_lane_height, bottom + padding - lane.rect.y)


class PaneDragInteraction(Interaction):
    """A press on a pane that becomes a drag once the pointer has moved far enough. Its
    marks are painted in viewport pixels; a press and release without moving does nothing."""

    drag_cursor = Qt.CursorShape.ClosedHandCursor
    across = False  # steps are dragged across the view, lanes up and down

    def __init__(self, view: BlueprintView, pos: QPointF) -> None:
        super().__init__(view)
        self.start = QPointF(pos)
        self.pos = QPointF(pos)
        self.dragging = False
        self._drawn = QRectF()
        self._follow = view.viewport_changed.connect(self._view_changed)

    # -- what a gesture defines --------------------------------------------------------------

    def track(self, layout: PaneLayout) -> bool:
        """Work out the drop for the pointer at ``self.pos``; False when the gesture lost
        what it drags (the blueprint changed under it)."""
        return True

    def marks(self, layout: PaneLayout) -> list[Mark]:
        return []

    def clip(self, layout: PaneLayout) -> QRectF:
        """Where marks show: below the header rows for lanes, right of the titles for steps."""
        viewport = layout.viewport
        if self.across:
            left = layout.left + layout.title_width
            return QRectF(left, 0.0, viewport.width() - left, viewport.height())
        top = layout.top + layout.header_height
        return QRectF(0.0, top, viewport.width(), viewport.height() - top)

    def _edge_delta(self, pos: QPoint) -> tuple[int, int]:
        """Scroll only along the drag, between the panes and the viewport's far edge."""
        layout = self.view.pane_layout()
        if layout is None:
            return 0, 0
        if self.across:
            left = layout.left + layout.title_width
            return edge_scroll(pos.x(), left, layout.viewport.right()), 0
        top = layout.top + layout.header_height
        return 0, edge_scroll(pos.y(), top, layout.viewport.bottom())

    def drop(self) -> None:
        """Emit the intent signal for the drop (the marks are already gone)."""

    def click(self) -> None:
        """A press and release without dragging."""

    # -- events ------------------------------------------------------------------------------

    def move(self, event: QMouseEvent) -> None:
        self.pos = event.position()
        if not self.dragging:
            if (self.pos - self.start).manhattanLength() < QApplication.startDragDistance():
                return
            self.dragging = True
            self.view.viewport().setCursor(self.drag_cursor)
        if self._refresh():
            self.follow_edges(self.pos.toPoint())

    def release(self, event: QMouseEvent) -> None:
        if self.finished:
            return
        self.pos = event.position()
        dropping = self.dragging and self._refresh()
        clicked = not self.dragging
        self.finish()
        if dropping:
            self.drop()
        elif clicked:
            self.click()

    def finish(self) -> None:
        if self._follow is not None:
            QObject.disconnect(self._follow)
            self._follow = None
        super().finish()
        self._repaint(QRectF())

    def _view_changed(self) -> None:
        """Scrolled, zoomed or laid out again under a still pointer."""
        if self.dragging and not self.finished:
            self.view.viewport().update()  # scrolling moved the old marks' pixels too
            self._refresh()

    def _refresh(self) -> bool:
        layout = self.view.pane_layout()
        if layout is None or not self.track(layout):
            self.cancel()
            return False
        area = QRectF()
        for shape, _dashed in self.marks(layout):
            box = shape.normalized() if isinstance(shape, QRectF) else _line_box(shape)
            area = area.united(box)
        self._repaint(area.intersected(self.clip(layout)))
        return True

    def _repaint(self, area: QRectF) -> None:
        old, self._drawn = self._drawn, area
        for rect in (old, area):
            if not rect.isEmpty():
                self.view.viewport().update(rect.toAlignedRect())

    def paint(self, painter: QPainter) -> None:
        layout = self.view.pane_layout()
        if not self.dragging or self.finished or layout is None:
            return
        painter.save()
        painter.resetTransform()
        painter.setClipRect(self.clip(layout))
        for shape, dashed in self.marks(layout):
            if isinstance(shape, QRectF):
                painter.fillRect(shape, palette.DROP_TARGET)
            else:
                style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
                painter.setPen(QPen(palette.DROP_MARK, MARK_WIDTH, style, Qt.PenCapStyle.FlatCap))
                painter.drawLine(shape)
        painter.restore()

    # -- helpers for the gestures ------------------------------------------------------------

    @property
    def geometry(self) -> BlueprintGeometry:
        return self.view.blueprint_scene.geometry

    def lane(self, lane_id: str) -> tuple[int, LaneGeometry] | None:
        for index, lane in enumerate(self.geometry.lanes):
            if lane.id == lane_id:
                return index, lane
        return None


def _line_box(line: QLineF) -> QRectF:
    grow = MARK_WIDTH + 1
    return QRectF(line.p1(), line.p2()).normalized().adjusted(-grow, -grow, grow, grow)


def _gap(centres: list[float], at: float) -> int:
    """The gap (0 before the first, len(centres) after the last) nearest to ``at``."""
    return sum(1 for centre in centres if centre < at)


def _index_for_gap(current: int, gap: int) -> int:
    """Where an item now at ``current`` goes when dropped into ``gap``, counted among the
    others (the index MoveLaneCommand and MoveStepCommand take)."""
    return gap if gap <= current else gap - 1


class MoveLaneInteraction(PaneDragInteraction):
    """Drag a lane's title up or down; a line shows the gap it will go into."""

    def __init__(self, view: BlueprintView, lane_id: str, pos: QPointF) -> None:
        super().__init__(view, pos)
        self.lane_id = lane_id
        self.index: int | None = None  # where the lane would go, when that moves it
        self._gap_y = 0.0

    def track(self, layout: PaneLayout) -> bool:
        found = self.lane(self.lane_id)
        if found is None:
            return False
        current, _lane = found
        lanes = self.geometry.lanes
        gap = _gap([lane.rect.y + lane.rect.h / 2 for lane in lanes], layout.scene_y(self.pos.y()))
        index = _index_for_gap(current, gap)
        self.index = None if index == current else index
        self._gap_y = lanes[gap].rect.y if gap < len(lanes) else lanes[-1].rect.bottom
        return True

    def marks(self, layout: PaneLayout) -> list[Mark]:
        found = self.lane(self.lane_id)
        if found is None:
            return []
        rect, s = found[1].rect, layout.scale
        title = QRectF(layout.left, rect.y * s + layout.dy, layout.title_width, rect.h * s)
        marks: list[Mark] = [(title, False)]
        if self.index is not None:
            y = self._gap_y * s + layout.dy
            right = min(layout.viewport.right(), layout.map_right)
            marks.append((QLineF(layout.left, y, right, y), False))
        return marks

    def drop(self) -> None:
        if self.index is not None:
            self.view.lane_move_requested.emit(self.lane_id, self.index)


class MoveStepInteraction(PaneDragInteraction):
    """Drag a step's header left or right; a line shows the gap it will go into."""

    across = True

    def __init__(self, view: BlueprintView, step_id: str, pos: QPointF) -> None:
        super().__init__(view, pos)
        self.step_id = step_id
        self.index: int | None = None
        self._gap_x = 0.0

    def _step(self) -> int | None:
        for index, step in enumerate(self.geometry.steps):
            if step.id == self.step_id:
                return index
        return None

    def track(self, layout: PaneLayout) -> bool:
        current = self._step()
        if current is None:
            return False
        steps = self.geometry.steps
        centres = [step.header.x + step.header.w / 2 for step in steps]
        gap = _gap(centres, layout.scene_x(self.pos.x()))
        index = _index_for_gap(current, gap)
        self.index = None if index == current else index
        self._gap_x = steps[gap].header.x if gap < len(steps) else steps[-1].header.right
        return True

    def marks(self, layout: PaneLayout) -> list[Mark]:
        current = self._step()
        if current is None:
            return []
        header, s = self.geometry.steps[current].header, layout.scale
        rows = layout.header_rows
        top = layout.top + layout.stage_height
        tint = QRectF(header.x * s + layout.dx, top, header.w * s, rows.bottom() - top)
        marks: list[Mark] = [(tint, False)]
        if self.index is not None:
            x = self._gap_x * s + layout.dx
            bottom = min(layout.viewport.bottom(), layout.map_bottom)
            marks.append((QLineF(x, layout.top, x, bottom), False))
        return marks

    def drop(self) -> None:
        if self.index is not None:
            self.view.step_move_requested.emit(self.step_id, self.index)

    def click(self) -> None:
        self.view.select_step(self.step_id)  # the properties show the step


class ResizeLaneInteraction(PaneDragInteraction):
    """Drag the bottom edge of a lane's title: a guide shows the lane's new bottom, which
    never goes above its cards. Dropped at that least height, the lane fits its cards again
    (height None); anywhere lower, it keeps the height it was given."""

    cursor = Qt.CursorShape.SizeVerCursor
    drag_cursor = Qt.CursorShape.SizeVerCursor

    def __init__(self, view: BlueprintView, lane_id: str, pos: QPointF) -> None:
        super().__init__(view, pos)
        self.lane_id = lane_id
        found, layout = self.lane(lane_id), view.pane_layout()
        lane = found[1] if found else None
        self.height = lane.rect.h if lane else 0.0
        self.least = fitted_height(self.geometry, lane) if lane else 0.0
        # The pointer's distance from the edge, in scene units, kept while dragging.
        self.grab = lane.rect.bottom - layout.scene_y(pos.y()) if lane and layout else 0.0

    def track(self, layout: PaneLayout) -> bool:
        found = self.lane(self.lane_id)
        if found is None:
            return False
        bottom = layout.scene_y(self.pos.y()) + self.grab
        self.height = max(self.least, bottom - found[1].rect.y)
        return True

    def marks(self, layout: PaneLayout) -> list[Mark]:
        found = self.lane(self.lane_id)
        if found is None:
            return []
        s, top = layout.scale, found[1].rect.y
        y0, y1 = top * s + layout.dy, (top + self.height) * s + layout.dy
        right = min(layout.viewport.right(), layout.map_right)
        title = QRectF(layout.left, y0, layout.title_width, y1 - y0)
        return [(title, False), (QLineF(layout.left, y1, max(right, layout.left), y1), True)]

    def drop(self) -> None:
        fits = self.height <= self.least + 0.5
        self.view.lane_height_requested.emit(self.lane_id, None if fits else round(self.height))
