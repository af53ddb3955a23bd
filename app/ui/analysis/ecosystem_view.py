"""The ecosystem map's view: zoom as on the canvas (Ctrl+wheel around the pointer,
Ctrl+= and Ctrl+- around the middle, Ctrl+0 to fit, Ctrl+1 for actual size), a plain
wheel scrolls, and a drag on empty space selects nodes with a rubber band."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.ui.analysis.ecosystem_scene import EcosystemScene

MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 0.05, 6.0, 1.25
WHEEL_NOTCH = 120


OWN_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.ZoomIn,
    QKeySequence.StandardKey.ZoomOut,
)
OWN_CTRL_KEYS = (Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus)


def owns(event: QKeyEvent) -> bool:
    """The key is one the map's window handles itself (zoom, undo and redo, close)."""
    if any(event.matches(keys) for keys in OWN_KEYS):
        return True
    ctrl_only = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return ctrl_only == Qt.KeyboardModifier.ControlModifier and event.key() in OWN_CTRL_KEYS


class EcosystemView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, scene: EcosystemScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("ecosystemView")
        self.setAccessibleName("Service ecosystem map")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, scale: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``scale`` keeping the scene point under ``anchor`` (the middle by
        default) where it is."""
        scale = max(min(MIN_ZOOM, self.fit_scale()), min(MAX_ZOOM, scale))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(scale, scale))
        moved = self.mapFromScene(fixed) - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoom_changed.emit(scale)

    def fit_scale(self) -> float:
        rect = self.sceneRect()
        size = self.maximumViewportSize()
        if rect.isEmpty():
            return 1.0
        return max(
            1e-3, min((size.width() - 4) / rect.width(), (size.height() - 4) / rect.height())
        )

    def fit(self) -> None:
        """The whole map in view (never larger than actual size)."""
        self.setTransform(QTransform.fromScale(1, 1))
        scale = min(1.0, self.fit_scale())
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(self.sceneRect().center())
        self.zoom_changed.emit(scale)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            notches = event.angleDelta().y() / WHEEL_NOTCH
            if notches:
                self.set_zoom(self.zoom() * ZOOM_STEP**notches, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        # The map's keys are the map's: never a main window's shortcut of the same keys.
        if event.type() == QEvent.Type.ShortcutOverride and owns(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        key = event.key()
        if ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_1:
            self.set_zoom(1.0)
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (
            ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
        ):
            self.set_zoom(self.zoom() * ZOOM_STEP)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.set_zoom(self.zoom() / ZOOM_STEP)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
