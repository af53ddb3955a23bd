"""The key of the pain-point overlay: each badge's number with its pain point, severity,
perspective, evidence source and place, as a table flowing over pages with its header
row repeated on each."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from app.export.canvas_flow import flow_pages
from app.export.map_marks import fit_text
from app.export.report_styles import para, register_fonts, styles, table_style
from app.export.severity_colours import SEVERITY_NAMES, fill, ink
from app.layout.fonts import BOLD, REGULAR
from app.layout.overlay import NumberedPainPoint

KEY_HEADER = ("No.", "Pain point", "Severity", "Perspective", "Evidence", "Where")
COLUMN_SHARES = (0.055, 0.37, 0.11, 0.13, 0.115, 0.22)  # fit "2 moderate", "Perspective" on A4
MARGIN = 36.0
BASE_WIDTH = 595.0  # an A4 side: pages larger than A4 get a larger key, up to SCALE_LIMIT
SCALE_LIMIT = 2.5
TABLE_WIDTH_LIMIT = 780.0


def key_scale(page_size: tuple[float, float]) -> float:
    return max(1.0, min(SCALE_LIMIT, min(page_size) / BASE_WIDTH))


def key_table(entries: list[NumberedPainPoint], width: float, scale: float = 1.0) -> Table:
    s = styles(scale)
    rows: list[list] = [[para(text, s.header) for text in KEY_HEADER]]
    for entry in entries:
        text = entry.text + (" (resolved)" if entry.resolved else "")
        details = []
        if entry.people_affected is not None:
            details.append(f"{entry.people_affected:,} people affected")
        if entry.underserved_group:
            details.append(f"underserved: {entry.underserved_group}")
        pain = [para(text, s.body)]
        if details:
            pain.append(para("; ".join(details), s.small))
        rows.append(
            [
                para(str(entry.number), s.number, colour=ink(entry.severity)),
                pain,
                para(f"{entry.severity} {SEVERITY_NAMES[entry.severity]}", s.body),
                para(entry.perspective, s.body),
                para(entry.evidence, s.body),
                para(entry.where, s.small),
            ]
        )
    table = Table(
        rows,
        colWidths=[share * width for share in COLUMN_SHARES],
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(table_style(len(rows), scale))
    table.setStyle(
        [
            ("BACKGROUND", (0, row), (0, row), colors.HexColor(fill(entry.severity)))
            for row, entry in enumerate(entries, start=1)
        ]
    )
    return table


def draw_key_pages(
    canvas: Canvas,
    page_size: tuple[float, float],
    heading: str,
    entries: list[NumberedPainPoint],
    *,
    subheading: str = "",
) -> int:
    """Draw the key on pages of its own, each ended with showPage; return how many."""
    if not entries:
        return 0
    register_fonts()
    scale = key_scale(page_size)
    page_width, page_height = page_size
    margin = MARGIN * scale
    width = min(page_width - 2 * margin, TABLE_WIDTH_LIMIT * scale)

    def furniture(c: Canvas, page: int) -> tuple[float, float, float, float]:
        top = page_height - margin
        c.setFillColor(colors.black)
        c.setFont(BOLD, 14 * scale)
        title = heading if page == 1 else f"{heading} (continued)"
        c.drawString(margin, top - 14 * scale, fit_text(title, BOLD, 14 * scale, width))
        used = 22 * scale
        if subheading:
            c.setFont(REGULAR, 9 * scale)
            c.setFillColor(colors.HexColor("#444444"))
            line = fit_text(subheading, REGULAR, 9 * scale, width)
            c.drawString(margin, top - used - 9 * scale, line)
            used += 15 * scale
        c.setFont(REGULAR, 8 * scale)
        c.setFillColor(colors.HexColor("#666666"))
        c.drawRightString(margin + width, margin - 4 * scale, f"Key, page {page}")
        bottom = margin + 8 * scale
        return margin, bottom, width, top - used - 6 * scale - bottom

    return flow_pages(canvas, page_size, [key_table(entries, width, scale)], furniture)
