"""The lane kind under a lane's title ("FRONTSTAGE"), where there is room for it: placed
here once, so that the canvas and the printed map show it the same."""

from __future__ import annotations

from app.layout.fonts import REGULAR, metrics
from app.layout.geometry import LaneGeometry, TextBlock

KIND_SIZE = 7.0


def kind_label(lane: LaneGeometry) -> str:
    """The lane kind, shown under the title unless the title already says it."""
    title = " ".join(lane.title.lines).strip().lower()
    if lane.kind == "custom" or title == lane.kind:
        return ""
    return lane.kind.upper()


def kind_block(lane: LaneGeometry) -> TextBlock | None:
    """The kind as one line under the title, or None when it has no room (or no need)."""
    label = kind_label(lane)
    if not label:
        return None
    top = lane.title.y + lane.title.height + 2.0
    if top + KIND_SIZE * 1.2 > lane.rect.bottom - 4.0:
        return None
    font = metrics(REGULAR)
    if font.width(label, KIND_SIZE) > lane.title_rect.w - lane.title.x - 6.0:
        return None
    return TextBlock(
        (label,), lane.title.x, top, KIND_SIZE, KIND_SIZE * 1.25, font.ascent * KIND_SIZE
    )
