"""A lane: a horizontal band across the map, with its title column on the left."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.lod import FAR, level_of_detail
from app.canvas.qtenums import ANTIALIASING, EXTENDED_STYLE_OPTION, INVISIBLE_PEN
from app.canvas.text import PreparedText, prepare
from app.layout.geometry import LaneGeometry
from app.layout.lane_kind import kind_block

LANE_Z = 0.0
STRIPE = 4.0  # the lane kind's colour bar at the left of the title column

_BORDER = QPen(palette.LANE_BORDER, 1.0)
_RULE = QPen(palette.COLUMN_RULE, 1.0)


def prepare_kind(lane: LaneGeometry) -> PreparedText | None:
    block = kind_block(lane)
    return prepare(block) if block is not None else None


class LaneItem(QGraphicsRectItem):
    """One lane: its cell rules, borders and title column (the band's fill is the scene
    background's); ``columns`` are the x of the column edges, shared by all lanes, so
    that the rules are drawn only where exposed."""

    kind = "lane"

    def __init__(
        self, geometry: LaneGeometry, index: int, columns: list[float], spacing: float
    ) -> None:
        super().__init__()
        self.setZValue(LANE_Z)
        self.setPen(INVISIBLE_PEN)
        self.setFlag(EXTENDED_STYLE_OPTION, True)
        self.geometry = geometry
        self.columns = columns
        self.set_geometry(geometry, index, columns, spacing)

    @property
    def lane_id(self) -> str:
        return self.geometry.id

    def set_geometry(
        self, geometry: LaneGeometry, index: int, columns: list[float], spacing: float
    ) -> None:
        """``spacing`` is the narrowest column's width (rules are drawn only while columns
        are wide enough on screen to tell apart)."""
        self._spacing = spacing
        if getattr(self, "index", None) == index and geometry == self.geometry:
            return
        self.geometry = geometry
        self.index = index
        self.columns = columns
        r = geometry.rect
        self.setRect(QRectF(r.x, r.y, r.w, r.h))
        t = geometry.title_rect
        self._title_rect = QRectF(t.x, t.y, t.w, t.h)
        self._stripe = QRectF(t.x, t.y, STRIPE, t.h)
        self._title = prepare(geometry.title)
        self._kind = prepare_kind(geometry)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # The band itself is filled by the scene's background, under the cards it draws
        # for the cards too small to be painted as items.
        lod = level_of_detail(painter)
        painter.setRenderHint(ANTIALIASING, False)  # axis-aligned: crisp and fast
        rect = self.rect()
        if lod < FAR / 4:
            self.paint_title(painter, lod)
            return
        exposed = option.exposedRect
        if lod * self._spacing >= 12:  # cell rules only while columns are wide enough to tell apart
            first = bisect_left(self.columns, exposed.left())
            last = bisect_right(self.columns, exposed.right())
            top, bottom = rect.top(), rect.bottom()
            painter.setPen(_RULE)
            painter.drawLines([QLineF(x, top, x, bottom) for x in self.columns[first:last]])
        painter.setPen(_BORDER)
        left = max(rect.left(), exposed.left())
        right = min(rect.right(), exposed.right())
        painter.drawLine(QLineF(left, rect.bottom(), right, rect.bottom()))
        if exposed.left() <= self._title_rect.right():
            self.paint_title(painter, lod)

    def paint_title(self, painter: QPainter, lod: float) -> None:
        """The title column: its band, the kind's colour bar, the title and the kind."""
        title = self._title_rect
        painter.fillRect(title, palette.LANE_TITLE_BANDS[self.index % 2])
        painter.fillRect(self._stripe, palette.kind_colour(self.geometry.kind))
        if lod < FAR / 4:
            return
        painter.setPen(_BORDER)
        painter.drawLine(QLineF(title.right(), title.top(), title.right(), title.bottom()))
        painter.drawLine(QLineF(title.left(), title.bottom(), title.right(), title.bottom()))
        self._title.draw(painter, palette.LANE_TITLE_TEXT, lod)
        if self._kind is not None:
            self._kind.draw(painter, palette.LANE_KIND_TEXT, lod)
