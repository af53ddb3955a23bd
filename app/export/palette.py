"""The printed map's colours: the canvas's palette (app/canvas/palette.py) as reportlab
colours, so that a printed blueprint looks like the one on screen."""

from __future__ import annotations

import re

from reportlab.lib.colors import Color, HexColor

WHITE = HexColor("#ffffff")
BLACK = HexColor("#000000")

LANE_BANDS = (HexColor("#ffffff"), HexColor("#f4f6f9"))  # alternating lanes
LANE_TITLE_BANDS = (HexColor("#e9edf2"), HexColor("#e1e6ed"))
LANE_BORDER = HexColor("#cdd5df")
COLUMN_RULE = HexColor("#e3e8ee")
LANE_TITLE_TEXT = HexColor("#34404f")
LANE_KIND_TEXT = HexColor("#6c7a8b")

KIND_COLOURS = {
    "physical evidence": HexColor("#b08d57"),
    "customer actions": HexColor("#3b7dd8"),
    "frontstage": HexColor("#2a9d8f"),
    "backstage": HexColor("#7b61b8"),
    "support processes": HexColor("#c07a3a"),
    "systems": HexColor("#5e7c8a"),
}
CUSTOM_KIND = HexColor("#9aa5b1")

STAGE_BAND = HexColor("#2f3e50")
STAGE_RULE = HexColor("#51647a")
STAGE_TEXT = HexColor("#ffffff")
STEP_BAND = HexColor("#e6ebf1")
STEP_RULE = HexColor("#c9d2dc")
STEP_TEXT = HexColor("#263343")

CARD_FILL = HexColor("#ffffff")
CARD_BORDER = HexColor("#b4bfcc")
CARD_TEXT = HexColor("#13284a")
CARD_HINT = HexColor("#6b7785")

FAIL = HexColor("#d93025")
WAIT = HexColor("#a15c00")
WAIT_FILL = HexColor("#fff1d6")

CONNECTOR_FLOW = HexColor("#5c6877")
CONNECTOR_HAND_OFF = HexColor("#c2590a")
CONNECTOR_DATA = HexColor("#2f6db5")
CONNECTOR_LABEL_TEXT = HexColor("#3a4654")
CONNECTOR_LABEL_BORDER = HexColor("#d5dbe3")

DIVIDER = HexColor("#7d8b9d")
DIVIDER_TEXT = HexColor("#4b5968")

# The page around the map: title block, legend, sheet marks.
FRAME_RULE = HexColor("#9aa5b1")
FRAME_TEXT = HexColor("#263343")
FRAME_NOTE = HexColor("#5b6776")
MARKS = HexColor("#000000")  # cut and registration marks print in plain black
GRID = HexColor("#2563eb")  # the sheet grid on the assembly page


def kind_colour(kind: str) -> Color:
    return KIND_COLOURS.get(kind, CUSTOM_KIND)


def connector_colour(kind: str) -> Color:
    return {"hand-off": CONNECTOR_HAND_OFF, "data": CONNECTOR_DATA}.get(kind, CONNECTOR_FLOW)


def parse_colour(value: str, fallback: Color = FRAME_RULE) -> Color:
    """A "#rrggbb" colour (from a decoration's legend); ``fallback`` when it is not one."""
    if isinstance(value, str) and _HEX.fullmatch(value):
        return HexColor(value)
    return fallback


_HEX = re.compile(r"#[0-9a-fA-F]{6}")
