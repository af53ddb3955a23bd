"""The fail-point, wait-point and comment marks, drawn with the painter (no font glyphs),
so they look the same on screen, in PNG and at any zoom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.qtenums import NO_BRUSH, NO_BUTTON, NO_PEN, TRANSPARENT
from app.canvas.tooltips import plain_tip

MARK_RADIUS = 5.5
WHITE = QColor("#ffffff")
COMMENT = QColor("#0e7490")  # unresolved comments: a speech bubble


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


def draw_comment_mark(painter: QPainter, cx: float, cy: float, r: float = MARK_RADIUS) -> None:
    """A teal speech bubble with three white dots: someone left a comment here."""
    w, h = r * 2.1, r * 1.6
    left, top = cx - w / 2, cy - r
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(left, top, w, h), r * 0.45, r * 0.45)
    tail = QPainterPath()
    tail.addPolygon(
        QPolygonF(
            [
                QPointF(left + w * 0.22, top + h - 0.5),
                QPointF(left + w * 0.52, top + h - 0.5),
                QPointF(left + w * 0.16, cy + r),
            ]
        )
    )
    painter.setPen(QPen(WHITE, 1.0))
    painter.setBrush(QBrush(COMMENT))
    painter.drawPath(bubble.united(tail))
    painter.setPen(NO_PEN)
    painter.setBrush(QBrush(WHITE))
    dot = r * 0.17
    for step in (-1, 0, 1):
        painter.drawEllipse(QPointF(cx + step * r * 0.55, top + h / 2), dot, dot)


class CommentMarkItem(QGraphicsRectItem):
    """Where a step header's comment mark is, with its tooltip ("2 comments, latest by
    Ann"). The header draws the mark itself (StepHeaderItem.paint_header), so that the
    frozen header row shows it too; this item draws nothing. Clicks go through it to the
    header below."""

    def __init__(self, cx: float, cy: float, note: str) -> None:
        super().__init__()
        self.setPen(QPen(TRANSPARENT, 1.0))
        self.setAcceptedMouseButtons(NO_BUTTON)
        self.place(cx, cy)
        self.setToolTip(plain_tip(note))

    def place(self, cx: float, cy: float) -> None:
        r = MARK_RADIUS + 1.0
        self.setRect(QRectF(cx - r, cy - r, 2 * r, 2 * r))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        pass  # drawn by the step header, once
