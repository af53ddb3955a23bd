"""The overview (minimap): the whole blueprint small, with the main view's visible area
drawn on it; click or drag there to move the main view.

It shows the same scene as the main view, rendered into a cached pixmap fit to the
widget (re-rendered a moment after the layout or the selection changes), so scrolling the
main view only redraws the rectangle, not thousands of items.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.canvas import palette
from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView

RERENDER_DELAY_MS = 250
FRAME = QColor("#2563eb")
FRAME_FILL = QColor(37, 99, 235, 36)
SHADE = QColor(15, 23, 42, 28)


class Overview(QWidget):
    """A minimap of ``view``'s scene, fit to its own size."""

    def __init__(self, view: BlueprintView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintOverview")
        self.setAccessibleName("Blueprint overview")
        self.setMinimumSize(120, 60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.view = view
        self._scene: BlueprintScene | None = None
        self._connection: QMetaObject.Connection | None = None
        self._pixmap: QPixmap | None = None
        self._drag_offset: QPointF | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RERENDER_DELAY_MS)
        self._timer.timeout.connect(self.rerender)
        view.viewport_changed.connect(self._follow_view)
        view.selection_changed.connect(self.schedule)
        self._follow_view()

    def sizeHint(self) -> QSize:
        return QSize(280, 120)

    # -- following the main view ------------------------------------------------------------

    def _follow_view(self) -> None:
        scene = self.view.blueprint_scene
        if scene is not self._scene:
            if self._connection is not None:
                QObject.disconnect(self._connection)
                self._connection = None
            self._scene = scene
            if scene is not None:
                self._connection = scene.changed_geometry.connect(self.schedule)
            self.rerender()
        self.update()

    def schedule(self, *_args: object) -> None:
        """Re-render once things have settled (each change restarts the wait)."""
        self._timer.start()

    def rerender(self) -> None:
        """Draw the scene into the cached pixmap now."""
        self._timer.stop()
        scene = self._scene
        if scene is None or self.width() <= 0 or self.height() <= 0:
            self._pixmap = None
            self.update()
            return
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(QSize(self.width(), self.height()) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.CANVAS)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        scene.render(painter, self.target_rect(), scene.sceneRect())
        painter.end()
        self._pixmap = pixmap
        self.update()

    # -- geometry -----------------------------------------------------------------------------

    def target_rect(self) -> QRectF:
        """Where the scene rectangle is drawn in the widget (fit, centred)."""
        if self._scene is None:
            return QRectF()
        source = self._scene.sceneRect()
        scale = min(self.width() / source.width(), self.height() / source.height())
        w, h = source.width() * scale, source.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _to_widget(self, point: QPointF) -> QPointF:
        source, target = self._scene.sceneRect(), self.target_rect()
        scale = target.width() / source.width()
        return QPointF(
            target.x() + (point.x() - source.x()) * scale,
            target.y() + (point.y() - source.y()) * scale,
        )

    def _to_scene(self, point: QPointF) -> QPointF:
        source, target = self._scene.sceneRect(), self.target_rect()
        scale = target.width() / source.width()
        return QPointF(
            source.x() + (point.x() - target.x()) / scale,
            source.y() + (point.y() - target.y()) / scale,
        )

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the main view shows."""
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def frame_rect(self) -> QRectF:
        """The main view's visible area, in this widget's pixels."""
        if self._scene is None:
            return QRectF()
        visible = self.visible_scene_rect().intersected(self._scene.sceneRect())
        return QRectF(self._to_widget(visible.topLeft()), self._to_widget(visible.bottomRight()))

    # -- painting and dragging ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), palette.CANVAS)
        if self._pixmap is None:
            return
        painter.drawPixmap(0, 0, self._pixmap)
        frame = self.frame_rect()
        if frame.isEmpty():
            return
        outside = QRectF(self.rect())
        painter.save()
        painter.setClipRect(outside)
        for piece in (
            QRectF(outside.left(), outside.top(), outside.width(), frame.top()),
            QRectF(
                outside.left(), frame.bottom(), outside.width(), outside.bottom() - frame.bottom()
            ),
            QRectF(outside.left(), frame.top(), frame.left(), frame.height()),
            QRectF(frame.right(), frame.top(), outside.right() - frame.right(), frame.height()),
        ):
            painter.fillRect(piece, SHADE)
        painter.restore()
        painter.fillRect(frame, FRAME_FILL)
        painter.setPen(QPen(FRAME, 1.5))
        painter.drawRect(frame.adjusted(0.75, 0.75, -0.75, -0.75))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._scene is None or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        frame = self.frame_rect()
        # Grabbing the frame keeps the grip; a click elsewhere centres the view there.
        self._drag_offset = frame.center() - pos if frame.contains(pos) else QPointF()
        self._move_view(pos)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self._move_view(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_offset = None
        event.accept()

    def _move_view(self, pos: QPointF) -> None:
        centre = self._to_scene(pos + (self._drag_offset or QPointF()))
        self.view.centerOn(centre)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.rerender()
