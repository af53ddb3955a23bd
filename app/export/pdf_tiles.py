"""A poster at true scale over sheets of A4, A3 or letter, for any printer.

The poster (map and band, as one page would show it, but as large as it needs to be) is
drawn once as a form XObject; each sheet places it clipped to its printable area, moved
so that neighbouring sheets share an overlap strip. Sheets carry cut marks at the corners
of their printed area, registration marks in the middle of each overlap strip, and a label
with their row letter, column number and the blueprint's name. A first page shows how the
sheets go together: the grid of sheets over a thumbnail of the whole poster.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.paper import MM, Paper, PaperError, describe_size
from app.export.pdf_path import MapPath
from app.export.pdf_text import font_name, text_width
from app.layout.wrap import elide, wrap

MIN_SHEET_MARGIN = 6 * MM  # room for the marks and the label
MAX_SHEETS = 5_000
MARK_WIDTH = 0.4
LABEL_SIZE = 6.5


@dataclass(frozen=True)
class Sheet:
    row: int
    column: int
    label: str  # "B3": row letter, column number
    x: float  # the poster region this sheet prints: top-left, poster points, y down
    y: float


@dataclass(frozen=True)
class TileGrid:
    paper: str
    orientation: str
    sheet_size: tuple[float, float]
    margin: float
    overlap: float
    rows: int
    columns: int
    poster: tuple[float, float]
    offset: tuple[float, float]  # the poster is centred on the grid: its place in the span

    @property
    def content(self) -> tuple[float, float]:
        """The printed area of a sheet."""
        return self.sheet_size[0] - 2 * self.margin, self.sheet_size[1] - 2 * self.margin

    @property
    def step(self) -> tuple[float, float]:
        """How far the next column (row) starts along the poster."""
        w, h = self.content
        return w - self.overlap, h - self.overlap

    @property
    def count(self) -> int:
        return self.rows * self.columns

    def sheet(self, row: int, column: int) -> Sheet:
        sx, sy = self.step
        x = column * sx - self.offset[0]
        y = row * sy - self.offset[1]
        return Sheet(row, column, f"{row_letter(row)}{column + 1}", x, y)

    def sheets(self) -> list[Sheet]:
        return [self.sheet(r, c) for r in range(self.rows) for c in range(self.columns)]


def row_letter(index: int) -> str:
    """A, B, … Z, AA, AB, … as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def plan_tiles(
    poster: tuple[float, float], paper: Paper, orientation: str, margin: float, overlap: float
) -> TileGrid:
    """The fewest sheets of ``paper`` that cover the poster (in the orientation asked for,
    or the one needing fewer sheets)."""
    margin = max(margin, MIN_SHEET_MARGIN)
    best: TileGrid | None = None
    for name, size in paper.candidates(orientation):
        content = (size[0] - 2 * margin, size[1] - 2 * margin)
        if min(content) <= 2 * overlap:
            raise PaperError(
                f"an overlap of {overlap / MM:.0f} mm leaves no room on {paper.name} {name}; "
                "use a smaller --overlap or --margin"
            )
        columns = _count(poster[0], content[0], overlap)
        rows = _count(poster[1], content[1], overlap)
        span = (columns * (content[0] - overlap) + overlap, rows * (content[1] - overlap) + overlap)
        offset = ((span[0] - poster[0]) / 2, (span[1] - poster[1]) / 2)
        grid = TileGrid(paper.name, name, size, margin, overlap, rows, columns, poster, offset)
        if best is None or grid.count < best.count:
            best = grid
    assert best is not None
    if best.count > MAX_SHEETS:
        raise PaperError(
            f"the poster ({describe_size(*poster)}) would take {best.count:,} sheets of "
            f"{paper.name}; use a smaller --scale"
        )
    return best


def _count(length: float, content: float, overlap: float) -> int:
    return max(1, math.ceil((length - overlap) / (content - overlap) - 1e-9))


def place_poster(canvas: Canvas, grid: TileGrid, sheet: Sheet, form: str) -> None:
    """The sheet's region of the poster, clipped to its printed area."""
    w, h = grid.content
    m = grid.margin
    canvas.saveState()
    clip = MapPath()
    clip.rect(m, m, w, h)
    canvas.clipPath(clip, stroke=0, fill=0)
    # The form is y-up with the poster's bottom-left at (0, 0): the region's bottom-left,
    # poster height minus its top minus its height, lands on the printed area's corner.
    canvas.translate(m - sheet.x, m - (grid.poster[1] - sheet.y - h))
    canvas.doForm(form)
    canvas.restoreState()


Neighbours = tuple[bool, bool, bool, bool]  # left, right, above, below


