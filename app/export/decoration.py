"""What an overlay adds to a printed blueprint, as the PDF exporter asks for it.

The exporter draws the map in map coordinates (points, y down, as BlueprintGeometry
gives them) and calls each decoration at three moments; an overlay (pain points, key
moments, the emotion curve) implements this protocol without knowing about pages,
paper, scale or tiles.
"""

from __future__ import annotations

from typing import Protocol

from reportlab.pdfgen.canvas import Canvas


class Decoration(Protocol):
    name: str  # what the legend and the title block call it, e.g. "Pain points"

    def extra_top(self) -> float:
        """Room it needs above the map's header rows, in points (an emotion curve)."""
        ...

    def draw_under(self, canvas: Canvas) -> None:
        """Draw in map coordinates after the lanes and cells, before cards and routes
        (shading). The map's top-left is (0, 0); the room above it is at y < 0."""
        ...

    def draw_over(self, canvas: Canvas) -> None:
        """Draw in map coordinates over everything else (badges, marks, the curve)."""
        ...

    def legend(self) -> list[tuple[str, str]]:
        """Entries for the legend: (a colour as "#rrggbb", what it means)."""
        ...

    def key_pages(self, canvas: Canvas, page_size: tuple[float, float]) -> int:
        """Draw the key (the numbered list) on pages of its own after the map, each
        ended with canvas.showPage(); return how many (0 when there is nothing)."""
        ...
