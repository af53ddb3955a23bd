"""The as-is to to-be report: what the to-be changes, for the people who decide on it.

A headline of the improvements, a before-and-after table, then the cards added, removed,
changed and moved, the pain points resolved and remaining, the systems retired and
added, and the hand-offs and contact points of each blueprint. The PDF is made in memory
and written atomically (app/export/output_file.py): a failed export leaves the old file
or none. Every text a user typed goes in escaped (report_styles.para), never as markup.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.analysis.compare_model import Comparison, Side
from app.analysis.compare_text import cards_line, headline
from app.export.paper import PAPERS, parse_paper
from app.export.report_compare_tables import (
    cards_table,
    changed_table,
    contacts_table,
    hand_offs_table,
    moved_table,
    remaining_table,
    resolved_table,
    systems_table,
)
from app.export.report_document import MARGIN, report_table, write_report
from app.export.report_styles import Styles, para, register_fonts, styles

__all__ = ["write_comparison_report"]

NOTE_FILL = "#fdf1dc"
SUMMARY_SHARES = (0.4, 0.2, 0.2, 0.2)


def write_comparison_report(comparison: Comparison, path: Path | str, paper: str = "A4") -> int:
    """Write the comparison as a PDF report on ``paper`` (A4, letter, … turned landscape;
    ``fit`` is A4) to ``path``; returns the number of pages. Raises ExportError (nothing
    written) when the file cannot be written, PaperError for an unknown paper."""
    chosen = parse_paper(paper)
    page_size = landscape(chosen.size if chosen.size is not None else PAPERS["A4"])
    register_fonts()
    s = styles()
    width = page_size[0] - 2 * MARGIN
    story = _story(comparison, width, s)
    footer = f"{comparison.before.name} → {comparison.after.name} · as-is to to-be"
    title = f"As-is to to-be: {comparison.after.name}"
    return write_report(path, story, page_size, title, footer)


def _named(side: Side) -> str:
    return side.name if side.kind in side.name else f"{side.name} ({side.kind})"


def _story(c: Comparison, width: float, s: Styles) -> list[Flowable]:
    line = headline(c)
    story: list[Flowable] = [
        para("What the to-be changes", s.title),
        para(f"{_named(c.before)} → {_named(c.after)} · {date.today().isoformat()}", s.small),
        Spacer(1, 8),
        para(line[:1].upper() + line[1:], s.strong),
        Spacer(1, 2),
        para(cards_line(c), s.body),
    ]
    if c.note:
        story += [Spacer(1, 6), _note(c.note, width, s)]
    story += [Spacer(1, 8), _summary(c, width, s)]

    def section(title: str, count: int | None, table: Table | None) -> None:
        heading = para(title if count is None else f"{title} ({count})", s.heading)
        if table is None:
            story.append(KeepTogether([heading, para("None.", s.small)]))
        else:
            story.extend([heading, table])

    section("Cards added", len(c.added), cards_table(c.added, width, s))
    section("Cards removed", len(c.removed), cards_table(c.removed, width, s))
    section("Cards changed", len(c.changed), changed_table(c.changed, width, s))
    section("Cards moved", len(c.moved), moved_table(c.moved, width, s))
    section("Pain points resolved", len(c.resolved), resolved_table(c.resolved, width, s))
    section("Pain points remaining", len(c.remaining), remaining_table(c.remaining, width, s))
    section(
        "Systems retired and added",
        len(c.systems_retired) + len(c.systems_added),
        systems_table(c, width, s),
    )
    for label, side in (("before", c.before), ("after", c.after)):
        section(
            f"Hand-offs {label}: {_named(side)}",
            len(side.hand_offs),
            hand_offs_table(side.hand_offs, width, s),
        )
    contacts = f"Contact points: {len(c.before.contact_points)} before, "
    contacts += f"{len(c.after.contact_points)} after"
    section(contacts, None, contacts_table(c, width, s))
    return story


def _note(text: str, width: float, s: Styles) -> Table:
    box = Table([[para(text, s.body)]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(NOTE_FILL)),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#c08a00")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _summary(c: Comparison, width: float, s: Styles) -> Table:
    """Before and after, side by side, with the change."""

    def row(what: str, before: int, after: int) -> list:
        change = after - before
        sign = "+" if change > 0 else ""
        return [
            para(what, s.body),
            para(str(before), s.number),
            para(str(after), s.number),
            para(f"{sign}{change}" if change else "no change", s.number),
        ]

    rows = [
        [para(text, s.header) for text in ("", "As-is", "To-be", "Change")],
        row("Cards", c.before.cards, c.after.cards),
        row("Systems the cards use", len(c.before.systems), len(c.after.systems)),
        row("Hand-offs between roles or teams", len(c.before.hand_offs), len(c.after.hand_offs)),
        row(
            "Contact points a service user meets",
            len(c.before.contact_points),
            len(c.after.contact_points),
        ),
    ]
    if c.lineage:
        open_before = len(c.resolved) + sum(not r.new for r in c.remaining)
        rows.append(row("Open pain points", open_before, len(c.remaining)))
    return report_table(rows, min(width, 520.0), SUMMARY_SHARES)
