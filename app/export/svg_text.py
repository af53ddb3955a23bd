"""A painter for SVG that writes the canvas's text as text, not as glyph outlines.

The canvas draws every line as a glyph run of the shipped font (app/canvas/text.py), so
the layout's widths hold exactly. Given a glyph run, QSvgGenerator writes each glyph's
outline and an empty <text> element: the picture is right, but no text can be found,
selected or edited, and the file is several times larger. This painter turns each run
back into its characters (the font's character map read backwards: the runs are made
one glyph per character, without ligatures) and draws them as a string at the run's
baseline, in the same family, size and weight. A run with a glyph the map cannot name
(a character missing from the font) is drawn as outlines, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QPainter, QRawFont

_BMP = "".join(chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code < 0xE000)
_maps: dict[tuple[str, str], dict[int, str]] = {}


def characters(font: QRawFont, glyphs: list[int]) -> str | None:
    """The characters ``glyphs`` of ``font`` stand for, or None if one is unknown."""
    found = _character_map(font)
    try:
        return "".join(found[glyph] for glyph in glyphs)
    except KeyError:
        return None


def _character_map(font: QRawFont) -> dict[int, str]:
    key = (font.familyName(), font.styleName())
    found = _maps.get(key)
    if found is None:
        found = {}
        for char, glyph in zip(_BMP, font.glyphIndexesForString(_BMP), strict=False):
            if glyph:
                found.setdefault(glyph, char)  # the lowest code point wins (" " not NBSP)
        _maps[key] = found
    return found


class TextPainter(QPainter):
    """Items call ``drawGlyphRun`` on the painter they are given; a Python subclass is
    handed to them as itself, so this override sees every run the scene draws."""

    def drawGlyphRun(self, position: QPointF, glyphs: QGlyphRun) -> None:
        raw = glyphs.rawFont()
        text = characters(raw, glyphs.glyphIndexes())
        if text is None:
            super().drawGlyphRun(position, glyphs)
            return
        font = QFont(raw.familyName())
        font.setPointSizeF(raw.pixelSize())  # at 72 dpi one point is one scene unit
        font.setWeight(QFont.Weight(raw.weight()))
        font.setStyle(raw.style())
        font.setKerning(False)
        first = glyphs.positions()[0] if glyphs.positions() else QPointF()
        self.save()
        self.setFont(font)
        self.drawText(position + first, text)
        self.restore()
