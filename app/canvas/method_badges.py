"""Pain-point badges on cards: a disc in the severity's colour with its number, placed on
the card's top-left corner as the layout says (app/layout/overlay.py), and the wait-point
highlight of a card with its waiting time.

Both are children of their CardItem, so they move with the card (dragged, re-stacked in
its cell, or carried along when its lane moves) and go with it when it is deleted: no
edit has to touch them unless the method itself changed. The same badge drawing serves
the step headers (method_headers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import palette
from app.canvas.fonts import glyph_run
from app.canvas.lod import FAR, level_of_detail
from app.canvas.qtenums import NO_BRUSH, NO_BUTTON, NO_PEN, TRANSPARENT
from app.canvas.text import READABLE_PIXELS, text_width
from app.canvas.tooltips import plain_tip
from app.layout.overlay import BADGE_RADIUS, NumberedPainPoint, format_minutes
from app.layout.overlay_index import BadgeMark, PainRecord
from app.layout.severity import SEVERITY_NAMES, fill, ink
from app.model.kinds import EvidenceSource, Perspective

RING = 1.2  # the white ring around a badge's disc
BADGE_FONT_SIZE = 8.0
CAP_HEIGHT = 0.73  # DejaVu Sans Bold's figure height, in ems
WAIT_OUTLINE = 2.4
WAIT_TAG_SIZE = 7.0
WAIT_TAG_HEIGHT = 11.0

_OUTLINE = QPen(palette.BADGE_OUTLINE, 0.6)
_RESOLVED_OUTLINE = QPen(palette.RESOLVED_OUTLINE, 0.8)
_RING = QBrush(palette.BADGE_RING)
_RESOLVED = QBrush(palette.RESOLVED_FILL)
_CHECK = QPen(palette.RESOLVED_INK, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
_WAIT_PEN = QPen(palette.WAIT_HIGHLIGHT, WAIT_OUTLINE)
_WAIT_TAG_PEN = QPen(palette.WAIT, 0.8)
_WAIT_TAG_FILL = QBrush(palette.WAIT_FILL)


@cache
def _disc(severity: int) -> QBrush:
    return QBrush(QColor(fill(severity)))


@cache
def _ink(severity: int) -> QColor:
    return QColor(ink(severity))


def paint_badge(
    painter: QPainter,
    cx: float,
    cy: float,
    severity: int,
    number: int,
    lod: float,
    *,
    resolved: bool = False,
    radius: float = BADGE_RADIUS,
) -> None:
    """A badge centred at (cx, cy): far out only its colour; the number once readable. A
    resolved pain point is a grey disc with a tick and no number."""
    centre = QPointF(cx, cy)
    if lod < FAR:
        painter.setPen(NO_PEN)
        painter.setBrush(_RESOLVED if resolved else _disc(severity))
        painter.drawEllipse(centre, radius + RING, radius + RING)
        return
    painter.setPen(_RESOLVED_OUTLINE if resolved else _OUTLINE)
    painter.setBrush(_RING)
    painter.drawEllipse(centre, radius + RING, radius + RING)
    painter.setPen(NO_PEN)
    painter.setBrush(_RESOLVED if resolved else _disc(severity))
    painter.drawEllipse(centre, radius, radius)
    if resolved:
        painter.setPen(_CHECK)
        painter.setBrush(NO_BRUSH)
        tick = QPainterPath(QPointF(cx - radius * 0.45, cy + radius * 0.02))
        tick.lineTo(cx - radius * 0.1, cy + radius * 0.38)
        tick.lineTo(cx + radius * 0.48, cy - radius * 0.35)
        painter.drawPath(tick)
        return
    text = str(number)
    size = BADGE_FONT_SIZE
    room = 2 * radius - 2.5
    width = text_width(text, size, bold=True)
    if width > room:
        size *= room / width
        width = room
    if size * lod < READABLE_PIXELS:
        return
    run = glyph_run(text, round(size, 2), True)
    if run is not None:
        painter.setPen(_ink(severity))
        painter.drawGlyphRun(QPointF(cx - width / 2, cy + CAP_HEIGHT * size / 2), run)


def badge_tooltip(entry: NumberedPainPoint) -> str:
    """What a badge says on hover: the pain point, its severity and whose it is."""
    return _head(entry.number, entry.text) + _details(
        entry.severity, entry.perspective, entry.evidence, entry.underserved_group
    )


def mark_tooltip(mark: BadgeMark) -> str:
    """``badge_tooltip`` of a badge as the overlay's index has it."""
    pain = mark.pain
    return _head(mark.number, pain.description) + _details(
        pain.severity, pain.perspective.value, pain.evidence.value, pain.underserved_group
    )


def _head(number: int, text: str) -> str:
    head = "Resolved pain point" if number == 0 else f"Pain point {number}"
    return f"{head}: {' '.join(text.split()) or '(no description)'}"


