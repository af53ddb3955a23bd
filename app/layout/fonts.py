"""Text measurement with the metrics of the one font shipped in resources/fonts.

The canvas registers the same TTF with Qt and the PDF exporter embeds it, so a line
measured here is the line drawn everywhere. Widths are summed from the font's own
advance widths (kerning off), which Qt and reportlab both follow.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.model.resources import RESOURCES

FONT_DIR = RESOURCES / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_FILES: dict[str, Path] = {
    REGULAR: FONT_DIR / "DejaVuSans.ttf",
    BOLD: FONT_DIR / "DejaVuSans-Bold.ttf",
}


@cache
def register(name: str) -> TTFont:
    """The font, registered once with reportlab (also what the PDF exporter embeds)."""
    font = TTFont(name, str(FONT_FILES[name]))
    pdfmetrics.registerFont(font)
    return font


class Metrics:
    """Advance widths of one font, in units of the font size (1000 per em / 1000)."""

    def __init__(self, name: str = REGULAR) -> None:
        face = register(name).face
        self.name = name
        self._widths = {code: width / 1000 for code, width in face.charWidths.items()}
        self._default = face.defaultWidth / 1000
        self.ascent = face.ascent / 1000
        self.descent = -face.descent / 1000

    def width(self, text: str, size: float) -> float:
        widths, default = self._widths, self._default
        return sum(widths.get(ord(char), default) for char in text) * size


@cache
def metrics(name: str = REGULAR) -> Metrics:
    return Metrics(name)