def neighbours(grid: TileGrid, sheet: Sheet) -> Neighbours:
    return (
        sheet.column > 0,
        sheet.column < grid.columns - 1,
        sheet.row > 0,
        sheet.row < grid.rows - 1,
    )


def marks_form(sides: Neighbours) -> str:
    return "sheet-marks-" + "".join("1" if side else "0" for side in sides)


def define_marks_forms(canvas: Canvas, grid: TileGrid) -> None:
    """The marks of each kind of sheet (corner, edge, middle) as a form of its own: drawn
    once, placed on every sheet of that kind."""
    for sides in sorted({neighbours(grid, sheet) for sheet in grid.sheets()}):
        canvas.beginForm(marks_form(sides), 0, 0, *grid.sheet_size)
        draw_marks(canvas, grid, sides)
        canvas.endForm()


def draw_sheet(canvas: Canvas, grid: TileGrid, sheet: Sheet, form: str, name: str) -> None:
    """One sheet: its part of the poster, its marks (see ``define_marks_forms``) and its
    label (then the caller ends the page)."""
    place_poster(canvas, grid, sheet, form)
    canvas.doForm(marks_form(neighbours(grid, sheet)))
    draw_label(canvas, grid, sheet, name)


def draw_marks(canvas: Canvas, grid: TileGrid, sides: Neighbours) -> None:
    """Cut marks at the printed area's corners; where a neighbour overlaps, a tick where its
    edge goes and a registration mark in the middle of the shared strip."""
    left, right, above, below = sides
    w, h = grid.content
    m, o = grid.margin, grid.overlap
    gap = 3.0
    length = m - 2 * gap
    path = MapPath()
    for x in (m, m + w):
        for y in (m, m + h):
            out_x = -1 if x == m else 1
            out_y = -1 if y == m else 1
            path.line(x + out_x * gap, y, x + out_x * (gap + length), y)
            path.line(x, y + out_y * gap, x, y + out_y * (gap + length))
    targets: list[tuple[float, float]] = []
    if left:
        targets += [(m + o / 2, m / 2), (m + o / 2, m + h + m / 2)]
    if right:
        targets += [(m + w - o / 2, m / 2), (m + w - o / 2, m + h + m / 2)]
        for y0, y1 in ((0.0, m - gap), (m + h + gap, 2 * m + h)):
            path.line(m + w - o, y0 + (y1 - y0) * 0.35, m + w - o, y1 - (y1 - y0) * 0.35)
    if above:
        targets += [(m / 2, m + h - o / 2), (m + w + m / 2, m + h - o / 2)]
    if below:
        targets += [(m / 2, m + o / 2), (m + w + m / 2, m + o / 2)]
        for x0, x1 in ((0.0, m - gap), (m + w + gap, 2 * m + w)):
            path.line(x0 + (x1 - x0) * 0.35, m + o, x1 - (x1 - x0) * 0.35, m + o)
    radius = m * 0.2
    for cx, cy in targets:
        path.circle(cx, cy, radius)
        path.line(cx - radius * 1.6, cy, cx + radius * 1.6, cy)
        path.line(cx, cy - radius * 1.6, cx, cy + radius * 1.6)
    canvas.setStrokeColor(palette.MARKS)
    canvas.setLineWidth(MARK_WIDTH)
    canvas.drawPath(path, stroke=1, fill=0)


def draw_label(canvas: Canvas, grid: TileGrid, sheet: Sheet, name: str) -> None:
    """The sheet's label above its printed area, and what it is below it, both centred
    between the registration marks (one text object: a poster has hundreds of sheets)."""
    w, h = grid.content
    m, o = grid.margin, grid.overlap
    centre = m + w / 2
    room = w - 2 * (o + m * 0.4) - 8.0
    where = (
        f"{sheet.label} · {name} · row {row_letter(sheet.row)} of {grid.rows}, "
        f"column {sheet.column + 1} of {grid.columns} · overlap {o / MM:.0f} mm"
    )
    width = text_width(where, LABEL_SIZE)
    if width > room:
        where = elide(where, room, LABEL_SIZE)
        width = text_width(where, LABEL_SIZE)
    text = canvas.beginText()
    text.setFillColor(palette.FRAME_TEXT)
    text.setFont(font_name(bold=True), 9.0)
    text.setTextOrigin(centre - text_width(sheet.label, 9.0, True) / 2, m + h + m / 2 - 3.2)
    text.textLine(sheet.label)
    text.setFillColor(palette.FRAME_NOTE)
    text.setFont(font_name(), LABEL_SIZE)
    text.setTextOrigin(centre - width / 2, m / 2 - 2.3)
    text.textLine(where)
    canvas.drawText(text)


