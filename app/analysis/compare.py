"""As-is to to-be: what the to-be changes, matched through lineage.

"Duplicate as to-be" (app.model.duplicate) records on every copied stage, step, lane,
card, connector and pain point the UUID of the as-is row it came from (``derived_from``).
The comparison follows those records and nothing else: a card whose as-is original is
gone from the to-be was removed, a to-be card with no original was added, a matched card
whose fields differ was changed, and one in a lane or step that is not the copy of its
original's was moved (a new place in the same cell is not a move). A to-be that was not
duplicated from the as-is matches nothing: its cards all count as added, the as-is's as
removed, and the comparison says so rather than guessing by text.

An open as-is pain point is resolved when its copy is marked resolved, when its card (or
step) was removed, when its card was changed, or when it was taken off the to-be; the
to-be's open pain points that are not so resolved remain. Systems are those named by
the cards of each blueprint; hand-offs and contact points are those of the findings
(app.analysis.journey), counted before and after.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.analysis.compare_model import (
    CARD_CHANGED,
    CARD_REMOVED,
    MARKED_RESOLVED,
    STEP_REMOVED,
    TAKEN_OFF,
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
    Side,
)
from app.analysis.facts import ProjectFacts
from app.analysis.journey import contact_points, hand_offs, read_facts
from app.model.errors import ModelError
from app.model.method import PainPoint
from app.model.structure import Blueprint, Card, Lane, Project, Step

NO_LINEAGE = (
    "{after} was not duplicated from {before}, so no card or pain point can be matched: "
    "every card of {before} is listed as removed and every card of {after} as added, and "
    "no pain point is counted as resolved. Use Duplicate as To-be on {before} to compare "
    "a to-be with its as-is."
)
SWAPPED = (
    "{before} was duplicated from {after}: compare them the other way round ({after} "
    "first) to see what the change does."
)


def compare(session: Session, from_name: str, to_name: str) -> Comparison:
    """Compare the blueprint called ``from_name`` (the as-is) with ``to_name`` (the to-be),
    names matched ignoring case; ModelError names the blueprints when one is unknown."""
    before = find_blueprint(session, from_name)
    after = find_blueprint(session, to_name)
    return compare_blueprints(session, before, after)


def find_blueprint(session: Session, name: str) -> Blueprint:
    project = session.scalar(select(Project))
    blueprints = list(project.blueprints) if project is not None else []
    wanted = name.strip().casefold()
    for blueprint in blueprints:
        if blueprint.name.casefold() == wanted:
            return blueprint
    if not blueprints:
        raise ModelError("the project has no blueprints to compare")
    names = ", ".join(repr(b.name) for b in blueprints)
    raise ModelError(f"no blueprint is called {name!r}; the blueprints are {names}")


def compare_blueprints(session: Session, before: Blueprint, after: Blueprint) -> Comparison:
    """What ``after`` (the to-be) changes of ``before`` (the as-is)."""
    if before.id == after.id:
        raise ModelError(
            f"{before.name!r} cannot be compared with itself; choose its to-be or its as-is"
        )
    old_cards = _cards(session, before.id)
    new_cards = _cards(session, after.id)
    old_by_id = {card.id: card for card in old_cards}
    copies: dict[str, Card] = {}
    for card in new_cards:
        if card.derived_from in old_by_id and card.derived_from not in copies:
            copies[card.derived_from] = card
    step_ids = {step.id for step in before.steps}
    lane_ids = {lane.id for lane in before.lanes}
    lineage = bool(
        copies
        or after.derived_from_id == before.id
        or any(step.derived_from in step_ids for step in after.steps)
        or any(lane.derived_from in lane_ids for lane in after.lanes)
    )
    if not lineage:
        copies = {}
    matched = {card.id for card in copies.values()}
    added = tuple(_ref(card) for card in new_cards if card.id not in matched)
    removed = tuple(_ref(card) for card in old_cards if card.id not in copies)
    changed: list[CardChange] = []
    moved: list[CardMove] = []
    for card in new_cards:
        if card.id not in matched:
            continue
        old = old_by_id[card.derived_from]
        fields = card_differences(old, card)
        if fields:
            changed.append(CardChange(_ref(old), _ref(card), fields))
        lane_moved = card.lane.derived_from != old.lane_id
        step_moved = card.step.derived_from != old.step_id
        if lane_moved or step_moved:
            moved.append(CardMove(_ref(old), _ref(card), lane_moved, step_moved))
    resolved, remaining = _pain_points(
        session, before, after, old_cards, new_cards, copies, {c.after.id for c in changed}
    )
    if not lineage:  # without lineage nothing is known to be resolved or new
        resolved = ()
        remaining = tuple(RemainingPain(r.pain, False) for r in remaining)
    facts = read_facts(session, [before.id, after.id])
    old_side, new_side = _side(facts, before, old_cards), _side(facts, after, new_cards)
    old_systems, new_systems = set(old_side.systems), set(new_side.systems)
    return Comparison(
        before=old_side,
        after=new_side,
        lineage=lineage,
        note=_note(before, after, lineage),
        added=added,
        removed=removed,
        changed=tuple(changed),
        moved=tuple(moved),
        resolved=resolved,
        remaining=remaining,
        systems_retired=tuple(s for s in old_side.systems if s not in new_systems),
        systems_added=tuple(s for s in new_side.systems if s not in old_systems),
    )


def _note(before: Blueprint, after: Blueprint, lineage: bool) -> str:
    if lineage:
        return ""
    names = {"before": repr(before.name), "after": repr(after.name)}
    if before.derived_from_id == after.id:
        return NO_LINEAGE.format(**names) + " " + SWAPPED.format(**names)
    return NO_LINEAGE.format(**names)


# -- reading -------------------------------------------------------------------------------


def _cards(session: Session, blueprint_id: str) -> list[Card]:
    """The blueprint's cards along the journey: step by step, each step top to bottom."""
    query = (
        select(Card)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Step, Card.step_id == Step.id)
        .where(Lane.blueprint_id == blueprint_id)
        .order_by(Step.position, Lane.position, Card.position)
        .options(
            joinedload(Card.lane),
            joinedload(Card.step),
            joinedload(Card.actor),
            selectinload(Card.systems),
            selectinload(Card.pain_points),
        )
    )
    return list(session.scalars(query).unique())