@lru_cache(maxsize=8192)
def _details(severity: int, perspective: str, evidence: str, underserved: str) -> str:
    words = f"severity {severity} ({SEVERITY_NAMES.get(severity, '')})"
    text = f"\n{words.capitalize()} · {perspective} · evidence: {evidence}"
    if underserved:
        text += f"\nUnderserved group: {underserved}"
    return text


# What a badge shows before it is given its mark (never drawn: it is given one at once).
NO_MARK = BadgeMark(
    0,
    PainRecord(
        "", None, None, "", 1, Perspective.SERVICE_USER, EvidenceSource.ASSUMPTION, None, "", False
    ),
)


class BadgeItem(QGraphicsEllipseItem):
    """One pain point's badge, a child of its card, centred at (x, y) in the card's
    coordinates. Clicks go through to the card.

    What it shows (its mark) is looked up when it is drawn, so renumbering many badges
    draws again only those in view: the others show their new numbers when they come into
    view. Its tooltip is written when it is about to be shown (BadgeTips) or read."""

    kind = "pain point"

    def __init__(self, pain_point_id: str, lookup: Callable[[str], BadgeMark]) -> None:
        super().__init__()
        self.pain_point_id = pain_point_id
        self._lookup = lookup
        self._tip_for = NO_MARK
        self.setPen(NO_PEN)
        self.setAcceptedMouseButtons(NO_BUTTON)
        self.setZValue(1.0)  # over the card's other marks
        r = BADGE_RADIUS + RING + 0.5
        self.setRect(QRectF(-r, -r, 2 * r, 2 * r))

    @property
    def mark(self) -> BadgeMark:
        return self._lookup(self.pain_point_id)

    @property
    def number(self) -> int:
        return self.mark.number

    @property
    def severity(self) -> int:
        return self.mark.pain.severity

    @property
    def resolved(self) -> bool:
        mark = self.mark
        return mark.number == 0 and mark is not NO_MARK

    def toolTip(self) -> str:
        self.sync_tooltip()
        return super().toolTip()

    def sync_tooltip(self) -> None:
        mark = self.mark
        if mark != self._tip_for:
            self._tip_for = mark
            self.setToolTip(plain_tip(mark_tooltip(mark)) if mark is not NO_MARK else "")

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        mark = self.mark
        if mark is NO_MARK:
            return
        paint_badge(
            painter,
            0.0,
            0.0,
            mark.pain.severity,
            mark.number,
            level_of_detail(painter),
            resolved=mark.number == 0,
        )


class BadgeTips(QObject):
    """Installed on a scene: writes the tooltip of the badges under the pointer when Qt is
    about to show one (it reads the tooltip in C++, past BadgeItem.toolTip)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.GraphicsSceneHelp and isinstance(watched, QGraphicsScene):
            for item in watched.items(event.scenePos()):
                if isinstance(item, BadgeItem):
                    item.sync_tooltip()
        return False


class WaitHighlightItem(QGraphicsRectItem):
    """A wait-point card outlined in amber, with its waiting time on its bottom edge."""

    kind = "wait point"

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.minutes: int | None = None
        self._label = ""
        # A wide transparent pen: Qt then counts the outline and the tag as drawn by the
        # item (its bounding rectangle is worked out in C++).
        self.setPen(QPen(TRANSPARENT, 2 * (WAIT_TAG_HEIGHT / 2 + 2)))
        self.setAcceptedMouseButtons(NO_BUTTON)

    def set_wait(self, card_size: tuple[float, float], minutes: int | None) -> None:
        w, h = card_size
        if self.rect() != QRectF(0.0, 0.0, w, h):
            self.setRect(QRectF(0.0, 0.0, w, h))
        if minutes != self.minutes or not self._label:
            self.minutes = minutes
            self._label = format_minutes(minutes) if minutes is not None else "no time"
            self.setToolTip(
                f"Wait point: {self._label}"
                if minutes is not None
                else "Wait point: no waiting time recorded"
            )
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        box = self.rect()
        lod = level_of_detail(painter)
        if lod < FAR:
            painter.setPen(QPen(palette.WAIT_HIGHLIGHT, 4.0 / max(lod, 0.01)))
            painter.setBrush(NO_BRUSH)
            painter.drawRect(box)
            return
        painter.setPen(_WAIT_PEN)
        painter.setBrush(NO_BRUSH)
        painter.drawRoundedRect(box.adjusted(-1.0, -1.0, 1.0, 1.0), 5.0, 5.0)
        if WAIT_TAG_SIZE * lod < READABLE_PIXELS:
            return
        width = text_width(self._label, WAIT_TAG_SIZE) + 8.0
        tag = QRectF(box.right() - width - 8.0, box.bottom() - WAIT_TAG_HEIGHT / 2, width, 11.0)
        painter.setPen(_WAIT_TAG_PEN)
        painter.setBrush(_WAIT_TAG_FILL)
        painter.drawRoundedRect(tag, 4.0, 4.0)
        run = glyph_run(self._label, WAIT_TAG_SIZE, False)
        if run is not None:
            painter.setPen(palette.WAIT)
            painter.drawGlyphRun(QPointF(tag.x() + 4.0, tag.bottom() - 3.0), run)
