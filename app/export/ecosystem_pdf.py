"""The service ecosystem map as a PDF (reportlab, no Qt): the same sheet the window draws,
with the positions saved for that map, the embedded font, the title and the legend.

``write_ecosystem_pdf`` is what the window's Export PDF… and the command line call.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from app.analysis.ecosystem import EcosystemGraph, build_ecosystem
from app.analysis.ecosystem_layout import EcosystemLayout, layered_layout
from app.export.ecosystem_drawing import (
    BACKGROUND,
    BAND_HEIGHT,
    EDGE,
    STYLES,
    Sheet,
    TextItem,
    edge_route,
    edge_width,
    heaviest,
    label_baselines,
    label_lines,
    map_title,
    node_box,
    sheet,
)
from app.export.output_file import ExportError, write_atomically
from app.export.paper import MAX_PAGE_SIDE, PAPERS
from app.export.pdf_streams import binary_streams
from app.export.pdf_text import draw_lines, register_fonts
from app.layout.fonts import REGULAR
from app.model.lookup import blueprint_named
from app.model.ops_ecosystem import saved_positions
from app.model.ops_grid import get_project

PAPER_MARGIN = 28.0  # points around the map on a named paper size


def find_map_blueprint(session: Session, blueprint: str | None) -> str | None:
    """The id of the blueprint named (by name, ignoring case, or by id); None for the
    whole project's map."""
    if blueprint is None:
        return None
    return blueprint_named(session, blueprint, error=ExportError).id


def ecosystem_picture(
    session: Session, blueprint: str | None = None
) -> tuple[EcosystemGraph, EcosystemLayout]:
    """The map of the whole project or of one blueprint (name or id), laid out with the
    positions saved for it."""
    blueprint_id = find_map_blueprint(session, blueprint)
    graph = build_ecosystem(session, blueprint_id)
    return graph, layered_layout(graph, saved_positions(session, blueprint_id))


def write_ecosystem_pdf(
    session: Session,
    path: Path | str,
    blueprint: str | None = None,
    *,
    paper: str = "fit",
) -> tuple[float, float]:
    """Write the ecosystem map of the whole project (``blueprint`` None) or of one
    blueprint (its name or id) as a one-page PDF; return the page size in points.
    ``paper`` "fit" makes the page the map's size; "A3", "A4" … fit the map on that paper,
    turned to suit it. Nothing is left at ``path`` but what was there if it fails."""
    graph, layout = ecosystem_picture(session, blueprint)
    drawn = sheet(graph, layout)
    left, top, right, bottom = drawn.bounds
    width, height = right - left, bottom - top
    page, scale = _page(width, height, paper)
    project = get_project(session).name

    def write(stream: BinaryIO) -> None:
        register_fonts()
        canvas = Canvas(stream, pagesize=page, initialFontName=REGULAR)
        canvas.setTitle(map_title(graph))
        canvas.setSubject(project)
        canvas.setCreator("Stagecraft")
        canvas.setFillColor(HexColor(BACKGROUND))
        canvas.rect(0, 0, page[0], page[1], stroke=0, fill=1)
        # Map coordinates (points, y down) centred on the page.
        canvas.translate((page[0] - width * scale) / 2, (page[1] + height * scale) / 2)
        canvas.scale(scale, -scale)
        canvas.translate(-left, -top)
        _draw(canvas, graph, layout, drawn)
        canvas.showPage()
        with binary_streams():
            canvas.save()

    write_atomically(Path(path), write)
    return page


def _page(width: float, height: float, paper: str) -> tuple[tuple[float, float], float]:
    if paper == "fit":
        scale = min(1.0, MAX_PAGE_SIDE / max(width, height))
        return (width * scale, height * scale), scale
    sizes = {name.casefold(): size for name, size in PAPERS.items()}
    if paper.casefold() not in sizes:
        raise ExportError(f"paper must be fit or one of {', '.join(PAPERS)}, not {paper!r}")
    short, long = sorted(sizes[paper.casefold()])
    page = (long, short) if width >= height else (short, long)
    room = (page[0] - 2 * PAPER_MARGIN, page[1] - 2 * PAPER_MARGIN)
    return page, min(room[0] / width, room[1] / height)


def _draw(canvas: Canvas, graph: EcosystemGraph, layout: EcosystemLayout, drawn: Sheet) -> None:
    _text(canvas, drawn.title)
    for entry in drawn.legend:
        x, y, width, height = entry.swatch
        style = STYLES[entry.layer]
        _box(canvas, (x, y, width, height), min(style.radius, height / 2), style, band=4.0)
        _text(canvas, entry.label)
    _text(canvas, drawn.note)
    for title in drawn.column_titles:
        _text(canvas, title)
    top = heaviest(graph)
    edge_colour = _colour(EDGE, 0.7)
    canvas.setLineCap(1)
    for edge in graph.edges:
        positions = layout.positions
        others = [c for k, c in positions.items() if k not in (edge.source, edge.target)]
        layers = (graph.node(edge.source).layer, graph.node(edge.target).layer)
        route = edge_route(
            positions[edge.source], positions[edge.target], layers, layout.columns, others
        )
        canvas.setStrokeColor(edge_colour)
        canvas.setLineWidth(edge_width(edge.weight, top))
        path = canvas.beginPath()
        path.moveTo(*route[0][0])
        for _start, first, second, end in route:
            path.curveTo(*first, *second, *end)
        canvas.drawPath(path, stroke=1, fill=0)
    for node in graph.nodes:
        centre = layout.positions[node.key]
        style = STYLES[node.layer]
        _box(canvas, node_box(centre), style.radius, style, band=BAND_HEIGHT)
        for item in label_baselines(centre, label_lines(node.label)):
            _text(canvas, item)


def _box(canvas: Canvas, box: tuple[float, float, float, float], radius, style, band) -> None:
    x, y, width, height = box
    radius = min(radius, height / 2, width / 2)
    canvas.setFillColor(HexColor(style.fill))
    canvas.setStrokeColor(HexColor(style.border))
    canvas.setLineWidth(1.4)
    canvas.roundRect(x, y, width, height, radius, stroke=0, fill=1)
    if style.band:
        canvas.saveState()
        clip = canvas.beginPath()
        clip.roundRect(x, y, width, height, radius)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.setFillColor(HexColor(style.border))
        canvas.rect(x, y, width, band, stroke=0, fill=1)
        canvas.restoreState()
    canvas.roundRect(x, y, width, height, radius, stroke=1, fill=0)


def _text(canvas: Canvas, item: TextItem) -> None:
    draw_lines(
        canvas, [(item.x, item.baseline, item.text)], item.size, HexColor(item.colour), item.bold
    )


def _colour(hex_colour: str, alpha: float) -> Color:
    colour = HexColor(hex_colour)
    return Color(colour.red, colour.green, colour.blue, alpha=alpha)
