"""What the scene's background draws when zoomed far out: the lane bands and header rows
under everything, and the cards too small on screen for Qt to paint as items (see
MIN_RENDER_PIXELS), as plain blocks in a few batched calls instead of thousands of
Python paint calls."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen

from app.canvas import palette
from app.canvas.lane_item import STRIPE
from app.canvas.qtenums import NO_PEN
from app.layout.geometry import BlueprintGeometry, CardGeometry

BUCKET = 2048.0  # scene units of x per bucket, so panning draws only what is exposed


def min_side(card: CardGeometry) -> float:
    return min(card.rect.w, card.rect.h)


class FarCards:
    """The cards as blocks, bucketed by x and sorted by their smaller side within each
    bucket, so 'the cards smaller than n units' is a prefix of each list."""

    def __init__(self, cards: Iterable[CardGeometry]) -> None:
        entries: dict[int, list[tuple[float, QRectF, bool]]] = {}
        for card in cards:
            r = card.rect
            entries.setdefault(int(r.x // BUCKET), []).append(
                (min_side(card), QRectF(r.x, r.y, r.w, r.h), card.fail_point)
            )
        self.buckets: dict[int, tuple[list[float], list[QRectF], list[float], list[QRectF]]] = {}
        for key, found in entries.items():
            found.sort(key=lambda entry: entry[0])
            plain = [(side, rect) for side, rect, fail in found if not fail]
            failing = [(side, rect) for side, rect, fail in found if fail]
            self.buckets[key] = (
                [side for side, _ in plain],
                [rect for _, rect in plain],
                [side for side, _ in failing],
                [rect for _, rect in failing],
            )

    def draw(self, painter: QPainter, exposed: QRectF, below: float) -> None:
        """Every card whose smaller side is under ``below`` units, within ``exposed``."""
        painter.setPen(NO_PEN)
        first = int(exposed.left() // BUCKET) - 1  # a card may start in the bucket before
        last = int(exposed.right() // BUCKET)
        for key in range(first, last + 1):
            bucket = self.buckets.get(key)
            if bucket is None:
                continue
            plain_sides, plain, fail_sides, failing = bucket
            count = bisect_left(plain_sides, below)
            if count:
                painter.setBrush(palette.CARD_FAR)
                painter.drawRects(plain[:count])
            count = bisect_left(fail_sides, below)
            if count:
                painter.setBrush(palette.CARD_FAR_FAIL)
                painter.drawRects(failing[:count])


def draw_frame(painter: QPainter, geometry: BlueprintGeometry, exposed: QRectF) -> None:
    """Lane bands with their title columns, and the two header rows, as plain fills."""
    tops = [lane.rect.y for lane in geometry.lanes]
    first = max(0, bisect_right(tops, exposed.top()) - 1)
    for index in range(first, len(geometry.lanes)):
        lane = geometry.lanes[index]
        r = lane.rect
        if r.y > exposed.bottom():
            break
        painter.fillRect(QRectF(r.x, r.y, r.w, r.h), palette.LANE_BANDS[index % 2])
        t = lane.title_rect
        if exposed.left() <= t.right:
            painter.fillRect(QRectF(t.x, t.y, t.w, t.h), palette.LANE_TITLE_BANDS[index % 2])
            painter.fillRect(QRectF(t.x, t.y, STRIPE, t.h), palette.kind_colour(lane.kind))
    if geometry.steps and exposed.top() <= geometry.steps[0].header.bottom:
        header = geometry.steps[0].header
        painter.fillRect(QRectF(0.0, 0.0, geometry.width, header.y), palette.STAGE_BAND)
        painter.fillRect(QRectF(0.0, header.y, geometry.width, header.h), palette.STEP_BAND)


def draw_lines(painter: QPainter, geometry: BlueprintGeometry) -> None:
    """The three lines as hairlines (their items draw them dashed once near enough)."""
    painter.setPen(QPen(palette.DIVIDER, 0.0))
    for line in geometry.lines:
        painter.drawLine(QLineF(line.x0, line.y, line.x1, line.y))
