"""The canvas colours: a calm, neutral map where only what needs attention has colour."""

from __future__ import annotations

from PySide6.QtGui import QColor

CANVAS = QColor("#eef1f4")  # around the map

LANE_BANDS = (QColor("#ffffff"), QColor("#f4f6f9"))  # alternating lanes
LANE_TITLE_BANDS = (QColor("#e9edf2"), QColor("#e1e6ed"))
LANE_BORDER = QColor("#cdd5df")
COLUMN_RULE = QColor("#e3e8ee")
LANE_TITLE_TEXT = QColor("#34404f")
LANE_KIND_TEXT = QColor("#6c7a8b")

KIND_COLOURS = {
    "physical evidence": QColor("#b08d57"),
    "customer actions": QColor("#3b7dd8"),
    "frontstage": QColor("#2a9d8f"),
    "backstage": QColor("#7b61b8"),
    "support processes": QColor("#c07a3a"),
    "systems": QColor("#5e7c8a"),
}
CUSTOM_KIND = QColor("#9aa5b1")

STAGE_BAND = QColor("#2f3e50")
STAGE_RULE = QColor("#51647a")
STAGE_TEXT = QColor("#ffffff")
STEP_BAND = QColor("#e6ebf1")
STEP_RULE = QColor("#c9d2dc")
STEP_TEXT = QColor("#263343")
HEADER_SHADOW = QColor(30, 41, 59, 40)

CARD_FILL = QColor("#ffffff")
CARD_BORDER = QColor("#b4bfcc")
CARD_TEXT = QColor("#13284a")  # used by card text only: the rendering test looks for it
CARD_HINT = QColor("#6b7785")
CARD_FAR = QColor("#c3ccd7")  # a card as a plain rectangle when zoomed far out
CARD_FAR_FAIL = QColor("#e8a29c")  # a fail point, likewise
SELECTED_BORDER = QColor("#2563eb")
SELECTED_FILL = QColor("#edf3ff")
FOUND_FILL = QColor("#fff3bf")
FOUND_BORDER = QColor("#d9a400")
HANDLE = QColor("#2563eb")

FAIL = QColor("#d93025")
WAIT = QColor("#a15c00")
WAIT_FILL = QColor("#fff1d6")

CONNECTOR_FLOW = QColor("#5c6877")
CONNECTOR_HAND_OFF = QColor("#c2590a")
CONNECTOR_DATA = QColor("#2f6db5")
CONNECTOR_LABEL_TEXT = QColor("#3a4654")

DIVIDER = QColor("#7d8b9d")
DIVIDER_TEXT = QColor("#4b5968")

# The emotion band above the header rows, in the printed band's colours
# (app/export/pdf_overlay_band.py).
EMOTION_USER = QColor("#1f5fa8")
EMOTION_STAFF = QColor("#2a8c7f")
MOMENT_FILL = QColor("#f2c230")
MOMENT_STROKE = QColor("#8a6400")
BAND_FILL = QColor("#f8f8f6")
BAND_RULE = QColor("#d0d0d0")
BAND_GUIDE = QColor("#dddddd")
BAND_ZERO = QColor("#aaaaaa")
BAND_LABEL = QColor("#555555")
STEP_SELECTED = QColor(37, 99, 235, 20)  # the selected step's column

DROP_TARGET = QColor(37, 99, 235, 28)
DROP_MARK = QColor("#2563eb")
CELL_CURSOR = QColor("#2563eb")

# The method drawn on the map (method_*.py); severity colours come from app/layout/severity.py.
BADGE_RING = QColor("#ffffff")
BADGE_OUTLINE = QColor("#5a1f00")
RESOLVED_FILL = QColor("#e3e8ee")
RESOLVED_OUTLINE = QColor("#9aa5b1")
RESOLVED_INK = QColor("#5b6776")
KEY_MOMENT = QColor("#f2c230")  # as the printed key moments (app/export/pdf_overlay_band.py)
KEY_MOMENT_INK = QColor("#8a6400")
GAP_HATCH = QColor("#b4bfcc")
GAP_TEXT = QColor("#4b5968")
WAIT_HIGHLIGHT = QColor("#e8a33d")


def kind_colour(kind: str) -> QColor:
    return KIND_COLOURS.get(kind, CUSTOM_KIND)


def connector_colour(kind: str) -> QColor:
    return {"hand-off": CONNECTOR_HAND_OFF, "data": CONNECTOR_DATA}.get(kind, CONNECTOR_FLOW)
