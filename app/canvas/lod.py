"""Level of detail: how many device pixels one scene unit covers in the current paint, and
the sizes below which things are drawn simply or not at all."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

# Below this scale cards, headers and lanes are plain filled shapes: a 150-unit card is
# then under 38 pixels wide, too small for borders, marks or text to mean anything.
FAR = 0.25
# The scene's minimum render size: an item narrower or shorter than this many pixels is
# not painted by Qt at all (so no Python is run for it); the scene's background draws the
# lanes and the cards such items would have drawn, in a few batched calls.
MIN_RENDER_PIXELS = 3.0


def level_of_detail(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
