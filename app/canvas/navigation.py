"""Which card the arrow keys go to: the nearest one in that direction, preferring cards
in line with the current one (the same lane for left/right, the same column for up/down)."""

from __future__ import annotations

from collections.abc import Iterable

from app.layout.geometry import CardGeometry

ACROSS_WEIGHT = 2.5  # how much being out of line costs against distance along the way


def nearest_card(
    cards: Iterable[CardGeometry],
    origin: tuple[float, float],
    direction: tuple[int, int],
    exclude: str | None = None,
) -> str | None:
    ox, oy = origin
    dx, dy = direction
    best: tuple[float, str] | None = None
    for card in cards:
        if card.id == exclude:
            continue
        cx, cy = card.rect.center
        vx, vy = cx - ox, cy - oy
        along = vx * dx + vy * dy
        if along <= 1e-6:
            continue
        across = abs(vx * dy - vy * dx)
        score = along + ACROSS_WEIGHT * across
        if best is None or score < best[0]:
            best = (score, card.id)
    return best[1] if best else None
