"""Paragraph styles and literal text for the key pages and the reports.

Everything a user typed (pain points, card texts, titles, notes) goes into reportlab
paragraphs through ``literal``: escaped first, so ``<b>``, ``<font>``, ``&`` or
``<img src=…>`` come out as those characters and nothing is ever interpreted or loaded.
Text drawn directly with ``drawString`` needs no escaping: it is never parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from app.layout.fonts import BOLD, REGULAR, register

HEADER_FILL = "#3b3b3b"
RULE = "#c8c8c8"
STRIPE = "#f4f4f4"
TEXT_LIMIT = 1500  # longer texts are cut in tables, so that one row never outgrows a page

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def register_fonts() -> None:
    register(REGULAR)
    register(BOLD)


def literal(text: str, limit: int = TEXT_LIMIT) -> str:
    """Paragraph markup that shows ``text`` as it is: escaped, line breaks kept."""
    clean = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return escape(clean).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    header: ParagraphStyle
    number: ParagraphStyle
    strong: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle


def styles(scale: float = 1.0) -> Styles:
    """The paragraph styles at a given scale (1 for A4 and letter, larger on posters)."""
    register_fonts()
    size = 8.5 * scale
    return Styles(
        body=ParagraphStyle("body", fontName=REGULAR, fontSize=size, leading=size * 1.25),
        small=ParagraphStyle(
            "small", fontName=REGULAR, fontSize=size * 0.9, leading=size * 1.12, textColor="#444444"
        ),
        header=ParagraphStyle(
            "header", fontName=BOLD, fontSize=size, leading=size * 1.25, textColor=colors.white
        ),
        number=ParagraphStyle(
            "number", fontName=BOLD, fontSize=size, leading=size * 1.25, alignment=TA_CENTER
        ),
        strong=ParagraphStyle("strong", fontName=BOLD, fontSize=size, leading=size * 1.25),
        title=ParagraphStyle(
            "title", fontName=BOLD, fontSize=16 * scale, leading=20 * scale, spaceAfter=4 * scale
        ),
        heading=ParagraphStyle(
            "heading",
            fontName=BOLD,
            fontSize=11.5 * scale,
            leading=14 * scale,
            spaceBefore=10 * scale,
            spaceAfter=5 * scale,
        ),
    )


def para(text: str, style: ParagraphStyle, *, colour: str | None = None) -> Paragraph:
    """A paragraph of literal user text (escaped here), optionally in another colour."""
    if colour is not None:
        style = ParagraphStyle(f"{style.name}-{colour}", parent=style, textColor=colour)
    return Paragraph(literal(text), style)


def table_style(rows: int, scale: float = 1.0) -> TableStyle:
    """A header row on a dark fill, light rules, striped rows, cells aligned to the top."""
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4 * scale, colors.HexColor(RULE)),
        ("BOX", (0, 0), (-1, -1), 0.6 * scale, colors.HexColor(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * scale),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * scale),
    ]
    commands += [
        ("BACKGROUND", (0, row), (-1, row), colors.HexColor(STRIPE)) for row in range(2, rows, 2)
    ]
    return TableStyle(commands)
