"""Flow platypus flowables over as many pages as they need, on a canvas someone else owns.

A doc template makes and saves its own canvas; the key of an overlay is drawn on the map
exporter's canvas after the map, so the pages are filled here: one frame per page,
splitting a flowable (a table keeps its header row, repeatRows) where a page is full.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from app.export.report_styles import styles

PageFurniture = Callable[[Canvas, int], tuple[float, float, float, float]]


def flow_pages(
    canvas: Canvas,
    page_size: tuple[float, float],
    story: list[Flowable],
    furniture: PageFurniture,
) -> int:
    """Draw ``story`` on new pages of ``page_size``, each ended with showPage; return how
    many. ``furniture(canvas, page_number)`` draws a page's heading and footer and returns
    the frame left for the story as (x, y, width, height)."""
    story = list(story)
    pages = 0
    while story:
        canvas.setPageSize(page_size)
        pages += 1
        x, y, width, height = furniture(canvas, pages)
        frame = Frame(
            x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )
        if not _fill(frame, story, canvas):
            # Nothing fitted on an empty page: say so rather than loop for ever.
            story[0] = Paragraph("(this entry is too large to print here)", styles().small)
            if not _fill(frame, story, canvas):
                story.pop(0)
        canvas.showPage()
    return pages


def _fill(frame: Frame, story: list[Flowable], canvas: Canvas) -> bool:
    """Add flowables to the frame until it is full; True when anything was drawn."""
    drew = False
    while story:
        head = story[0]
        if frame.add(head, canvas, trySplit=1):
            story.pop(0)
            drew = True
            continue
        parts = frame.split(head, canvas)
        if not parts:
            break
        story[0:1] = parts
        if frame.add(parts[0], canvas, trySplit=1):
            story.pop(0)
            drew = True
        break
    return drew