def assembly_size(grid: TileGrid) -> tuple[float, float]:
    """The assembly page: a sheet of the same paper, turned the way the poster is."""
    short, long = sorted(grid.sheet_size)
    return (long, short) if grid.poster[0] >= grid.poster[1] else (short, long)


def draw_assembly_page(
    canvas: Canvas, grid: TileGrid, form: str, name: str, scale_note: str
) -> None:
    """How the sheets go together: a few lines of instructions and the sheet grid over a
    thumbnail of the whole poster (on a page of ``assembly_size``)."""
    width, height = assembly_size(grid)
    m = grid.margin
    room = width - 2 * m
    y = height - m - 14.0
    canvas.setFillColor(palette.FRAME_TEXT)
    canvas.setFont(font_name(bold=True), 14.0)
    canvas.drawString(m, y, elide(f"Assembly: {name}", room, 14.0, True))
    rows = f"{grid.rows} row{'s' * (grid.rows != 1)}"
    columns = f"{grid.columns} column{'s' * (grid.columns != 1)}"
    text = (
        f"{rows} x {columns} = {grid.count} sheets of {grid.paper} {grid.orientation}; "
        f"the poster is {describe_size(*grid.poster)}, {scale_note}. "
        "Each sheet is labelled with its row letter and column number: row A is the top "
        "row, column 1 the left one. Neighbouring sheets overlap by "
        f"{grid.overlap / MM:.0f} mm; the ticks in the margins show where the neighbour's "
        "edge goes. Trim each sheet on its cut marks along its left and top edges (not in "
        "column 1 or row A), lay it over its neighbours so that the registration marks "
        "meet, and tape it from the back."
    )
    canvas.setFillColor(palette.FRAME_NOTE)
    canvas.setFont(font_name(), 8.5)
    y -= 8.0
    for line in wrap(text, room, 8.5):
        y -= 11.5
        canvas.drawString(m, y, line)
    draw_thumbnail(canvas, grid, form, (m, m, room, y - 16.0 - m))


def draw_thumbnail(
    canvas: Canvas, grid: TileGrid, form: str, box: tuple[float, float, float, float]
) -> None:
    """The poster scaled into ``box`` (x, y, w, h; y up) and each sheet's region on it."""
    x, y, w, h = box
    sx, sy = grid.step
    span = (grid.columns * sx + grid.overlap, grid.rows * sy + grid.overlap)
    scale = min(w / span[0], h / span[1])
    left = x + (w - span[0] * scale) / 2
    top = y + h
    poster_left = left + grid.offset[0] * scale
    poster_bottom = top - (grid.offset[1] + grid.poster[1]) * scale
    canvas.saveState()
    canvas.setStrokeColor(palette.FRAME_RULE)
    canvas.setLineWidth(0.5)
    canvas.rect(poster_left, poster_bottom, grid.poster[0] * scale, grid.poster[1] * scale)
    canvas.translate(poster_left, poster_bottom)
    canvas.scale(scale, scale)
    canvas.doForm(form)
    canvas.restoreState()
    cw, ch = grid.content
    cells = MapPath()
    for sheet in grid.sheets():
        cx = left + (sheet.x + grid.offset[0]) * scale
        cy = top - (sheet.y + grid.offset[1] + ch) * scale
        cells.rect(cx, cy, cw * scale, ch * scale)
    canvas.setStrokeColor(palette.GRID)
    canvas.setLineWidth(0.6)
    canvas.drawPath(cells, stroke=1, fill=0)
    size = min(10.0, sy * scale * 0.3, sx * scale * 0.25)
    if size >= 4.0:
        draw_cell_labels(canvas, grid, scale, left, top, size)


def draw_cell_labels(
    canvas: Canvas, grid: TileGrid, scale: float, left: float, top: float, size: float
) -> None:
    """Each sheet's label on a white tab in the middle of its cell."""
    cw, ch = grid.content
    canvas.setFont(font_name(bold=True), size)
    tabs = MapPath()
    text = canvas.beginText()
    text.setFont(font_name(bold=True), size)
    text.setFillColor(palette.GRID)
    for sheet in grid.sheets():
        cx = left + (sheet.x + grid.offset[0] + cw / 2) * scale
        cy = top - (sheet.y + grid.offset[1] + ch / 2) * scale
        label_width = text_width(sheet.label, size, bold=True)
        width = label_width + size * 0.8
        tabs.round_rect(cx - width / 2, cy - size * 0.75, width, size * 1.5, size * 0.3)
        text.setTextOrigin(cx - label_width / 2, cy - size * 0.36)
        text.textLine(sheet.label)
    canvas.setFillColor(palette.WHITE)
    canvas.setStrokeColor(palette.GRID)
    canvas.setLineWidth(0.5)
    canvas.drawPath(tabs, stroke=1, fill=1)
    canvas.drawText(text)