def _step_pain_points(session: Session, blueprint_id: str) -> list[PainPoint]:
    query = (
        select(PainPoint)
        .join(Step, PainPoint.step_id == Step.id)
        .where(Step.blueprint_id == blueprint_id)
        .order_by(Step.position)
        .options(joinedload(PainPoint.step))
    )
    return list(session.scalars(query))


def _ref(card: Card) -> CardRef:
    return CardRef(card.id, card.lane.blueprint_id, card.text, card.lane.title, card.step.title)


def _side(facts: ProjectFacts, blueprint: Blueprint, cards: list[Card]) -> Side:
    refs = {card.id: _ref(card) for card in cards}
    passes = tuple(
        HandOffRef(
            h.connector_id, refs[h.source_card_id], refs[h.target_card_id], h.from_role, h.to_role
        )
        for h in hand_offs(facts, blueprint.id)
    )
    contacts = tuple(
        ContactRef(p.kind, p.name, p.card_ids) for p in contact_points(facts, blueprint.id)
    )
    systems: dict[str, str] = {}
    for card in cards:
        for system in card.systems:
            systems.setdefault(system.id, system.name)
    return Side(
        id=blueprint.id,
        name=blueprint.name,
        kind=blueprint.kind.value,
        cards=len(cards),
        hand_offs=passes,
        contact_points=contacts,
        systems=tuple(sorted(systems.values(), key=str.casefold)),
    )


# -- cards ----------------------------------------------------------------------------------


