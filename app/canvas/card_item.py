"""A card: a rounded box with its wrapped text, a hint line, and fail/wait/comment marks.

The item is a QGraphicsRectItem so that Qt computes its bounding rectangle in C++; only
paint and shape are Python. Its bounding rectangle is exactly the card, so a rubber band
drawn tightly around a card selects it; the marks and the connector handle, which stick
out of the card, are drawn by a child item that exists only while there is one to show.
It draws what its CardGeometry says and nothing else. The card sits in its lane's
container (see lane_layers.py), so its position is relative to its lane's top.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import palette
from app.canvas.lod import FAR, level_of_detail
from app.canvas.marks import MARK_RADIUS, draw_comment_mark, draw_fail_mark, draw_wait_mark
from app.canvas.qtenums import NO_BUTTON, NO_PEN, SELECTABLE
from app.canvas.text import PreparedText, prepare
from app.canvas.tooltips import plain_tip
from app.layout.geometry import CardGeometry, CardTable, TextBlock

CARD_Z = 3.0
MARGIN = 8.0  # room outside the card for the marks and the handle
CORNER = 4.0
HANDLE_RADIUS = 4.5

_BORDER = QPen(palette.CARD_BORDER, 1.0)
_SELECTED = QPen(palette.SELECTED_BORDER, 2.0)
_FOUND = QPen(palette.FOUND_BORDER, 1.6)
_HANDLE = QPen(palette.HANDLE, 1.4)
_FILL = QBrush(palette.CARD_FILL)
_SELECTED_FILL = QBrush(palette.SELECTED_FILL)
_FOUND_FILL = QBrush(palette.FOUND_FILL)
_WHITE = QBrush(QColor("#ffffff"))
_NO_PEN = QPen(NO_PEN)
_MARKS_PEN = QPen(Qt.GlobalColor.transparent, 2 * MARGIN)


def _relative(block: TextBlock | None, x: float, y: float) -> tuple | None:
    if block is None:
        return None
    return (
        block.lines,
        block.x - x,
        block.y - y,
        block.size,
        block.line_height,
        block.ascent,
        block.bold,
    )


class CardMarksItem(QGraphicsRectItem):
    """The fail-point, wait-point and comment marks on a card's top edge, and the
    connector handle on its right edge while the card is selected."""

    def __init__(self, card: CardItem) -> None:
        super().__init__(card)
        self.card = card
        self.setPen(_MARKS_PEN)
        self.setAcceptedMouseButtons(NO_BUTTON)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if level_of_detail(painter) < FAR:
            return
        geometry = self.card.relative
        box = self.rect()
        right = box.width()
        if geometry.fail_point:
            draw_fail_mark(painter, right - 1.0, 0.0)
        if geometry.wait_point:
            offset = 2 * MARK_RADIUS + 3.0 if geometry.fail_point else 0.0
            draw_wait_mark(painter, right - 1.0 - offset, 0.0)
        if self.card.comment_note is not None:
            offset = (2 * MARK_RADIUS + 3.0) * (geometry.fail_point + geometry.wait_point)
            draw_comment_mark(painter, right - 1.0 - offset, 0.0)
        if self.card.isSelected():
            painter.setPen(_HANDLE)
            painter.setBrush(_WHITE)
            painter.drawEllipse(QPointF(right, box.height() / 2), HANDLE_RADIUS, HANDLE_RADIUS)


class CardItem(QGraphicsRectItem):
    """One card of the blueprint, positioned at its rectangle's top-left corner in its
    lane's container. ``relative`` is its geometry with the lane's top at y = 0;
    ``geometry`` is where it is on the map now."""

    kind = "card"

    def __init__(
        self,
        geometry: CardGeometry,
        table: CardTable | None = None,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFlag(SELECTABLE, True)
        self.setPen(_NO_PEN)
        self.setZValue(CARD_Z)
        # Built once, cheaply: text, shape and border are prepared when first needed, as
        # most cards of a big map are never drawn close up.
        self.relative = geometry
        self._table = table
        self.found = False
        self.comment_note: str | None = None  # unresolved comments: "2 comments, latest by Ann"
        rect = geometry.rect
        self._box = QRectF(0.0, 0.0, rect.w, rect.h)
        self.setRect(self._box)
        self.setPos(rect.x, rect.y)
        self._shape: QPainterPath | None = None
        self._text: PreparedText | None = None
        self._hint: PreparedText | None = None
        self._marks: CardMarksItem | None = None
        if geometry.fail_point or geometry.wait_point:
            self._update_marks()

    @property
    def card_id(self) -> str:
        return self.relative.id

    @property
    def geometry(self) -> CardGeometry:
        """The card where it is on the map."""
        table = self._table
        return self.relative if table is None else table[self.relative.id]

    def set_geometry(self, geometry: CardGeometry) -> None:
        """Follow the card's new geometry, relative to its lane's top."""
        old, self.relative = self.relative, geometry
        rect = geometry.rect
        resized = (old.rect.w, old.rect.h) != (rect.w, rect.h)
        if resized:
            self._box = QRectF(0.0, 0.0, rect.w, rect.h)
            self.setRect(self._box)
            self._shape = None
        text_changed = _relative(old.text, old.rect.x, old.rect.y) != _relative(
            geometry.text, rect.x, rect.y
        ) or _relative(old.hint, old.rect.x, old.rect.y) != _relative(geometry.hint, rect.x, rect.y)
        if text_changed:
            self._text = self._hint = None
        self.snap()
        marks_changed = (old.fail_point, old.wait_point) != (
            geometry.fail_point,
            geometry.wait_point,
        )
        if (marks_changed or resized) and (
            self._marks is not None or geometry.fail_point or geometry.wait_point
        ):
            self._update_marks()
        if text_changed or marks_changed:
            self.update()

    def set_comment_note(self, note: str | None) -> None:
        """Show the comment mark with ``note`` as the card's tooltip (None: no mark)."""
        if note != self.comment_note:
            self.comment_note = note
            self.setToolTip(plain_tip(note))
            self._update_marks()

    def _update_marks(self) -> None:
        """The marks child exists only while there is something for it to draw."""
        geometry = self.relative
        wanted = (
            geometry.fail_point
            or geometry.wait_point
            or self.comment_note is not None
            or self.isSelected()
        )
        if wanted and self._marks is None:
            self._marks = CardMarksItem(self)
        if self._marks is not None:
            self._marks.setRect(self._box)
            self._marks.setVisible(wanted)
            self._marks.update()

    def selection_changed(self) -> None:
        """Called by the scene when this card was selected or deselected (cheaper than an
        itemChange override, which Qt would call for every change of every card)."""
        self._update_marks()

    def snap(self) -> None:
        """Go back to where the geometry puts the card (after a drag)."""
        self.setPos(self.relative.rect.x, self.relative.rect.y)

    def drag_by(self, dx: float, dy: float) -> None:
        """Follow a drag: ``dx``, ``dy`` from where the geometry puts the card."""
        self.setPos(self.relative.rect.x + dx, self.relative.rect.y + dy)

    def lift(self, lifted: bool) -> None:
        """Draw above every other card while dragged (its lane's container goes up too)."""
        self.setZValue(CARD_Z + 7.0 if lifted else CARD_Z)
        parent = self.parentItem()
        if parent is not None:
            parent.setZValue(CARD_Z + 0.1 if lifted else CARD_Z)

    def set_found(self, found: bool) -> None:
        if found != self.found:
            self.found = found
            self.update()

    def handle_rect(self) -> QRectF:
        """Where a connector drag starts, in scene coordinates: the middle of the right edge."""
        r = HANDLE_RADIUS + 2.0
        centre = self.mapToScene(QPointF(self._box.width(), self._box.height() / 2))
        return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = QPainterPath()
            self._shape.addRect(self._box)
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = level_of_detail(painter)
        selected = self.isSelected()
        if lod < FAR:
            if selected:
                colour = palette.SELECTED_BORDER
            elif self.found:
                colour = palette.FOUND_BORDER
            else:
                colour = palette.CARD_FAR_FAIL if self.relative.fail_point else palette.CARD_FAR
            painter.fillRect(self._box, colour)
            return
        if selected:
            painter.setPen(_SELECTED)
            painter.setBrush(_SELECTED_FILL)
            painter.drawRoundedRect(self._box.adjusted(1.0, 1.0, -1.0, -1.0), CORNER, CORNER)
        elif self.found:
            painter.setPen(_FOUND)
            painter.setBrush(_FOUND_FILL)
            painter.drawRoundedRect(self._box.adjusted(0.8, 0.8, -0.8, -0.8), CORNER, CORNER)
        else:
            painter.setPen(_BORDER)
            painter.setBrush(_FILL)
            painter.drawRoundedRect(self._box.adjusted(0.5, 0.5, -0.5, -0.5), CORNER, CORNER)
        if self._text is None:
            geometry, rect = self.relative, self.relative.rect
            self._text = prepare(geometry.text, rect.x, rect.y)
            self._hint = prepare(geometry.hint, rect.x, rect.y) if geometry.hint else None
        self._text.draw(painter, palette.CARD_TEXT, lod)
        if self._hint is not None:
            self._hint.draw(painter, palette.CARD_HINT, lod)
