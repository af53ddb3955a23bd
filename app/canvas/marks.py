"""The fail-point and wait-point marks, drawn with the painter (no font glyphs), so they
look the same on screen, in PNG and at any zoom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from app.canvas import palette
from app.canvas.qtenums import NO_BRUSH, NO_PEN

MARK_RADIUS = 5.5
WHITE = QColor("#ffffff")


def draw_fail_mark(painter: QPainter, cx: float, cy: float, r: float = MARK_RADIUS) -> None:
    """A red disc with a white exclamation mark."""
    painter.setPen(QPen(WHITE, 1.0))
    painter.setBrush(QBrush(palette.FAIL))
    painter.drawEllipse(QPointF(cx, cy), r, r)
    painter.setPen(NO_PEN)
    painter.setBrush(QBrush(WHITE))
    bar = r * 0.26
    painter.drawRoundedRect(QRectF(cx - bar / 2, cy - r * 0.62, bar, r * 0.78), bar / 2, bar / 2)
    painter.drawEllipse(QPointF(cx, cy + r * 0.45), bar * 0.62, bar * 0.62)


def draw_wait_mark(painter: QPainter, cx: float, cy: float, r: float = MARK_RADIUS) -> None:
    """An amber disc with an hourglass whose sand has run into the lower bulb."""
    painter.setPen(QPen(palette.WAIT, 0.9))
    painter.setBrush(QBrush(palette.WAIT_FILL))
    painter.drawEllipse(QPointF(cx, cy), r, r)
    a, b = r * 0.42, r * 0.56
    glass = QPolygonF(
        [
            QPointF(cx - a, cy - b),
            QPointF(cx + a, cy - b),
            QPointF(cx, cy),
            QPointF(cx + a, cy + b),
            QPointF(cx - a, cy + b),
            QPointF(cx, cy),
        ]
    )
    painter.setBrush(NO_BRUSH)
    painter.setPen(QPen(palette.WAIT, 0.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPolygon(glass)
    painter.setPen(NO_PEN)
    painter.setBrush(QBrush(palette.WAIT))
    sand = QPolygonF(
        [QPointF(cx, cy + b * 0.35), QPointF(cx + a * 0.7, cy + b), QPointF(cx - a * 0.7, cy + b)]
    )
    painter.drawPolygon(sand)
