"""The plumbing of the report documents: tables with a repeated header row, the page
footer, the subtitle line, and writing the finished PDF atomically beside its target."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table

from app.export.map_marks import fit_text
from app.export.output_file import write_bytes_atomically
from app.export.report_styles import register_fonts, table_style
from app.layout.fonts import REGULAR
from app.model.structure import Blueprint, Project

REPORT_PAGE = landscape(A4)
MARGIN = 36.0
FOOTER_COLOUR = "#666666"


def subtitle(session, project: Project, blueprint: Blueprint | None = None) -> str:
    """Project, blueprint and its kind, file name and today's date, without repeats."""
    parts = [project.name]
    if blueprint is not None:
        kind = blueprint.kind.value
        parts.append(blueprint.name if kind in blueprint.name else f"{blueprint.name} ({kind})")
    file_name = session.info.get("name") if session is not None else None
    if file_name and str(file_name) not in parts:
        parts.append(str(file_name))
    parts.append(date.today().isoformat())
    return " · ".join(parts)


def report_table(rows: list[list], width: float, shares: tuple[float, ...]) -> Table:
    table = Table(
        rows,
        colWidths=[share * width for share in shares],
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(table_style(len(rows)))
    return table


def write_report(
    out_path: Path | str,
    story: list[Flowable],
    page_size: tuple[float, float],
    title: str,
    footer: str,
) -> int:
    register_fonts()
    buffer = BytesIO()
    pages = [0]

    def on_page(canvas: Canvas, _doc) -> None:
        pages[0] = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colors.HexColor(FOOTER_COLOUR))
        text = fit_text(footer, REGULAR, 7.5, page_size[0] - 2 * MARGIN - 60)
        canvas.drawString(MARGIN, MARGIN / 2, text)
        canvas.drawRightString(page_size[0] - MARGIN, MARGIN / 2, f"page {pages[0]}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="Stagecraft",
        creator="Stagecraft",
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    write_bytes_atomically(out_path, buffer.getvalue())
    return pages[0]
