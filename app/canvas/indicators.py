"""Short-lived items shown during a gesture: where dragged cards will land, and the
connector being drawn."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import palette
from app.layout.geometry import Rect

INDICATOR_Z = 20.0


class DropIndicatorItem(QGraphicsRectItem):
    """The target cell, tinted, with a bar where the cards will go in its stack."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(INDICATOR_Z - 1)
        self.setPen(QPen(Qt.GlobalColor.transparent, 4.0))
        self._bar: QLineF | None = None
        self.hide()

    def show_at(self, cell: Rect, bar_y: float, inset: float) -> None:
        rect = QRectF(cell.x, cell.y, cell.w, cell.h)
        bar = QLineF(cell.x + inset, bar_y, cell.right - inset, bar_y)
        if rect != self.rect() or bar != self._bar:
            self.setRect(rect)
            self._bar = bar
            self.update()
        self.show()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.rect()
        painter.fillRect(rect, palette.DROP_TARGET)
        painter.setPen(QPen(palette.DROP_MARK, 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if self._bar is not None:
            painter.setPen(
                QPen(palette.DROP_MARK, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            )
            painter.drawLine(self._bar)


class RubberLineItem(QGraphicsLineItem):
    """The connector being drawn from a card's handle to the pointer."""

    def __init__(self, start: QPointF) -> None:
        super().__init__(QLineF(start, start))
        self.setZValue(INDICATOR_Z)
        pen = QPen(palette.HANDLE, 1.6, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
        self.setPen(pen)

    def stretch_to(self, end: QPointF) -> None:
        self.setLine(QLineF(self.line().p1(), end))


class TargetCardItem(QGraphicsRectItem):
    """A ring around the card a connector would end on."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(INDICATOR_Z)
        self.setPen(QPen(palette.HANDLE, 2.0))
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.hide()

    def ring(self, rect: Rect | None) -> None:
        if rect is None:
            self.hide()
            return
        self.setRect(QRectF(rect.x - 2, rect.y - 2, rect.w + 4, rect.h + 4))
        self.show()
