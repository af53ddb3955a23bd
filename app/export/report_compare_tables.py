"""The tables of the as-is to to-be report: one function per list, each None when the
list is empty (the report then says "None."). User text goes in through ``para``."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from app.analysis.compare_model import (
    CardChange,
    CardMove,
    CardRef,
    Comparison,
    HandOffRef,
    PainRef,
    RemainingPain,
    ResolvedPain,
)
from app.analysis.compare_text import NO_TEXT, changed_fields, field_line
from app.export.report_document import report_table
from app.export.report_styles import Styles, para
from app.export.severity_colours import SEVERITY_NAMES, fill, ink

CARD_SHARES = (0.6, 0.2, 0.2)
CHANGED_SHARES = (0.32, 0.18, 0.5)
MOVED_SHARES = (0.4, 0.3, 0.3)
RESOLVED_SHARES = (0.09, 0.39, 0.1, 0.24, 0.18)
REMAINING_SHARES = (0.09, 0.45, 0.1, 0.26, 0.1)
SYSTEM_SHARES = (0.5, 0.5)
HAND_OFF_SHARES = (0.18, 0.18, 0.32, 0.32)
CONTACT_SHARES = (0.14, 0.46, 0.2, 0.2)


def _text(ref: CardRef) -> str:
    return ref.text.strip() or NO_TEXT


def _header(names: tuple[str, ...], s: Styles) -> list:
    return [para(name, s.header) for name in names]


def cards_table(refs: tuple[CardRef, ...], width: float, s: Styles) -> Table | None:
    if not refs:
        return None
    rows = [_header(("Card", "Lane", "Step"), s)]
    rows += [[para(_text(r), s.body), para(r.lane, s.body), para(r.step, s.body)] for r in refs]
    return report_table(rows, width, CARD_SHARES)


def changed_table(changes: tuple[CardChange, ...], width: float, s: Styles) -> Table | None:
    if not changes:
        return None
    rows = [_header(("Card in the to-be", "Where", "What changed: as-is → to-be"), s)]
    for change in changes:
        detail = [para(changed_fields(change)[:1].upper() + changed_fields(change)[1:], s.strong)]
        detail += [para(field_line(f), s.small) for f in change.fields]
        rows.append(
            [
                para(_text(change.after), s.body),
                para(f"{change.after.lane}, {change.after.step}", s.small),
                detail,
            ]
        )
    return report_table(rows, width, CHANGED_SHARES)


def moved_table(moves: tuple[CardMove, ...], width: float, s: Styles) -> Table | None:
    if not moves:
        return None
    rows = [_header(("Card", "From (as-is)", "To (to-be)"), s)]
    for move in moves:
        rows.append(
            [
                para(_text(move.after), s.body),
                para(_where(move.before, move.lane_moved, move.step_moved), s.body),
                para(_where(move.after, move.lane_moved, move.step_moved), s.body),
            ]
        )
    return report_table(rows, width, MOVED_SHARES)


def _where(ref: CardRef, lane: bool, step: bool) -> str:
    parts = []
    if lane:
        parts.append(f"lane {ref.lane}")
    if step:
        parts.append(f"step {ref.step}")
    return ", ".join(parts)


def _severity(pain: PainRef, s: Styles):
    return para(
        f"{pain.severity} {SEVERITY_NAMES[pain.severity]}", s.body, colour=ink(pain.severity)
    )


def resolved_table(items: tuple[ResolvedPain, ...], width: float, s: Styles) -> Table | None:
    if not items:
        return None
    rows = [_header(("Severity", "Pain point", "Perspective", "Where (as-is)", "How"), s)]
    for item in items:
        rows.append(
            [
                _severity(item.pain, s),
                para(item.pain.description or "(no description)", s.body),
                para(item.pain.perspective, s.body),
                para(item.pain.where, s.small),
                para(item.how[:1].upper() + item.how[1:], s.small),
            ]
        )
    return _shaded(report_table(rows, width, RESOLVED_SHARES), [i.pain for i in items])


def remaining_table(items: tuple[RemainingPain, ...], width: float, s: Styles) -> Table | None:
    if not items:
        return None
    rows = [_header(("Severity", "Pain point", "Perspective", "Where (to-be)", "New"), s)]
    for item in items:
        rows.append(
            [
                _severity(item.pain, s),
                para(item.pain.description or "(no description)", s.body),
                para(item.pain.perspective, s.body),
                para(item.pain.where, s.small),
                para("new" if item.new else "–", s.small),
            ]
        )
    return _shaded(report_table(rows, width, REMAINING_SHARES), [i.pain for i in items])


def _shaded(table: Table, pains: list[PainRef]) -> Table:
    """Each severity cell on its severity's colour, as on the map and the pain-point report."""
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, row), (0, row), colors.HexColor(fill(pain.severity)))
                for row, pain in enumerate(pains, start=1)
            ]
        )
    )
    return table


def systems_table(c: Comparison, width: float, s: Styles) -> Table | None:
    if not (c.systems_retired or c.systems_added):
        return None
    rows = [
        _header(("Retired (used in the as-is, not in the to-be)", "Added (new in the to-be)"), s)
    ]
    for n in range(max(len(c.systems_retired), len(c.systems_added))):
        retired = c.systems_retired[n] if n < len(c.systems_retired) else ""
        added = c.systems_added[n] if n < len(c.systems_added) else ""
        rows.append([para(retired, s.body), para(added, s.body)])
    return report_table(rows, min(width, 560.0), SYSTEM_SHARES)


def hand_offs_table(items: tuple[HandOffRef, ...], width: float, s: Styles) -> Table | None:
    if not items:
        return None
    rows = [_header(("From", "To", "Card handing on", "Card taking over"), s)]
    for item in items:
        rows.append(
            [
                para(item.from_role, s.body),
                para(item.to_role, s.body),
                para(_text(item.source), s.small),
                para(_text(item.target), s.small),
            ]
        )
    return report_table(rows, width, HAND_OFF_SHARES)


def contacts_table(c: Comparison, width: float, s: Styles) -> Table | None:
    before = {(p.kind, p.name.casefold()): p.name for p in c.before.contact_points}
    after = {(p.kind, p.name.casefold()): p.name for p in c.after.contact_points}
    keys = list(before) + [key for key in after if key not in before]
    if not keys:
        return None
    keys.sort(key=lambda key: key[0] != "channel")  # channels first, each in order met
    rows = [_header(("Kind", "Contact point", "As-is", "To-be"), s)]
    for key in keys:
        rows.append(
            [
                para(key[0], s.body),
                para(before.get(key) or after[key], s.body),
                para("yes" if key in before else "–", s.number),
                para("yes" if key in after else "–", s.number),
            ]
        )
    return report_table(rows, min(width, 560.0), CONTACT_SHARES)


__all__ = [
    "cards_table",
    "changed_table",
    "contacts_table",
    "hand_offs_table",
    "moved_table",
    "remaining_table",
    "resolved_table",
    "systems_table",
]
