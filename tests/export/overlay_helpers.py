"""Helpers for the overlay and report tests: projects built to order, their geometry, and
a minimal map drawn on a reportlab canvas (as the PDF exporter would) around a Decoration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from app.export.decoration import Decoration
from app.export.map_marks import map_text
from app.layout.engine import BlueprintLayout
from app.layout.fonts import BOLD, REGULAR, register
from app.layout.geometry import BlueprintGeometry
from app.layout.source import shape_from_blueprint
from app.model.ops_grid import add_blueprint, add_lane, add_stage, add_step, create_project
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint

MARGIN = 24.0
MARKUP_SAMPLE = '<b>bold</b> & <font color="red">red</font> <img src="/etc/passwd"/> &amp; <br/>'


def geometry_of(project_file: ProjectFile, blueprint: Blueprint) -> BlueprintGeometry:
    return BlueprintLayout(shape_from_blueprint(project_file.session, blueprint)).geometry


def build_project(fill: Callable[[Blueprint], None]) -> ProjectFile:
    """A project with one as-is blueprint of three lanes and one stage of three steps,
    filled by ``fill(blueprint)``."""

    def builder(session) -> None:
        project = create_project(session, "Overlay test")
        blueprint = add_blueprint(project, "As-is")
        for kind in ("customer actions", "frontstage", "backstage"):
            add_lane(blueprint, kind)
        stage = add_stage(blueprint, "Visit")
        for title in ("Arrive", "Wait", "Leave"):
            add_step(blueprint, title, stage=stage)
        fill(blueprint)

    return ProjectFile.build("Overlay test", builder)


def draw_map(canvas: Canvas, geometry: BlueprintGeometry, decoration: Decoration) -> None:
    """One page holding the map at 100%, drawn in map coordinates (y down)."""
    register(REGULAR)
    register(BOLD)
    top = decoration.extra_top()
    width, height = geometry.width + 2 * MARGIN, geometry.height + top + 2 * MARGIN
    canvas.setPageSize((width, height))
    canvas.saveState()
    canvas.translate(MARGIN, height - MARGIN - top)
    canvas.scale(1, -1)
    canvas.setLineWidth(0.5)
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    for lane in geometry.lanes:
        canvas.setFillColorRGB(0.97, 0.97, 1.0)
        canvas.rect(lane.rect.x, lane.rect.y, lane.rect.w, lane.rect.h, stroke=1, fill=1)
        _block(canvas, lane.title)
    for step in geometry.steps:
        canvas.setFillColorRGB(0.92, 0.92, 0.92)
        canvas.rect(step.header.x, step.header.y, step.header.w, step.header.h, stroke=1, fill=1)
        _block(canvas, step.title)
    for stage in geometry.stages:
        canvas.rect(stage.rect.x, stage.rect.y, stage.rect.w, stage.rect.h, stroke=1, fill=0)
        _block(canvas, stage.title)
    decoration.draw_under(canvas)
    for card in geometry.cards.values():
        canvas.setFillColorRGB(1, 1, 1)
        rect = card.rect
        canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=1)
        _block(canvas, card.text)
    decoration.draw_over(canvas)
    canvas.restoreState()
    canvas.showPage()


def _block(canvas: Canvas, block) -> None:
    font = BOLD if block.bold else REGULAR
    for index, line in enumerate(block.lines):
        baseline = block.y + index * block.line_height + block.ascent
        map_text(canvas, block.x, baseline, line, font, block.size)


def write_overlay_pdf(
    path: Path,
    geometry: BlueprintGeometry,
    decoration: Decoration,
    key_page: tuple[float, float] = landscape(A4),
) -> int:
    """The map page then the key pages; returns how many key pages were drawn."""
    canvas = Canvas(str(path))
    draw_map(canvas, geometry, decoration)
    pages = decoration.key_pages(canvas, key_page)
    canvas.save()
    return pages
