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
from app.export.pdf_marks import MARK_RADIUS, draw_fail_mark, draw_wait_mark
from app.export.pdf_text import draw_blocks
from app.layout.geometry import CardGeometry

CORNER = 4.0
BORDER = 1.0


def draw_cards(canvas: Canvas, cards: Sequence[CardGeometry]) -> None:
    if not cards:
        return
    boxes = canvas.beginPath()
    inset = BORDER / 2
    for card in cards:
        r = card.rect
        boxes.roundRect(r.x + inset, r.y + inset, r.w - BORDER, r.h - BORDER, CORNER)
    canvas.setLineWidth(BORDER)
    canvas.setStrokeColor(palette.CARD_BORDER)
    canvas.setFillColor(palette.CARD_FILL)
    canvas.drawPath(boxes, stroke=1, fill=1)
    draw_blocks(canvas, (card.text for card in cards), palette.CARD_TEXT)
    draw_blocks(canvas, (card.hint for card in cards), palette.CARD_HINT)
    for card in cards:
        if card.fail_point or card.wait_point:
            draw_card_marks(canvas, card)


def draw_card_marks(canvas: Canvas, card: CardGeometry) -> None:
    """The marks sit on the card's top edge at its right; the wait mark moves left of the
    fail mark when the card has both."""
    right, top = card.rect.right - 1.0, card.rect.y
    if card.fail_point:
        draw_fail_mark(canvas, right, top)
    if card.wait_point:
        offset = 2 * MARK_RADIUS + 3.0 if card.fail_point else 0.0
        draw_wait_mark(canvas, right - offset, top)
