"""A PDF path of many shapes, for ``canvas.drawPath`` and ``canvas.clipPath``.

reportlab's own path object formats each coordinate with a Python function; a map of
thousands of cards and routes spends most of its export time there. This one formats
each shape with a single format call (two decimals: a hundredth of a point), which reads
the same in every PDF viewer and costs a fraction.
"""

from __future__ import annotations

from collections.abc import Sequence

# A circle as four Bézier quadrants: the control points are KAPPA times the radius out.
KAPPA = 0.5523
# A quarter-round corner's control points sit this share of the radius from the corner.
CORNER = 1 - KAPPA

_CURVE = "{:.2f} {:.2f} {:.2f} {:.2f} {:.2f} {:.2f} c"
_ROUND_RECT = " ".join(["{:.2f} {:.2f} m"] + ["{:.2f} {:.2f} l", _CURVE] * 4 + ["h"])
_CIRCLE = " ".join(["{:.2f} {:.2f} m"] + [_CURVE] * 4 + ["h"])
_POINT = "{:.2f} {:.2f}"
_LINE = "{:.2f} {:.2f} m {:.2f} {:.2f} l"
_RECT = "{:.2f} {:.2f} {:.2f} {:.2f} re"

Point = tuple[float, float]


class MapPath:
    """Shapes gathered into one path; ``getCode`` is what reportlab's canvas asks for."""

    __slots__ = ("_parts",)

    def __init__(self) -> None:
        self._parts: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._parts)

    def getCode(self) -> str:  # the name reportlab's canvas calls
        # Every number is followed by a space: "12.00 " and "12.50 " say the same as
        # "12 " and "12.5 ", and most of a map's coordinates are whole or half points.
        code = " ".join(self._parts) + " "
        return code.replace(".00 ", " ").replace(".50 ", ".5 ")

    def move_to(self, x: float, y: float) -> None:
        self._parts.append(_POINT.format(x, y) + " m")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self._parts.append(_LINE.format(x0, y0, x1, y1))

    def polyline(self, points: Sequence[Point], closed: bool = False) -> None:
        if not points:
            return
        point = _POINT.format
        parts = [point(*points[0]) + " m"]
        parts += [point(*p) + " l" for p in points[1:]]
        if closed:
            parts.append("h")
        self._parts.append(" ".join(parts))

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self._parts.append(_RECT.format(x, y, w, h))

    def round_rect(self, x: float, y: float, w: float, h: float, r: float) -> None:
        """A rectangle with quarter-round corners of radius ``r`` (either y direction)."""
        x0, x1 = min(x, x + w), max(x, x + w)
        y0, y1 = min(y, y + h), max(y, y + h)
        r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
        t = CORNER * r
        self._parts.append(
            _ROUND_RECT.format(
                x0 + r, y0, x1 - r, y0,
                x1 - t, y0, x1, y0 + t, x1, y0 + r,
                x1, y1 - r,
                x1, y1 - t, x1 - t, y1, x1 - r, y1,
                x0 + r, y1,
                x0 + t, y1, x0, y1 - t, x0, y1 - r,
                x0, y0 + r,
                x0, y0 + t, x0 + t, y0, x0 + r, y0,
            )
        )  # fmt: skip

    def circle(self, cx: float, cy: float, r: float) -> None:
        k = KAPPA * r
        self._parts.append(
            _CIRCLE.format(
                cx + r, cy,
                cx + r, cy + k, cx + k, cy + r, cx, cy + r,
                cx - k, cy + r, cx - r, cy + k, cx - r, cy,
                cx - r, cy - k, cx - k, cy - r, cx, cy - r,
                cx + k, cy - r, cx + r, cy - k, cx + r, cy,
            )
        )  # fmt: skip
