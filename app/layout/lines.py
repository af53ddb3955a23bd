"""Where the three lines of the method fall: between which lanes, and what they are called."""

from __future__ import annotations

import itertools

from app.layout.geometry import DividerLine, LaneGeometry

# (lane kind above, lane kinds below) -> (line kind, label)
LINES: list[tuple[str, frozenset[str], str, str]] = [
    ("customer actions", frozenset({"frontstage"}), "interaction", "Line of interaction"),
    ("frontstage", frozenset({"backstage"}), "visibility", "Line of visibility"),
    (
        "backstage",
        frozenset({"support processes", "systems"}),
        "internal interaction",
        "Line of internal interaction",
    ),
]


def divider_lines(lanes: list[LaneGeometry], x0: float, x1: float) -> list[DividerLine]:
    """A line wherever two neighbouring lanes are the pair the method names; each of the
    three lines is drawn once, at its first such boundary."""
    found: list[DividerLine] = []
    drawn: set[str] = set()
    for above, below in itertools.pairwise(lanes):
        for upper, lowers, kind, label in LINES:
            if kind not in drawn and above.kind == upper and below.kind in lowers:
                found.append(DividerLine(kind, label, above.rect.bottom, x0, x1))
                drawn.add(kind)
    return found
