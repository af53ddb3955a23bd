"""The lane kind under a lane's title: shown unless the title says it already, and only
where it fits; the canvas and the printed map both take it from here."""

from __future__ import annotations

from app.layout.geometry import LaneGeometry, Rect, TextBlock
from app.layout.lane_kind import KIND_SIZE, kind_block, kind_label


def _lane(title: str, kind: str, height: float = 80.0, width: float = 140.0) -> LaneGeometry:
    block = TextBlock((title,), 10.0, 10.0, 10.5, 12.0, 9.0, True)
    return LaneGeometry("lane", kind, Rect(0, 0, 2000, height), Rect(0, 0, width, height), block)


def test_the_kind_is_shown_unless_the_title_says_it() -> None:
    assert kind_label(_lane("Reception desk", "frontstage")) == "FRONTSTAGE"
    assert kind_label(_lane("Frontstage", "frontstage")) == ""
    assert kind_label(_lane("Volunteers", "custom")) == ""


def test_the_kind_sits_under_the_title_where_it_fits() -> None:
    block = kind_block(_lane("Reception desk", "frontstage"))
    assert block is not None and block.lines == ("FRONTSTAGE",)
    assert block.y >= 10.0 + 12.0 and block.size == KIND_SIZE
    assert kind_block(_lane("Reception desk", "frontstage", height=28.0)) is None  # too low
    assert kind_block(_lane("Reception desk", "support processes", width=40.0)) is None
