"""The comparison in words: a headline a service manager understands, the lines of each
list (shared by the terminal, the PDF report and the compare view), and the JSON form."""

from __future__ import annotations

from typing import Any

from app.analysis.compare_model import (
    FIELD_NAMES,
    CardChange,
    CardMove,
    CardRef,
    Comparison,
    ContactRef,
    FieldChange,
    HandOffRef,
    PainRef,
    RemainingPain,
    ResolvedPain,
)

FORMAT = "stagecraft-comparison"
VERSION = 1
NO_TEXT = "(card with no text)"
TEXT_CHARS = 90


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def headline(c: Comparison) -> str:
    """The improvements in one sentence: pain points resolved and remaining, systems
    retired and added, hand-offs and contact points before and after."""
    resolved, remaining = len(c.resolved), len(c.remaining)
    remain = "remains" if remaining == 1 else "remain"
    parts = [f"{plural(resolved, 'pain point')} resolved, {remaining} {remain}"]
    if c.systems_retired:
        names = ", ".join(c.systems_retired)
        parts.append(f"{plural(len(c.systems_retired), 'system')} retired: {names}")
    if c.systems_added:
        names = ", ".join(c.systems_added)
        parts.append(f"{plural(len(c.systems_added), 'system')} added: {names}")
    if not (c.systems_retired or c.systems_added):
        parts.append("no system retired or added")
    parts.append(f"hand-offs {len(c.before.hand_offs)} → {len(c.after.hand_offs)}")
    parts.append(f"contact points {len(c.before.contact_points)} → {len(c.after.contact_points)}")
    return "; ".join(parts) + "."


def cards_line(c: Comparison) -> str:
    counts = (
        f"{len(c.added)} added, {len(c.removed)} removed, {len(c.changed)} changed, "
        f"{len(c.moved)} moved"
    )
    return f"Cards: {counts} ({c.before.cards} → {c.after.cards} cards)."


def title(c: Comparison) -> str:
    return f"{c.before.name} → {c.after.name}"


# -- one line per item -----------------------------------------------------------------------


def card_text(ref: CardRef, limit: int = TEXT_CHARS) -> str:
    text = " ".join(ref.text.split()) or NO_TEXT
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def place(ref: CardRef) -> str:
    return f"{ref.lane}, {ref.step}"


def field_line(change: FieldChange) -> str:
    before = _value(change.before, change.field)
    after = _value(change.after, change.field)
    return f"{FIELD_NAMES[change.field]}: {before} → {after}"


def _value(text: str, field: str) -> str:
    if not text:
        return "none" if field == "flags" else "(empty)"
    text = " ".join(text.split())
    if field in ("text", "notes"):
        text = f"“{text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + '…'}”"
    return text


def changed_fields(change: CardChange) -> str:
    return ", ".join(FIELD_NAMES[name] for name in change.field_names)


def move_line(move: CardMove) -> str:
    what = []
    if move.lane_moved:
        what.append(f"lane {move.before.lane} → {move.after.lane}")
    if move.step_moved:
        what.append(f"step {move.before.step} → {move.after.step}")
    return "; ".join(what)


def pain_line(pain: PainRef) -> str:
    where = f" on “{' '.join(pain.where.split())}”" if pain.where.strip() else ""
    text = " ".join(pain.description.split()) or "(pain point with no description)"
    return f"[{pain.severity}] {text} ({pain.perspective}){where}"


def remaining_line(item: RemainingPain) -> str:
    return pain_line(item.pain) + (", new in the to-be" if item.new else "")


def resolved_line(item: ResolvedPain) -> str:
    return f"{pain_line(item.pain)}: {item.how}"


def hand_off_line(item: HandOffRef) -> str:
    return (
        f"{item.from_role or '?'} → {item.to_role or '?'}: "
        f"“{card_text(item.source, 50)}” → “{card_text(item.target, 50)}”"
    )


def contacts_line(points: tuple[ContactRef, ...]) -> str:
    channels = [p.name for p in points if p.kind == "channel"]
    systems = [p.name for p in points if p.kind == "system"]
    parts = []
    if channels:
        parts.append("channels: " + ", ".join(channels))
    if systems:
        parts.append("systems: " + ", ".join(systems))
    return "; ".join(parts) or "none"


# -- the terminal -------------------------------------------------------------------------------


