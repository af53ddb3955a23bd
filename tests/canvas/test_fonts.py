"""Text is drawn with the font the layout measures with, at the layout's sizes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from app.canvas.fonts import FAMILY, glyph_run, qfont, raw_font, register_fonts
from app.layout.fonts import BOLD, REGULAR, metrics

LINES = ["Two-page invitation letter in", "Waits on hold (20 min)", "GP clinical system, SMS"]


def test_the_shipped_fonts_are_registered(qapp) -> None:
    assert FAMILY in register_fonts()
    assert FAMILY in QFontDatabase.families()
    font = qfont(12.4, bold=True)
    assert QFontInfo(font).family() == FAMILY
    assert font.pixelSize() == 12 and not font.kerning()


@pytest.mark.parametrize("size", [7.5, 9.5, 10.5])
@pytest.mark.parametrize("bold", [False, True])
def test_drawn_advances_are_the_layouts(qapp, size: float, bold: bool) -> None:
    measure = metrics(BOLD if bold else REGULAR).width
    for line in LINES:
        run = glyph_run(line, size, bold)
        positions = run.positions()
        advances = raw_font(size, bold).advancesForGlyphIndexes(run.glyphIndexes())
        drawn = positions[-1].x() + advances[-1].x()
        assert drawn == pytest.approx(measure(line, size), rel=0.005)
        assert drawn <= measure(line, size) + 0.05  # never wider than the layout allowed


def test_blank_lines_have_no_glyphs(qapp) -> None:
    assert glyph_run("   ", 9.5) is None


def test_card_text_is_drawn_as_plain_text(qapp) -> None:
    """Markup in a card is shown as typed: one glyph per character, nothing interpreted."""
    text = "<b>Urgent</b> &amp; <i>call</i>"
    run = glyph_run(text, 9.5)
    assert len(run.glyphIndexes()) == len(text)
    assert len(set(run.glyphIndexes())) > 10
