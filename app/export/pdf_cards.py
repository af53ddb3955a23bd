"""Cards on a printed map: rounded boxes, their text and hint lines, and the fail-point and
wait-point marks on their top edge, as the canvas draws them (app/canvas/card_item.py).

All boxes go in one path and all card text in one text object per font size: cards never
overlap, so this draws the same picture as one card at a time, in a fraction of the
operators.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.pdf_marks import MARK_RADIUS, draw_fail_marks, draw_wait_marks
from app.export.pdf_path import MapPath
from app.export.pdf_text import draw_blocks
from app.layout.geometry import CardGeometry

CORNER = 4.0
BORDER = 1.0


def draw_cards(canvas: Canvas, cards: Sequence[CardGeometry]) -> None:
    if not cards:
        return
    boxes = MapPath()
    inset = BORDER / 2
    for card in cards:
        r = card.rect
        boxes.round_rect(r.x + inset, r.y + inset, r.w - BORDER, r.h - BORDER, CORNER)
    canvas.setLineWidth(BORDER)
    canvas.setStrokeColor(palette.CARD_BORDER)
    canvas.setFillColor(palette.CARD_FILL)
    canvas.drawPath(boxes, stroke=1, fill=1)
    draw_blocks(canvas, (card.text for card in cards), palette.CARD_TEXT)
    draw_blocks(canvas, (card.hint for card in cards), palette.CARD_HINT)
    fails: list[tuple[float, float]] = []
    waits: list[tuple[float, float]] = []
    for card in cards:
        if card.fail_point or card.wait_point:
            fail, wait = mark_centres(card)
            if fail is not None:
                fails.append(fail)
            if wait is not None:
                waits.append(wait)
    draw_fail_marks(canvas, fails)
    draw_wait_marks(canvas, waits)


def mark_centres(
    card: CardGeometry,
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """Where the marks sit: on the card's top edge at its right; the wait mark moves left
    of the fail mark when the card has both."""
    right, top = card.rect.right - 1.0, card.rect.y
    fail = (right, top) if card.fail_point else None
    wait = None
    if card.wait_point:
        wait = (right - (2 * MARK_RADIUS + 3.0 if card.fail_point else 0.0), top)
    return fail, wait
