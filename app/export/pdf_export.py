"""Export a blueprint as a PDF: one page on a chosen paper, or a poster at true scale over
sheets. What the command line and the window both call.

Every option is checked, and the pages are planned, before anything is written; the PDF
is rendered into a temporary file beside the target and renamed over it at the end, so a
failed export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from app.export.decoration import Decoration
from app.export.output_file import write_atomically
from app.export.paper import (
    PAPERS,
    margin_points,
    overlap_points,
    parse_orientation,
    parse_paper,
    parse_tile_paper,
    scale_factor,
)
from app.export.pdf_legend import LegendEntry, legend_entries
from app.export.pdf_page import (
    PageLayout,
    TitleBlock,
    draw_page,
    layout_page,
    page_note,
    percent,
)
from app.export.pdf_streams import ascii_form_content, binary_streams
from app.export.pdf_text import register_fonts
from app.export.pdf_tiles import (
    Sheet,
    TileGrid,
    assembly_size,
    define_marks_forms,
    draw_assembly_page,
    draw_sheet,
    plan_tiles,
)
from app.layout.engine import BlueprintLayout
from app.layout.fonts import REGULAR
from app.layout.geometry import BlueprintGeometry
from app.layout.source import shape_from_blueprint
from app.layout.wrap import clean
from app.model.structure import Blueprint

POSTER_FORM = "poster"


@dataclass
class PdfOptions:
    """``paper``: fit, A0 … A4, letter, tabloid or WIDTHxHEIGHTmm; ``scale``: percent, None
    to fit the paper (100 on a fit page and on tiles); ``tile``: A4, A3 or letter to print
    the poster (the page as ``paper`` would give it, unlimited in size) over sheets;
    ``orientation`` is the paper's, or the sheets' when the paper is fit."""

    paper: str = "fit"
    orientation: str = "auto"
    scale: float | None = None
    margin_mm: float = 10
    tile: str | None = None
    overlap_mm: float = 10
    decorations: Sequence[Decoration] = ()


@dataclass(frozen=True)
class PdfResult:
    pages: int
    page_size: tuple[float, float]  # of the map's page, or of each sheet, in points
    tiles: tuple[int, int] | None  # (rows, columns) of sheets


@dataclass(frozen=True)
class PdfPlan:
    """What an export would write, for a preview: the page count (key pages included), the
    page or sheet size, the printed picture's size and scale, and the sheets, if tiled."""

    pages: int
    page_size: tuple[float, float]
    orientation: str
    scale: float  # printed points per map point
    poster_size: tuple[float, float]  # the whole printed picture: the page, or the poster
    tiles: tuple[int, int] | None
    sheets: tuple[Sheet, ...]
    overlap: float  # points


@dataclass
class _Job:
    """Everything decided before drawing."""

    geometry: BlueprintGeometry
    decorations: tuple[Decoration, ...]
    title: TitleBlock
    entries: list[LegendEntry]
    page: PageLayout
    grid: TileGrid | None
    key_size: tuple[float, float]


def blueprint_geometry(session: Session, blueprint: Blueprint) -> BlueprintGeometry:
    return BlueprintLayout(shape_from_blueprint(session, blueprint)).geometry


def export_pdf(
    session: Session,
    blueprint: Blueprint,
    out_path: Path | str,
    options: PdfOptions | None = None,
    *,
    file_name: str = "",
    geometry: BlueprintGeometry | None = None,
) -> PdfResult:
    """Write ``blueprint`` to ``out_path`` as a PDF. ``file_name`` is the project file's name
    for the title block; ``geometry``, when the caller has it laid out already. Raises
    PaperError (options, sizes) before writing, ExportError when the file cannot be
    written; either way nothing is left at ``out_path`` but what was there before."""
    job = _prepare(session, blueprint, options or PdfOptions(), file_name, geometry)
    pages = 0

    def write(stream: BinaryIO) -> None:
        nonlocal pages
        canvas = Canvas(stream, pagesize=job.page.size, initialFontName=REGULAR)
        canvas.setTitle(job.title.blueprint)
        canvas.setSubject(job.title.project)
        canvas.setCreator("Stagecraft")
        pages = _draw(canvas, job)
        with binary_streams():
            canvas.save()

    write_atomically(Path(out_path), write)
    grid = job.grid
    size = grid.sheet_size if grid else job.page.size
    return PdfResult(pages, size, (grid.rows, grid.columns) if grid else None)


