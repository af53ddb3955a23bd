"""The colours of pain-point severity, as hex strings: 1 light … 5 strong red.

Badges, heat shading, the key and the report charts take their colours from here, on the
canvas (app/canvas) and in print (app/export/severity_colours.py), so a severity looks the
same on screen and on paper. The ink is the colour of a number on a badge of that
severity: white where it reads clearly, a dark brown on the lighter fills.
"""

from __future__ import annotations

SEVERITIES = (1, 2, 3, 4, 5)

SEVERITY_FILL: dict[int, str] = {
    1: "#fdd49e",
    2: "#fdbb84",
    3: "#fc8d59",
    4: "#e34a33",
    5: "#b30000",
}

# White on the three lighter fills would fall below a 3:1 contrast; dark ink reads there.
SEVERITY_INK: dict[int, str] = {
    1: "#4a1500",
    2: "#4a1500",
    3: "#4a1500",
    4: "#ffffff",
    5: "#ffffff",
}

SEVERITY_NAMES: dict[int, str] = {
    1: "minor",
    2: "moderate",
    3: "serious",
    4: "severe",
    5: "critical",
}

# Steps are shaded by the sum of their pain points' severities, in five bands.
SHADE_BANDS: tuple[tuple[int, int | None], ...] = ((1, 3), (4, 6), (7, 9), (10, 14), (15, None))
# Shading is an opaque colour mixed with white as if laid over it at this opacity: PDF
# transparency needs graphics-state resources that reportlab leaves out of form XObjects
# (the poster drawn once for tiling), so none is used.
SHADE_OPACITY = 0.38


def clamp(severity: int) -> int:
    return min(5, max(1, int(severity)))


def fill(severity: int) -> str:
    return SEVERITY_FILL[clamp(severity)]


def ink(severity: int) -> str:
    return SEVERITY_INK[clamp(severity)]


def shade_level(total: int) -> int:
    """The band (1 … 5) of a step's summed severity; 0 when it has none."""
    if total <= 0:
        return 0
    for level, (low, high) in enumerate(SHADE_BANDS, start=1):
        if total >= low and (high is None or total <= high):
            return level
    return len(SHADE_BANDS)


def over(base: str, colour: str, opacity: float = SHADE_OPACITY) -> str:
    """``colour`` laid over ``base`` at ``opacity``, as one opaque colour."""
    mixed = (
        round(
            int(base[k : k + 2], 16)
            + (int(colour[k : k + 2], 16) - int(base[k : k + 2], 16)) * opacity
        )
        for k in (1, 3, 5)
    )
    return "#" + "".join(f"{value:02x}" for value in mixed)


def shade(level: int) -> str:
    """The opaque colour of a step's shading in band ``level`` (1 … 5)."""
    return over("#ffffff", SEVERITY_FILL[clamp(level)])


def cell_shade(step_level: int, cell_level: int) -> str:
    """A cell with pain points, shaded again over its step's shade by its own sum."""
    return over(shade(step_level), SEVERITY_FILL[clamp(cell_level)])


def band_label(level: int) -> str:
    low, high = SHADE_BANDS[level - 1]
    return f"{low}+" if high is None else f"{low}–{high}"
