"""The three lines of the method (interaction, visibility, internal interaction): a dashed
line across the map between two lanes, labelled in the lane title column."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.lod import FAR, level_of_detail
from app.canvas.qtenums import ANTIALIASING, EXTENDED_STYLE_OPTION, INVISIBLE_PEN
from app.canvas.text import PreparedText, prepare, single_line, text_width
from app.layout.fonts import metrics
from app.layout.geometry import DividerLine

DIVIDER_Z = 1.0
LABEL_SIZE = 7.0
LABEL_HEIGHT = 11.0
HALF_HEIGHT = LABEL_HEIGHT / 2 + 1.0
LABEL_X = 8.0  # from the left of the title column


def _dash_brush() -> QBrush:
    """Dashes of 5 units with gaps of 3, as a texture one unit per pixel (scaled with the
    view like everything else in the scene)."""
    tile = QImage(8, 2, QImage.Format.Format_ARGB32)
    tile.fill(Qt.GlobalColor.transparent)
    for x in range(5):
        for y in range(2):
            tile.setPixelColor(x, y, palette.DIVIDER)
    return QBrush(tile)


def label_block(line: DividerLine, width: float) -> tuple[QRectF, PreparedText] | None:
    """The label's pill, centred on the line inside a title column ``width`` wide."""
    text_w = text_width(line.label, LABEL_SIZE)
    if LABEL_X + text_w + 8.0 > width:
        return None
    pill = QRectF(line.x0 + LABEL_X, line.y - LABEL_HEIGHT / 2, text_w + 8.0, LABEL_HEIGHT)
    top = line.y + 0.36 * LABEL_SIZE - metrics().ascent * LABEL_SIZE  # caps centred on the line
    block = single_line(line.label, pill.left() + 4.0, top, LABEL_SIZE)
    return pill, prepare(block)


class DividerLineItem(QGraphicsRectItem):
    """Only as tall as its label: never a scene-sized item."""

    kind = "line"

    def __init__(self, line: DividerLine, title_width: float) -> None:
        super().__init__()
        self.setZValue(DIVIDER_Z)
        self.setPen(INVISIBLE_PEN)
        self.setFlag(EXTENDED_STYLE_OPTION, True)
        self._dashes = _dash_brush()
        self._pill_pen = QPen(palette.DIVIDER, 0.8)
        self._pill_brush = QBrush(QColor("#ffffff"))
        self.set_geometry(line, title_width)

    def set_geometry(self, line: DividerLine, title_width: float) -> None:
        self.line = line
        self.title_width = title_width
        self.setRect(QRectF(line.x0, line.y - HALF_HEIGHT, line.x1 - line.x0, 2 * HALF_HEIGHT))
        self._label = label_block(line, title_width)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = level_of_detail(painter)
        painter.setRenderHint(ANTIALIASING, False)  # axis-aligned: crisp and fast
        exposed = option.exposedRect
        left = max(self.line.x0, exposed.left())
        right = min(self.line.x1, exposed.right())
        if lod < FAR:
            painter.setPen(QPen(palette.DIVIDER, 0.0))
            painter.drawLine(QLineF(left, self.line.y, right, self.line.y))
            return
        # A tiled brush, anchored at the scene's origin, draws the dashes: exposed pieces
        # join up seamlessly and no dash pattern is stroked in every paint.
        painter.fillRect(QRectF(left, self.line.y - 0.6, right - left, 1.2), self._dashes)
        if exposed.left() <= self.title_width:
            self.paint_label(painter, lod)

    def paint_label(self, painter: QPainter, lod: float) -> None:
        """The line's name on a white pill in the title column."""
        if self._label is None:
            return
        pill, text = self._label
        if text.readable(lod):
            smooth = painter.testRenderHint(ANTIALIASING)
            painter.setRenderHint(ANTIALIASING, True)
            painter.setPen(self._pill_pen)
            painter.setBrush(self._pill_brush)
            painter.drawRoundedRect(pill, LABEL_HEIGHT / 2, LABEL_HEIGHT / 2)
            text.draw(painter, palette.DIVIDER_TEXT, lod)
            painter.setRenderHint(ANTIALIASING, smooth)
