"""One printed page of a blueprint: the map scaled onto the paper inside its margins, and
under it a band with the title block (blueprint, project, kind, date, file name) and the
legend.

``layout_page`` decides sizes only (the preview and the page count use it without
drawing); ``draw_page`` draws. The band's lettering grows with the paper, so the title
block of an A0 poster reads from a step back and that of an A4 page is not oversized.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from app.export import palette
from app.export.decoration import Decoration
from app.export.paper import MM, Paper, PaperError, check_page, describe_size
from app.export.pdf_legend import ROW, LegendEntry, draw_entry
from app.export.pdf_map import apply_map_transform, draw_map
from app.export.pdf_text import font_name, text_width
from app.layout.geometry import BlueprintGeometry
from app.layout.wrap import clean, elide

PAD = 8.0  # inside the band, above and below
GAP = 24.0  # between the title block and the legend, and between map and band
TITLE_WIDTH = 250.0
COLUMN_GAP = 14.0
MAX_ENTRY_WIDTH = 240.0
MAX_FURNITURE = 2.5


@dataclass(frozen=True)
class TitleBlock:
    """What the title block says. ``note`` tells the paper and scale."""

    blueprint: str
    project: str
    kind: str  # "as-is" or "to-be"
    date: str
    file_name: str = ""
    note: str = ""

    def lines(self) -> list[tuple[str, float, bool, float]]:
        """(text, size, bold, line height) of each line, top to bottom."""
        kind = self.kind[:1].upper() + self.kind[1:]
        rows = [
            (self.blueprint, 14.0, True, 17.0),
            (self.project, 9.5, False, 13.0),
            (f"{kind} blueprint · {self.date}", 8.0, False, 11.0),
        ]
        if self.file_name:
            rows.append((f"File: {self.file_name}", 8.0, False, 11.0))
        rows.append((self.note, 8.0, False, 11.0))
        return rows

    @property
    def height(self) -> float:
        return sum(row[3] for row in self.lines())


@dataclass(frozen=True)
class Band:
    """The title block and legend, in band units (the page scales them by ``furniture``)."""

    width: float
    height: float
    title_width: float
    legend_top: float  # from the band's top
    rows: int
    columns: tuple[tuple[float, float], ...]  # each legend column's left and text room


@dataclass(frozen=True)
class PageLayout:
    size: tuple[float, float]
    paper: str
    orientation: str  # "landscape", "portrait", or "" for a page sized to the map
    scale: float  # page points per map point
    map_left: float  # page coordinates (y up) of the top-left of the map's area
    map_top: float
    map_size: tuple[float, float]  # the map's area in map points, the decorations' room in
    extra_top: float
    furniture: float  # how much the band's lettering is enlarged
    band: Band
    band_origin: tuple[float, float]  # the band's bottom-left on the page


def furniture_scale(page_short_side: float) -> float:
    """1 up to A3, growing gently to about 1.7 on A0."""
    return min(MAX_FURNITURE, max(1.0, math.sqrt(page_short_side / 842.0)))


def layout_band(width: float, title: TitleBlock, entries: Sequence[LegendEntry]) -> Band:
    """Title block on the left and the legend in columns beside it, using the height the
    title block needs anyway; or the legend under the title block, when that is lower (on
    narrow paper)."""
    most = max(MAX_ENTRY_WIDTH, 0.3 * width)  # a long entry is cut only on narrow paper
    widths = [min(most, entry.width) for entry in entries] or [80.0]
    natural = max(text_width(text, size, bold) for text, size, bold, _h in title.lines())
    title_width = min(max(TITLE_WIDTH, natural), max(TITLE_WIDTH, 0.45 * width), width)
    stacked = _band(width, title, widths, title_width, side_by_side=False)
    if width < title_width + GAP + max(widths):
        return stacked
    beside = _band(width, title, widths, title_width, side_by_side=True)
    return beside if beside.height <= stacked.height else stacked


def _band(
    width: float, title: TitleBlock, widths: list[float], title_width: float, side_by_side: bool
) -> Band:
    count = len(widths)
    widest = max(widths) + COLUMN_GAP
    left = title_width + GAP if side_by_side else 0.0
    rows = math.ceil(count / max(1, int((width - left + COLUMN_GAP) // widest)))
    if side_by_side:
        rows = min(count, max(rows, int(title.height // ROW)))
        height = 2 * PAD + max(title.height, rows * ROW)
        top = PAD
    else:
        height = 2 * PAD + title.height + GAP / 2 + rows * ROW
        top = PAD + title.height + GAP / 2
    columns = []
    for start in range(0, count, rows):
        room = max(widths[start : start + rows])
        columns.append((left, min(room, width - left)))
        left += room + COLUMN_GAP
    return Band(width, height, title_width, top, rows, tuple(columns))


def layout_page(
    map_size: tuple[float, float],
    paper: Paper,
    orientation: str,
    scale: float | None,
    margin: float,
    title: TitleBlock,
    entries: Sequence[LegendEntry],
    *,
    extra_top: float = 0.0,
    page_limit: bool = True,
) -> PageLayout:
    """Where the map and the band go. ``map_size`` is the geometry's (width, height);
    ``scale`` a factor (None: fit the paper; 1 on a page sized to the map). Raises
    PaperError when the map does not fit at that scale, or the page would be larger than
    a PDF viewer shows (unless ``page_limit`` is off: a poster that is tiled)."""
    width, height = map_size[0], map_size[1] + extra_top
    if paper.fit:
        return _fit_layout(
            (width, height), scale or 1.0, margin, title, entries, extra_top, page_limit
        )
    best: PageLayout | None = None
    best_fit = 0.0
    for name, size in paper.candidates(orientation):
        inner_w, inner_h = size[0] - 2 * margin, size[1] - 2 * margin
        if margin > min(size) / 4:
            raise PaperError(
                f"margins of {margin / MM:.0f} mm leave too little of {paper.name}; "
                "use a smaller --margin"
            )
        furniture = furniture_scale(min(size))
        band = layout_band(inner_w / furniture, title, entries)
        room_h = inner_h - (band.height + GAP) * furniture
        if room_h <= 0:
            continue
        fit = min(inner_w / width, room_h / height)
        factor = fit if scale is None else scale
        if factor > fit * (1 + 1e-9) or fit <= best_fit:
            continue
        best_fit = fit
        # The map and the band under it, together in the middle of the paper.
        space = (room_h - height * factor) / 2
        best = PageLayout(
            size=size,
            paper=paper.name,
            orientation=name,
            scale=factor,
            map_left=margin + (inner_w - width * factor) / 2,
            map_top=size[1] - margin - space,
            map_size=(width, height),
            extra_top=extra_top,
            furniture=furniture,
            band=band,
            band_origin=(margin, margin + space),
        )
    if best is None:
        factor = scale or 1.0
        size = describe_size(width * factor, height * factor)
        raise PaperError(
            f"at {percent(factor)} the map is {size} and does not fit on {paper.name} inside "
            "the margins with its title block; use a smaller "
            "--scale, a larger --paper, or --tile A4|A3|letter to print it over sheets"
        )
    return best


def _fit_layout(
    size: tuple[float, float],
    scale: float,
    margin: float,
    title: TitleBlock,
    entries: Sequence[LegendEntry],
    extra_top: float,
    page_limit: bool,
) -> PageLayout:
    """A page sized to the map at ``scale``, with the band under it."""
    map_w, map_h = size[0] * scale, size[1] * scale
    furniture = furniture_scale(min(map_w, map_h) + 2 * margin)
    inner_w = max(map_w, TITLE_WIDTH * furniture)
    band = layout_band(inner_w / furniture, title, entries)
    page = (inner_w + 2 * margin, map_h + (band.height + GAP) * furniture + 2 * margin)
    if page_limit:
        check_page(*page)
    return PageLayout(
        size=page,
        paper="fit",
        orientation="",
        scale=scale,
        map_left=margin + (inner_w - map_w) / 2,
        map_top=page[1] - margin,
        map_size=size,
        extra_top=extra_top,
        furniture=furniture,
        band=band,
        band_origin=(margin, margin),
    )


def percent(scale: float) -> str:
    value = scale * 100
    return f"{value:.0f}%" if value >= 10 else f"{value:.2g}%"


def page_note(layout: PageLayout) -> str:
    """The paper and the map's scale, for the title block."""
    scale = f"map at {percent(layout.scale)}"
    if layout.scale == 1.0:
        scale += " (true size)"
    if layout.orientation:
        return f"{layout.paper} {layout.orientation}, {scale}"
    return scale[:1].upper() + scale[1:]