def comparison_text(c: Comparison) -> str:
    """The comparison as plain text: the headline, then every list."""
    lines = [title(c), "", headline(c)[:1].upper() + headline(c)[1:], cards_line(c)]
    if c.note:
        lines += ["", c.note]

    def section(name: str, items: list[str], count: int | None = None) -> None:
        lines.extend(["", f"{name} ({len(items) if count is None else count})"])
        lines.extend(items or ["  none"])

    section("Cards added", [f"  + {card_text(r)} ({place(r)})" for r in c.added])
    section("Cards removed", [f"  - {card_text(r)} ({place(r)})" for r in c.removed])
    changed: list[str] = []
    for change in c.changed:
        changed.append(f"  * {card_text(change.after)} ({place(change.after)})")
        changed.extend(f"      {field_line(f)}" for f in change.fields)
    section("Cards changed", changed, len(c.changed))
    section("Cards moved", [f"  > {card_text(m.after)}: {move_line(m)}" for m in c.moved])
    section("Pain points resolved", [f"  ✓ {resolved_line(r)}" for r in c.resolved])
    section("Pain points remaining", [f"  ! {remaining_line(r)}" for r in c.remaining])
    section("Systems retired", [f"  - {name}" for name in c.systems_retired])
    section("Systems added", [f"  + {name}" for name in c.systems_added])
    for label, side in (("before", c.before), ("after", c.after)):
        section(f"Hand-offs {label}", [f"  {hand_off_line(h)}" for h in side.hand_offs])
    lines += [
        "",
        f"Contact points: {len(c.before.contact_points)} before, "
        f"{len(c.after.contact_points)} after",
        f"  before: {contacts_line(c.before.contact_points)}",
        f"  after: {contacts_line(c.after.contact_points)}",
    ]
    return "\n".join(lines) + "\n"


# -- JSON -----------------------------------------------------------------------------------------


def _card(ref: CardRef) -> dict[str, Any]:
    return {"id": ref.id, "text": ref.text, "lane": ref.lane, "step": ref.step}


def _pain(pain: PainRef) -> dict[str, Any]:
    return {
        "id": pain.id,
        "description": pain.description,
        "severity": pain.severity,
        "perspective": pain.perspective,
        "where": pain.where,
        "card_id": pain.card_id,
        "step_id": pain.step_id,
    }


def _side(c: Comparison, before: bool) -> dict[str, Any]:
    side = c.before if before else c.after
    return {"id": side.id, "name": side.name, "kind": side.kind, "cards": side.cards}


def comparison_json(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready values with stable keys."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "from": _side(c, True),
        "to": _side(c, False),
        "lineage": c.lineage,
        "note": c.note,
        "headline": headline(c)[:1].upper() + headline(c)[1:],
        "cards": {
            "added": [_card(r) for r in c.added],
            "removed": [_card(r) for r in c.removed],
            "changed": [
                {
                    "before": _card(change.before),
                    "after": _card(change.after),
                    "fields": [
                        {"field": f.field, "before": f.before, "after": f.after}
                        for f in change.fields
                    ],
                }
                for change in c.changed
            ],
            "moved": [
                {
                    "before": _card(m.before),
                    "after": _card(m.after),
                    "lane_moved": m.lane_moved,
                    "step_moved": m.step_moved,
                }
                for m in c.moved
            ],
        },
        "pain_points": {
            "resolved": [
                {**_pain(r.pain), "how": r.how, "to_be_id": r.to_be.id if r.to_be else None}
                for r in c.resolved
            ],
            "remaining": [{**_pain(r.pain), "new": r.new} for r in c.remaining],
        },
        "systems": {
            "before": list(c.before.systems),
            "after": list(c.after.systems),
            "retired": list(c.systems_retired),
            "added": list(c.systems_added),
        },
        "hand_offs": {
            "before": len(c.before.hand_offs),
            "after": len(c.after.hand_offs),
            "before_items": [_hand_off(h) for h in c.before.hand_offs],
            "after_items": [_hand_off(h) for h in c.after.hand_offs],
        },
        "contact_points": {
            "before": len(c.before.contact_points),
            "after": len(c.after.contact_points),
            "before_items": [_contact(p) for p in c.before.contact_points],
            "after_items": [_contact(p) for p in c.after.contact_points],
        },
    }


def _hand_off(h: HandOffRef) -> dict[str, Any]:
    return {
        "connector_id": h.connector_id,
        "from_role": h.from_role,
        "to_role": h.to_role,
        "source": _card(h.source),
        "target": _card(h.target),
    }


def _contact(p: ContactRef) -> dict[str, Any]:
    return {"kind": p.kind, "name": p.name, "card_ids": list(p.card_ids)}