def card_differences(old: Card, new: Card) -> tuple[FieldChange, ...]:
    """The fields of ``new`` that differ from ``old``, each as the user reads it."""
    pairs = (
        ("text", old.text, new.text),
        ("actor", _actor(old), _actor(new)),
        ("channel", old.channel, new.channel),
        ("systems", _systems(old), _systems(new)),
        ("duration", _duration(old), _duration(new)),
        ("flags", _flags(old), _flags(new)),
        ("notes", old.notes, new.notes),
    )
    return tuple(FieldChange(name, a, b) for name, a, b in pairs if a != b)


def _actor(card: Card) -> str:
    return card.actor.name if card.actor is not None else ""


def _systems(card: Card) -> str:
    return ", ".join(sorted((s.name for s in card.systems), key=str.casefold))


def _duration(card: Card) -> str:
    return "" if card.duration_minutes is None else f"{card.duration_minutes} min"


def _flags(card: Card) -> str:
    named = [
        n for n, on in (("fail point", card.fail_point), ("wait point", card.wait_point)) if on
    ]
    return ", ".join(named)


# -- pain points ----------------------------------------------------------------------------


def _pain_ref(pain: PainPoint, blueprint_id: str) -> PainRef:
    if pain.card is not None:
        where = pain.card.text
    else:
        where = pain.step.title if pain.step is not None else ""
    return PainRef(
        id=pain.id,
        blueprint_id=blueprint_id,
        description=pain.description,
        severity=pain.severity,
        perspective=pain.perspective.value,
        where=where,
        card_id=pain.card_id,
        step_id=pain.step_id,
    )


def _all_pain_points(session: Session, blueprint: Blueprint, cards: Iterable[Card]) -> list:
    on_cards = [pain for card in cards for pain in card.pain_points]
    return on_cards + _step_pain_points(session, blueprint.id)


def _pain_points(
    session: Session,
    before: Blueprint,
    after: Blueprint,
    old_cards: list[Card],
    new_cards: list[Card],
    copies: dict[str, Card],
    changed_ids: set[str],
) -> tuple[tuple[ResolvedPain, ...], tuple[RemainingPain, ...]]:
    old_pains = [p for p in _all_pain_points(session, before, old_cards) if not p.resolved]
    new_pains = _all_pain_points(session, after, new_cards)
    old_ids = {pain.id for pain in old_pains}
    copy_of = {p.derived_from: p for p in new_pains if p.derived_from in old_ids}
    copied_steps = {step.derived_from for step in after.steps}
    resolved: list[ResolvedPain] = []
    settled: set[str] = set()  # to-be copies of pain points counted as resolved
    for pain in old_pains:
        copy = copy_of.get(pain.id)
        card_copy = copies.get(pain.card_id) if pain.card_id is not None else None
        if copy is not None and copy.resolved:
            how = MARKED_RESOLVED
        elif pain.card_id is not None and card_copy is None:
            how = CARD_REMOVED
        elif pain.step_id is not None and pain.step_id not in copied_steps:
            how = STEP_REMOVED
        elif card_copy is not None and card_copy.id in changed_ids:
            how = CARD_CHANGED
        elif copy is None:
            how = TAKEN_OFF
        else:
            continue
        to_be = _pain_ref(copy, after.id) if copy is not None else None
        if copy is not None:
            settled.add(copy.id)
        resolved.append(ResolvedPain(_pain_ref(pain, before.id), how, to_be))
    remaining = tuple(
        RemainingPain(_pain_ref(pain, after.id), pain.derived_from not in old_ids)
        for pain in new_pains
        if not pain.resolved and pain.id not in settled
    )
    resolved.sort(key=lambda r: (-r.pain.severity, r.pain.description.casefold()))
    ordered = sorted(remaining, key=lambda r: (-r.pain.severity, r.pain.description.casefold()))
    return tuple(resolved), tuple(ordered)