def draw_page(
    canvas: Canvas,
    layout: PageLayout,
    geometry: BlueprintGeometry,
    title: TitleBlock,
    entries: Sequence[LegendEntry],
    decorations: Sequence[Decoration] = (),
) -> None:
    """The map and the band, on the current page (or form)."""
    canvas.saveState()
    apply_map_transform(canvas, layout.map_left, layout.map_top, layout.scale, layout.extra_top)
    draw_map(canvas, geometry, decorations)
    canvas.restoreState()
    draw_band(canvas, layout, title, entries)


def draw_band(
    canvas: Canvas, layout: PageLayout, title: TitleBlock, entries: Sequence[LegendEntry]
) -> None:
    band = layout.band
    canvas.saveState()
    canvas.translate(*layout.band_origin)
    canvas.scale(layout.furniture, layout.furniture)
    canvas.setStrokeColor(palette.FRAME_RULE)
    canvas.setLineWidth(0.6)
    canvas.line(0.0, band.height, band.width, band.height)
    y = band.height - PAD
    for text, size, bold, line_height in title.lines():
        y -= line_height
        canvas.setFont(font_name(bold), size)
        canvas.setFillColor(palette.FRAME_TEXT if bold else palette.FRAME_NOTE)
        line = elide(clean(text).replace("\n", " "), band.title_width, size, bold)
        canvas.drawString(0.0, y + (line_height - size) / 2, line)
    for index, entry in enumerate(entries):
        column, row = divmod(index, band.rows)
        left, room = band.columns[column]
        middle = band.height - band.legend_top - (row + 0.5) * ROW
        draw_entry(canvas, entry, left, middle, room)
    canvas.restoreState()
