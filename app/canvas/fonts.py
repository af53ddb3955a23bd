"""The layout's font registered with Qt, and text drawn with the font's exact advances.

The layout measures with the TTFs in resources/fonts at fractional sizes (9.5, 7.5 …) in
scene units. QFont only takes whole pixel sizes, so text is drawn as glyph runs of a
QRawFont at the exact size, unhinted and unkerned: the advances Qt draws are the ones the
layout measured, and a line is never re-wrapped or re-shaped by Qt.
"""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QByteArray, QPointF
from PySide6.QtGui import QFont, QFontDatabase, QGlyphRun, QRawFont

from app.layout.fonts import BOLD, FONT_FILES, REGULAR

FAMILY = "DejaVu Sans"


@cache
def register_fonts() -> tuple[str, ...]:
    """Add the shipped TTFs to Qt's font database once; returns their family names."""
    families: list[str] = []
    for path in FONT_FILES.values():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def qfont(pixel_size: float, bold: bool = False) -> QFont:
    """A QFont of the layout's family for widgets (the inline editor, menus of the canvas);
    pixel sizes are whole numbers in Qt, so this is for device pixels, not scene text."""
    register_fonts()
    font = QFont(FAMILY)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


@cache
def _font_data(name: str) -> QByteArray:
    return QByteArray(FONT_FILES[name].read_bytes())


@cache
def raw_font(size: float, bold: bool = False) -> QRawFont:
    """The shipped font at ``size`` scene units, unhinted."""
    name = BOLD if bold else REGULAR
    return QRawFont(_font_data(name), size, QFont.HintingPreference.PreferNoHinting)


@lru_cache(maxsize=131072)
def glyph_run(text: str, size: float, bold: bool = False) -> QGlyphRun | None:
    """``text`` as one line of glyphs with its baseline at y=0, starting at x=0; None for
    a blank line. Cached, so each distinct line is shaped once, not in every paint."""
    if not text.strip():
        return None
    font = raw_font(size, bold)
    indexes = font.glyphIndexesForString(text)
    advances = font.advancesForGlyphIndexes(indexes)
    positions: list[QPointF] = []
    x = 0.0
    for advance in advances:
        positions.append(QPointF(x, 0.0))
        x += advance.x()
    run = QGlyphRun()
    run.setRawFont(font)
    run.setGlyphIndexes(indexes)
    run.setPositions(positions)
    return run
