"""Paper for printed blueprints: names and custom sizes, orientation, scale, margins and
overlap, each checked with a one-line error, and the largest page a PDF may have.

PDF viewers show a blank or cut page when a side is over 14,400 units (5.08 m), and
reportlab writes such a page without complaint; ``check_page`` refuses it first and says
to tile instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.model.errors import StagecraftError

MM = 72 / 25.4  # points per millimetre
MAX_PAGE_SIDE = 14_400.0  # points: the largest page side PDF viewers show
MIN_PAPER_SIDE_MM = 50.0
MAX_MARGIN_MM = 100.0
MAX_OVERLAP_MM = 50.0
MAX_SCALE_PERCENT = 1000.0
ORIENTATIONS = ("auto", "landscape", "portrait")

# (width, height) in points, portrait.
PAPERS: dict[str, tuple[float, float]] = {
    "A0": (841 * MM, 1189 * MM),
    "A1": (594 * MM, 841 * MM),
    "A2": (420 * MM, 594 * MM),
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
TILE_PAPERS = ("A4", "A3", "letter")
PAPER_CHOICES = "fit, A0, A1, A2, A3, A4, letter, tabloid or a size such as 600x400mm"
TILE_HINT = "--tile A4|A3|letter"

_CUSTOM = re.compile(r"(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm", re.IGNORECASE)


class PaperError(StagecraftError, ValueError):
    """A paper, orientation, scale, margin or overlap that cannot be printed; the message
    is one line saying what to use instead."""


@dataclass(frozen=True)
class Paper:
    """A paper by name; ``size`` is (width, height) in points as named (portrait for the
    standard sizes, as typed for a custom one), None for ``fit`` (the page takes the
    map's size)."""

    name: str
    size: tuple[float, float] | None

    @property
    def fit(self) -> bool:
        return self.size is None

    def candidates(self, orientation: str) -> list[tuple[str, tuple[float, float]]]:
        """(orientation, page size) pairs to choose from: both for ``auto``."""
        if self.size is None:
            return []
        short, long = sorted(self.size)
        landscape = ("landscape", (long, short))
        portrait = ("portrait", (short, long))
        if orientation == "landscape":
            return [landscape]
        if orientation == "portrait":
            return [portrait]
        return [landscape, portrait]


FIT = Paper("fit", None)


def parse_paper(value: str | Paper | None) -> Paper:
    """``fit``, a standard name (any case) or ``WIDTHxHEIGHTmm``."""
    if isinstance(value, Paper):
        return value
    text = (value or "fit").strip()
    if text.lower() == "fit":
        return FIT
    for name, size in PAPERS.items():
        if text.lower() == name.lower():
            return Paper(name, size)
    match = _CUSTOM.fullmatch(text)
    if match is None:
        raise PaperError(f"unknown paper {text!r}; use {PAPER_CHOICES}")
    width, height = float(match[1]), float(match[2])
    name = f"{_number(width)}x{_number(height)}mm"
    if min(width, height) < MIN_PAPER_SIDE_MM:
        raise PaperError(
            f"paper {name} is too small; each side needs at least {MIN_PAPER_SIDE_MM:.0f} mm"
        )
    if max(width, height) * MM > MAX_PAGE_SIDE + 0.01:
        raise PaperError(
            f"paper {name} is larger than a PDF page can be ({_mm(MAX_PAGE_SIDE)} a side); "
            f"use {TILE_HINT} to print it over sheets"
        )
    return Paper(name, (width * MM, height * MM))


def parse_tile_paper(value: str | Paper) -> Paper:
    """The sheets a poster is tiled over: A4, A3 or letter."""
    if isinstance(value, Paper):
        return value
    text = (value or "").strip()
    for name in TILE_PAPERS:
        if text.lower() == name.lower():
            return Paper(name, PAPERS[name])
    raise PaperError(f"unknown tile paper {text!r}; --tile takes A4, A3 or letter")


def parse_orientation(value: str | None) -> str:
    text = (value or "auto").strip().lower()
    if text not in ORIENTATIONS:
        raise PaperError(f"unknown orientation {value!r}; use auto, landscape or portrait")
    return text


def scale_factor(percent: float | str | None) -> float | None:
    """A scale in percent (50 means half size) as a factor; None means fit to the paper."""
    if percent is None:
        return None
    try:
        number = float(percent.strip().rstrip("%") if isinstance(percent, str) else percent)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(percent, bool):
        number = math.nan
    if not (0 < number <= MAX_SCALE_PERCENT):
        raise PaperError(
            f"scale must be a percentage above 0 and at most {MAX_SCALE_PERCENT:.0f} "
            f"(such as 50 or 100), not {percent!r}"
        )
    return number / 100


def margin_points(margin_mm: float) -> float:
    return _millimetres("margin", margin_mm, MAX_MARGIN_MM) * MM


def overlap_points(overlap_mm: float) -> float:
    return _millimetres("overlap", overlap_mm, MAX_OVERLAP_MM) * MM


def check_page(width: float, height: float) -> None:
    """Refuse a page a PDF viewer would show blank or cut."""
    if max(width, height) > MAX_PAGE_SIDE + 0.01:
        raise PaperError(
            f"the page would be {describe_size(width, height)} "
            f"({width:,.0f} x {height:,.0f} pt), larger than a PDF viewer shows "
            f"({_mm(MAX_PAGE_SIDE)} a side); use {TILE_HINT} to print it at true scale "
            "over sheets, or a smaller --scale or a named --paper"
        )


def describe_size(width: float, height: float) -> str:
    """``841 x 1,189 mm``: a size in points as the user thinks of paper."""
    return f"{width / MM:,.0f} x {height / MM:,.0f} mm"


def _millimetres(what: str, value: float, most: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (0 <= number <= most):
        raise PaperError(f"{what} must be between 0 and {most:.0f} mm, not {value!r}")
    return number


def _mm(points: float) -> str:
    return f"{points / MM:,.0f} mm"


def _number(value: float) -> str:
    return f"{value:g}"
