"""The header rows above the lanes: stages (groups of steps) and steps (the columns).

Each header can also paint itself narrower than it is, its title cut with an ellipsis:
the view's frozen header row does that when zoomed out, where it keeps titles readable.
A step header draws its comment mark itself, so the frozen row shows it too.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.lod import FAR, level_of_detail
from app.canvas.marks import MARK_RADIUS, draw_comment_mark
from app.canvas.qtenums import ANTIALIASING, INVISIBLE_PEN
from app.canvas.text import PreparedText, prepare
from app.layout.geometry import Rect, StageGeometry, StepGeometry, TextBlock
from app.layout.wrap import elide

HEADER_Z = 4.0
COMMENT_INSET = MARK_RADIUS + 3.0  # a step's comment mark, from its header's top right
MIN_TITLE_WIDTH = 18.0  # narrower than this, a header shows no title at all

_STAGE_RULE = QPen(palette.STAGE_RULE, 1.0)
_STEP_RULE = QPen(palette.STEP_RULE, 1.0)


def _qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


class _Header(QGraphicsRectItem):
    """A header cell with a title that can be cut to a narrower width. Subclasses set the
    band colour, the rule pen, the text colour, and whether a rule runs along the bottom."""

    band = palette.STAGE_BAND
    rule = _STAGE_RULE
    text_colour = palette.STAGE_TEXT
    bottom_rule = False

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(HEADER_Z)
        self.setPen(INVISIBLE_PEN)
        self._fitted: dict[int, PreparedText | None] = {}
        self._block: TextBlock | None = None
        self._title: PreparedText | None = None

    def _set_title(self, block: TextBlock) -> None:
        self._block = block
        self._title = prepare(block)
        self._fitted.clear()

    def title_for(self, width: float) -> PreparedText | None:
        """The title as drawn when the header is only ``width`` wide (from its left)."""
        block, rect = self._block, self.rect()
        if block is None or width >= rect.width() - 0.5:
            return self._title
        key = int(width)
        if key not in self._fitted:
            available = key - 2 * (block.x - rect.x())
            if len(self._fitted) > 32:
                self._fitted.clear()
            if available < MIN_TITLE_WIDTH:
                self._fitted[key] = None
            else:
                size, bold = block.size, block.bold
                lines = tuple(elide(line, available, size, bold) for line in block.lines)
                self._fitted[key] = prepare(replace(block, lines=lines))
        return self._fitted[key]

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(ANTIALIASING, False)  # axis-aligned
        self.paint_header(painter, level_of_detail(painter))

    def paint_header(self, painter: QPainter, lod: float, width: float | None = None) -> None:
        rect = QRectF(self.rect())
        if width is not None:
            rect.setWidth(width)
        painter.fillRect(rect, self.band)
        if lod < FAR / 2:
            return
        painter.setPen(self.rule)
        painter.drawLine(QLineF(rect.right(), rect.top(), rect.right(), rect.bottom()))
        if self.bottom_rule:
            painter.drawLine(QLineF(rect.left(), rect.bottom(), rect.right(), rect.bottom()))
        title = self.title_for(rect.width())
        if title is not None:
            title.draw(painter, self.text_colour, lod)


class StageHeaderItem(_Header):
    """A stage's title over the steps it groups (steps without a stage get an empty one)."""

    kind = "stage"

    def __init__(self, geometry: StageGeometry) -> None:
        super().__init__()
        self.set_geometry(geometry)

    @property
    def stage_id(self) -> str | None:
        return self.geometry.id

    def set_geometry(self, geometry: StageGeometry) -> None:
        self.geometry = geometry
        self.setRect(_qrect(geometry.rect))
        self._set_title(geometry.title)
        self.update()


class StepHeaderItem(_Header):
    """A step's title at the head of its column."""

    kind = "step"
    band = palette.STEP_BAND
    rule = _STEP_RULE
    text_colour = palette.STEP_TEXT
    bottom_rule = True

    def __init__(self, geometry: StepGeometry) -> None:
        super().__init__()
        self.set_geometry(geometry)

    @property
    def step_id(self) -> str:
        return self.geometry.id

    def set_geometry(self, geometry: StepGeometry) -> None:
        self.geometry = geometry
        self.setRect(_qrect(geometry.header))
        self._set_title(geometry.title)
        self.update()

    def paint_header(self, painter: QPainter, lod: float, width: float | None = None) -> None:
        super().paint_header(painter, lod, width)
        if lod < FAR or self.step_id not in getattr(self.scene(), "commented_steps", ()):
            return
        rect = QRectF(self.rect())
        if width is not None:
            rect.setWidth(width)
        if rect.width() < 2 * COMMENT_INSET:
            return
        painter.save()
        painter.setRenderHint(ANTIALIASING, True)
        draw_comment_mark(painter, rect.right() - COMMENT_INSET, rect.top() + COMMENT_INSET)
        painter.restore()


class HeaderCornerItem(QGraphicsRectItem):
    """The corner above the lane titles, so the header rows read as one band."""

    kind = "corner"

    def __init__(self, stage_row: Rect, step_row: Rect) -> None:
        super().__init__()
        self.setZValue(HEADER_Z)
        self.setPen(INVISIBLE_PEN)
        self.set_geometry(stage_row, step_row)

    def set_geometry(self, stage_row: Rect, step_row: Rect) -> None:
        self.stage_row = _qrect(stage_row)
        self.step_row = _qrect(step_row)
        self.setRect(self.stage_row.united(self.step_row))
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(ANTIALIASING, False)  # axis-aligned
        self.paint_corner(painter)

    def paint_corner(self, painter: QPainter) -> None:
        painter.fillRect(self.stage_row, palette.STAGE_BAND)
        painter.fillRect(self.step_row, palette.STEP_BAND)
        painter.setPen(_STEP_RULE)
        r = self.step_row
        painter.drawLine(QLineF(r.left(), r.bottom(), r.right(), r.bottom()))
        painter.drawLine(QLineF(r.right(), r.top(), r.right(), r.bottom()))
