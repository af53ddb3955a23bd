"""Helpers of the PDF export tests: reading PDFs back, and a small decoration that records
how the exporter calls it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from app.layout.geometry import BlueprintGeometry
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint


def as_is(project: ProjectFile) -> Blueprint:
    return project.project.blueprints[0]


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of white space made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages
    ]


def card_lines(geometry: BlueprintGeometry) -> list[str]:
    """Every non-blank line of every card's text, as the layout broke it."""
    return [
        " ".join(line.split())
        for card in geometry.cards.values()
        for line in card.text.lines
        if line.strip()
    ]


def folder_is_clean(folder: Path, *expected: str) -> bool:
    """Nothing in ``folder`` but ``expected`` (no temporary files left behind)."""
    return sorted(p.name for p in folder.iterdir()) == sorted(expected)


UNDER_COLOUR = (0.125, 0.5, 0.75)
OVER_COLOUR = (0.75, 0.5, 0.125)


class RecordingDecoration:
    """A decoration for tests: it needs room above the map, draws a marker under and over
    the map (its own text, so the order is visible in the content stream), gives one
    legend entry and draws ``keys`` key pages; ``calls`` records the order of calls."""

    name = "Test marks"

    def __init__(self, room: float = 30.0, keys: int = 2, fail_in: str = "") -> None:
        self.room = room
        self.keys = keys
        self.fail_in = fail_in
        self.calls: list[str] = []

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if name == self.fail_in:
            raise RuntimeError(f"{name} failed on purpose")

    def extra_top(self) -> float:
        self._call("extra_top")
        return self.room

    def draw_under(self, canvas: Canvas) -> None:
        self._call("draw_under")
        self._mark(canvas, UNDER_COLOUR, "UNDERMARK", -self.room / 2)

    def draw_over(self, canvas: Canvas) -> None:
        self._call("draw_over")
        self._mark(canvas, OVER_COLOUR, "OVERMARK", -self.room / 2)

    def legend(self) -> list[tuple[str, str]]:
        self._call("legend")
        return [("#e34a33", "Test legend entry"), ("not a colour", "Entry with a bad colour")]

    def key_pages(self, canvas: Canvas, page_size: tuple[float, float]) -> int:
        self._call("key_pages")
        for number in range(1, self.keys + 1):
            canvas.setFont("DejaVuSans", 12)
            canvas.drawString(40, page_size[1] - 60, f"KEY PAGE {number}")
            canvas.showPage()
        return self.keys

    @staticmethod
    def _mark(canvas: Canvas, colour: tuple[float, float, float], text: str, y: float) -> None:
        """A square in a colour of its own (found again in the content stream) and a word,
        upright in map coordinates (y down), in the room above the map."""
        canvas.setFillColorRGB(*colour)
        canvas.rect(4, y - 4, 8, 8, stroke=0, fill=1)
        canvas.translate(20 if text == "UNDERMARK" else 120, y + 3)
        canvas.scale(1, -1)
        canvas.setFont("DejaVuSans", 8)
        canvas.drawString(0, 0, text)