def plan_pdf(
    session: Session,
    blueprint: Blueprint,
    options: PdfOptions | None = None,
    *,
    file_name: str = "",
    geometry: BlueprintGeometry | None = None,
) -> PdfPlan:
    """What ``export_pdf`` would write, without writing; raises what it would raise."""
    job = _prepare(session, blueprint, options or PdfOptions(), file_name, geometry)
    keys = 0
    if job.decorations:
        scratch = Canvas(_Discard(), pagesize=job.key_size, initialFontName=REGULAR)
        keys = sum(d.key_pages(scratch, job.key_size) for d in job.decorations)
    grid, page = job.grid, job.page
    if grid is None:
        return PdfPlan(1 + keys, page.size, page.orientation, page.scale, page.size, None, (), 0.0)
    return PdfPlan(
        1 + grid.count + keys,
        grid.sheet_size,
        grid.orientation,
        page.scale,
        page.size,
        (grid.rows, grid.columns),
        tuple(grid.sheets()),
        grid.overlap,
    )


def _prepare(
    session: Session,
    blueprint: Blueprint,
    options: PdfOptions,
    file_name: str,
    geometry: BlueprintGeometry | None,
) -> _Job:
    paper = parse_paper(options.paper)
    orientation = parse_orientation(options.orientation)
    scale = scale_factor(options.scale)
    margin = margin_points(options.margin_mm)
    tile = parse_tile_paper(options.tile) if options.tile else None
    overlap = overlap_points(options.overlap_mm)
    register_fonts()
    if geometry is None:
        geometry = blueprint_geometry(session, blueprint)
    decorations = tuple(options.decorations)
    extra_top = max((float(d.extra_top()) for d in decorations), default=0.0)
    title = TitleBlock(
        blueprint=blueprint.name,
        project=blueprint.project.name,
        kind=str(getattr(blueprint.kind, "value", blueprint.kind)),
        date=_today(),
        file_name=file_name,
    )
    entries = legend_entries(geometry, decorations)
    map_size = (geometry.width, geometry.height)
    if tile is None:
        page = layout_page(
            map_size, paper, orientation, scale, margin, title, entries, extra_top=extra_top
        )
        key_size = PAPERS["A4"] if paper.fit else page.size
        title = replace(title, note=page_note(page))
        return _Job(geometry, decorations, title, entries, page, None, key_size)
    # A poster on a named paper keeps its margins and orientation; a poster sized to the
    # map needs no margin of its own (the sheets have theirs) and ``orientation`` is the
    # sheets'.
    page = layout_page(
        map_size,
        paper,
        orientation if not paper.fit else "auto",
        scale,
        0.0 if paper.fit else margin,
        title,
        entries,
        extra_top=extra_top,
        page_limit=False,
    )
    grid = plan_tiles(page.size, tile, orientation if paper.fit else "auto", margin, overlap)
    note = f"{page_note(page)}; {grid.count} sheets of {grid.paper}"
    title = replace(title, note=note)
    return _Job(geometry, decorations, title, entries, page, grid, grid.sheet_size)


def _draw(canvas: Canvas, job: _Job) -> int:
    """Draw every page; return how many there are."""
    page, grid = job.page, job.grid
    if grid is None:
        canvas.setPageSize(page.size)
        draw_page(canvas, page, job.geometry, job.title, job.entries, job.decorations)
        canvas.showPage()
    else:
        canvas.beginForm(POSTER_FORM, 0, 0, *page.size)
        draw_page(canvas, page, job.geometry, job.title, job.entries, job.decorations)
        with ascii_form_content():
            canvas.endForm()
        name = " ".join(clean(job.title.blueprint).split())
        canvas.setPageSize(assembly_size(grid))
        scale = f"the map at {percent(page.scale)}"
        draw_assembly_page(canvas, grid, POSTER_FORM, name, scale)
        canvas.showPage()
        canvas.setPageSize(grid.sheet_size)
        define_marks_forms(canvas, grid)
        for sheet in grid.sheets():
            draw_sheet(canvas, grid, sheet, POSTER_FORM, name)
            canvas.showPage()
    for decoration in job.decorations:
        canvas.setPageSize(job.key_size)
        decoration.key_pages(canvas, job.key_size)
    return canvas.getPageNumber() - 1


def _today() -> str:
    today = date.today()
    return f"{today.day} {today:%B %Y}"


class _Discard:
    """A stream that forgets what is written to it."""

    def write(self, data: bytes) -> int:
        return len(data)
