"""Zooming the blueprint view: around the pointer or the middle, to fit, to 100%, within
limits that always allow fitting the whole map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QTransform, QWheelEvent

MIN_ZOOM = 0.1
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
WHEEL_NOTCH = 120


class ZoomMixin:
    """Zoom and wheel handling for BlueprintView (a QGraphicsView with zoom_changed and
    viewport_changed signals and a _zoomed hook)."""

    def zoom(self) -> float:
        return self.transform().m11()

    def fit_scale(self) -> float:
        """The scale at which the whole scene rectangle fits the viewport."""
        scene = self.scene()
        if scene is None:
            return 1.0
        rect = scene.sceneRect()
        size = self.maximumViewportSize()
        if rect.isEmpty():
            return 1.0
        fit = min((size.width() - 2) / rect.width(), (size.height() - 2) / rect.height())
        return max(1e-4, fit)

    def min_zoom(self) -> float:
        return min(MIN_ZOOM, self.fit_scale())

    def set_zoom(self, scale: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``scale`` keeping the scene point under ``anchor`` (viewport pixels,
        the middle by default) where it is."""
        scale = max(self.min_zoom(), min(MAX_ZOOM, scale))
        if abs(scale - self.zoom()) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        inverse, _ok = self.viewportTransform().inverted()
        fixed = inverse.map(anchor)
        self.setTransform(QTransform.fromScale(scale, scale))
        self.update_scroll_rect()
        moved = self.viewportTransform().map(fixed) - anchor
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(moved.x()))
        v.setValue(v.value() + round(moved.y()))
        self._zoomed()

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP, anchor)

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP, anchor)

    def zoom_to_fit(self) -> None:
        """Show the whole map."""
        scale = self.fit_scale()
        self.setTransform(QTransform.fromScale(scale, scale))
        self.update_scroll_rect()
        self.centerOn(self.scene().sceneRect().center())
        self._zoomed()

    def zoom_to_actual(self) -> None:
        """100%: one scene unit (one PDF point) per pixel."""
        self.set_zoom(1.0)

    def _zoomed(self) -> None:
        self._place_editor()
        self.viewport().update()
        self.zoom_changed.emit(self.zoom())
        self.viewport_changed.emit()

    def zoom_key(self, event: QKeyEvent) -> bool:
        """Ctrl+= / Ctrl++ in, Ctrl+- out, Ctrl+0 fit, Ctrl+1 100%."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_ParenRight):
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_1, Qt.Key.Key_Exclam):
            self.zoom_to_actual()
        else:
            return False
        return True

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms around the pointer; Shift+wheel scrolls sideways."""
        mods = event.modifiers()
        delta = event.angleDelta()
        if mods & Qt.KeyboardModifier.ControlModifier:
            notches = delta.y() / WHEEL_NOTCH
            if notches:
                self.set_zoom(self.zoom() * ZOOM_STEP**notches, event.position())
            event.accept()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier:
            amount = delta.y() or delta.x()
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(amount / WHEEL_NOTCH * 3 * bar.singleStep()))
            event.accept()
            return
        super().wheelEvent(event)
