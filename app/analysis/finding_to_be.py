"""What a to-be changes of the as-is it was duplicated from, as a finding of the to-be: the
pain points it resolves and those that remain, the cards it removes, adds and changes,
the systems it retires or adds, and the hand-offs and contact points before and after.
The comparison itself is compare.py's; this says its headline in sentences."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.analysis.compare import compare_blueprints
from app.analysis.compare_model import Comparison
from app.analysis.facts import ProjectFacts
from app.analysis.finding_types import Finding, FindingKind, ItemRef, listed, plural, quoted
from app.model.structure import Blueprint


def to_be_findings(session: Session, facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    """The improvements of the to-be ``blueprint_id`` over its as-is, when it has one
    still in the project; nothing for an as-is or a to-be made from scratch."""
    fact = facts.blueprints[blueprint_id]
    if fact.kind != "to-be" or fact.derived_from_id is None:
        return []
    before = session.get(Blueprint, fact.derived_from_id)
    after = session.get(Blueprint, blueprint_id)
    if before is None or after is None:
        return []
    comparison = compare_blueprints(session, before, after, facts)
    if not comparison.lineage:
        return []
    return [_improvements(comparison)]


def _improvements(c: Comparison) -> Finding:
    open_before = len(c.resolved) + sum(1 for r in c.remaining if not r.new)
    new = sum(1 for r in c.remaining if r.new)
    sentences = [f"Compared with {c.before.name}, this to-be {_pain_words(c, open_before, new)}."]
    cards = []
    if c.removed:
        shown = [quoted(r.text, 40) for r in c.removed[:3]]
        names = listed(shown + [""] * (len(c.removed) - len(shown)), limit=3)
        cards.append(f"removes {plural(len(c.removed), 'card')} ({names})")
    if c.added:
        cards.append(f"adds {len(c.added)}")
    if c.changed:
        cards.append(f"changes {len(c.changed)}")
    if c.moved:
        cards.append(f"moves {len(c.moved)}")
    if cards:
        sentences.append(f"It {listed(cards)}.")
    sentences.append(_systems_words(c))
    sentences.append(
        f"Hand-offs between roles go from {len(c.before.hand_offs)} to "
        f"{len(c.after.hand_offs)}, and the contact points a service user meets from "
        f"{len(c.before.contact_points)} to {len(c.after.contact_points)}."
    )
    items = (
        *(
            ItemRef("pain point", r.pain.id, r.pain.description, r.pain.blueprint_id)
            for r in c.resolved
        ),
        *(ItemRef("card", r.id, r.text, r.blueprint_id) for r in c.removed),
        *(ItemRef("card", r.id, r.text, r.blueprint_id) for r in c.added),
    )
    title = f"{plural(len(c.resolved), 'pain point')} resolved over the as-is"
    return Finding(FindingKind.TO_BE_IMPROVEMENTS, title, " ".join(sentences), items)


def _pain_words(c: Comparison, open_before: int, new: int) -> str:
    resolved = len(c.resolved)
    if not open_before:
        words = "has no open pain point of the as-is to resolve"
    elif resolved == open_before:
        words = f"resolves all {open_before:,} open pain points of the as-is"
    else:
        remain = open_before - resolved
        words = (
            f"resolves {resolved:,} of the {open_before:,} open pain points of the as-is "
            f"({remain:,} {'remains' if remain == 1 else 'remain'})"
        )
    if new:
        words += f" and brings {plural(new, 'new pain point')}"
    return words


def _systems_words(c: Comparison) -> str:
    parts = []
    if c.systems_retired:
        parts.append(f"retires {listed(list(c.systems_retired))}")
    if c.systems_added:
        parts.append(f"brings in {listed(list(c.systems_added))}")
    if not parts:
        return "It uses the same systems."
    return f"It {' and '.join(parts)}."
