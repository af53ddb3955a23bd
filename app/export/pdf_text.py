"""Text on a printed map: each line of a layout TextBlock drawn exactly as the layout
broke it, as real text in the embedded font (searchable, selectable), upright although
the map is drawn with y pointing down.

The map's transform flips y once for the whole map; each line gets its own text matrix
``1 0 0 -1 x baseline``, which flips it back. Text goes in as plain strings through
reportlab's text objects, never through paragraph markup, so a card saying ``<b>`` prints
``<b>``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.layout.fonts import BOLD, REGULAR, metrics, register
from app.layout.geometry import TextBlock

Line = tuple[float, float, str]  # x, baseline (map coordinates, y down), text


def register_fonts() -> None:
    """Register the layout's font with reportlab (once): the PDF embeds a subset of it."""
    register(REGULAR)
    register(BOLD)


def font_name(bold: bool = False) -> str:
    return BOLD if bold else REGULAR


def block_lines(block: TextBlock) -> Iterator[Line]:
    """(x, baseline, text) of each line of ``block`` that has something to draw."""
    for index, line in enumerate(block.lines):
        if line.strip():
            yield block.x, block.y + index * block.line_height + block.ascent, line


def draw_lines(
    canvas: Canvas, lines: Iterable[Line], size: float, colour: Color, bold: bool = False
) -> None:
    """Lines of one font, size and colour, in one text object, in map coordinates.

    The first line sets the flipped text matrix; each next line starts where the previous
    one started, moved by (dx, -dy) in the flipped text space (a ``Td``; the leading is 0,
    so the ``T*`` after each line moves nothing)."""
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return
    text = canvas.beginText()
    text.setFont(font_name(bold), size, leading=0)
    text.setFillColor(colour)
    x0, y0, line = first
    text.setTextTransform(1, 0, 0, -1, x0, y0)
    text.textLine(line)
    for x, y, line in lines:
        text.moveCursor(x - x0, y - y0)
        text.textLine(line)
        x0, y0 = x, y
    canvas.drawText(text)


def draw_blocks(canvas: Canvas, blocks: Iterable[TextBlock | None], colour: Color) -> None:
    """Text blocks in one colour, gathered into one text object per font and size."""
    groups: dict[tuple[bool, float], list[Line]] = defaultdict(list)
    for block in blocks:
        if block is not None and block.lines:
            groups[(block.bold, block.size)].extend(block_lines(block))
    for (bold, size), lines in groups.items():
        draw_lines(canvas, lines, size, colour, bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return metrics(font_name(bold)).width(text, size)


def ascent(size: float, bold: bool = False) -> float:
    return metrics(font_name(bold)).ascent * size
