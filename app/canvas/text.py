"""Lines of a layout TextBlock, prepared once for painting: glyph runs at their baselines,
and the grey bars drawn instead of text when it would be too small to read."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QGlyphRun, QPainter

from app.canvas.fonts import glyph_run
from app.layout.fonts import BOLD, REGULAR, metrics
from app.layout.geometry import TextBlock

# Text smaller than this many device pixels is not drawn as glyphs.
READABLE_PIXELS = 5.0


@dataclass(slots=True)
class PreparedText:
    """A TextBlock in an item's own coordinates."""

    size: float
    runs: list[tuple[QPointF, QGlyphRun]]
    lines: list[tuple[float, float, str]]  # (x, baseline, text) of each non-blank line
    bold: bool = False
    _bars: list[QRectF] | None = None

    @property
    def bars(self) -> list[QRectF]:
        """One grey bar per line where its ink roughly is, drawn instead of tiny text."""
        if self._bars is None:
            measure = metrics(BOLD if self.bold else REGULAR).width
            height = self.size * 0.55
            self._bars = [
                QRectF(x, baseline - height, measure(text.rstrip(), self.size), height)
                for x, baseline, text in self.lines
            ]
        return self._bars

    def readable(self, lod: float) -> bool:
        return self.size * lod >= READABLE_PIXELS

    def draw(self, painter: QPainter, color: QColor, lod: float) -> None:
        """Glyphs when readable at ``lod``, else bars of a lighter shade."""
        if self.size * lod >= READABLE_PIXELS:
            painter.setPen(color)
            for point, run in self.runs:
                painter.drawGlyphRun(point, run)
        elif self.bars:
            shade = QColor(color)
            shade.setAlpha(90)
            for bar in self.bars:
                painter.fillRect(bar, shade)


def prepare(block: TextBlock, origin_x: float = 0.0, origin_y: float = 0.0) -> PreparedText:
    """Lay ``block``'s lines out relative to (origin_x, origin_y), exactly as given."""
    runs: list[tuple[QPointF, QGlyphRun]] = []
    lines: list[tuple[float, float, str]] = []
    x = block.x - origin_x
    for index, line in enumerate(block.lines):
        run = glyph_run(line, block.size, block.bold)
        if run is None:
            continue
        baseline = block.y - origin_y + index * block.line_height + block.ascent
        runs.append((QPointF(x, baseline), run))
        lines.append((x, baseline, line))
    return PreparedText(block.size, runs, lines, block.bold)


def single_line(
    text: str, x: float, top: float, size: float, bold: bool = False, line_height: float = 0.0
) -> TextBlock:
    """A one-line TextBlock for a label the layout gives as a plain string."""
    ascent = metrics(BOLD if bold else REGULAR).ascent * size
    return TextBlock((text,), x, top, size, line_height or size * 1.25, ascent, bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return metrics(BOLD if bold else REGULAR).width(text, size)
