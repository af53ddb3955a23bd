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

from sqlalchemy.orm import Session

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
from app.analysis.compare_read import Lineage, read_both
from app.analysis.facts import CardFact, PainFact, ProjectFacts
from app.analysis.journey import contact_points, hand_offs
from app.model.errors import ModelError
from app.model.lookup import blueprint_named
from app.model.structure import Blueprint

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
    before = blueprint_named(session, from_name)
    after = blueprint_named(session, to_name)
    return compare_blueprints(session, before, after)


def compare_blueprints(
    session: Session, before: Blueprint, after: Blueprint, facts: ProjectFacts | None = None
) -> Comparison:
    """What ``after`` (the to-be) changes of ``before`` (the as-is); ``facts``, when read
    already with both blueprints, are not read again."""
    if before.id == after.id:
        raise ModelError(
            f"{before.name!r} cannot be compared with itself; choose its to-be or its as-is"
        )
    facts, origin = read_both(session, [before.id, after.id], facts)
    old_cards, new_cards = facts.cards_of(before.id), facts.cards_of(after.id)
    old_by_id = {card.id: card for card in old_cards}
    copies: dict[str, CardFact] = {}  # as-is card id: its to-be copy
    for card in new_cards:
        source = origin.cards.get(card.id)
        if source in old_by_id and source not in copies:
            copies[source] = card
    step_ids = {step.id for step in facts.steps_of(before.id)}
    lane_ids = {lane.id for lane in facts.lanes.values() if lane.blueprint_id == before.id}
    lineage = bool(
        copies
        or after.derived_from_id == before.id
        or any(origin.steps.get(step.id) in step_ids for step in facts.steps_of(after.id))
        or any(
            origin.lanes.get(lane.id) in lane_ids
            for lane in facts.lanes.values()
            if lane.blueprint_id == after.id
        )
    )
    if not lineage:
        copies = {}
    reader = _Reader(facts, origin)
    matched = {card.id for card in copies.values()}
    added = tuple(reader.ref(card) for card in new_cards if card.id not in matched)
    removed = tuple(reader.ref(card) for card in old_cards if card.id not in copies)
    changed: list[CardChange] = []
    moved: list[CardMove] = []
    for card in new_cards:
        if card.id not in matched:
            continue
        old = old_by_id[origin.cards[card.id]]
        fields = reader.differences(old, card)
        if fields:
            changed.append(CardChange(reader.ref(old), reader.ref(card), fields))
        lane_moved = origin.lanes.get(card.lane_id) != old.lane_id
        step_moved = origin.steps.get(card.step_id) != old.step_id
        if lane_moved or step_moved:
            moved.append(CardMove(reader.ref(old), reader.ref(card), lane_moved, step_moved))
    resolved, remaining = reader.pain_points(
        before.id, after.id, copies, {c.after.id for c in changed}
    )
    if not lineage:  # without lineage nothing is known to be resolved or new
        resolved = ()
        remaining = tuple(RemainingPain(r.pain, False) for r in remaining)
    old_side, new_side = reader.side(before), reader.side(after)
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


class _Reader:
    """Turns the facts of the two blueprints into the comparison's plain values."""

    def __init__(self, facts: ProjectFacts, origin: Lineage) -> None:
        self.facts, self.origin = facts, origin

    def ref(self, card: CardFact) -> CardRef:
        facts = self.facts
        lane, step = facts.lanes[card.lane_id], facts.steps[card.step_id]
        return CardRef(card.id, card.blueprint_id, card.text, lane.title, step.title)

    def side(self, blueprint: Blueprint) -> Side:
        facts = self.facts
        cards = facts.cards_of(blueprint.id)
        passes = tuple(
            HandOffRef(
                h.connector_id,
                self.ref(facts.cards[h.source_card_id]),
                self.ref(facts.cards[h.target_card_id]),
                h.from_role,
                h.to_role,
            )
            for h in hand_offs(facts, blueprint.id)
        )
        contacts = tuple(
            ContactRef(p.kind, p.name, p.card_ids) for p in contact_points(facts, blueprint.id)
        )
        systems = {s for card in cards for s in facts.card_systems.get(card.id, ())}
        names = sorted((facts.systems[s].name for s in systems), key=str.casefold)
        return Side(
            id=blueprint.id,
            name=blueprint.name,
            kind=blueprint.kind.value,
            cards=len(cards),
            hand_offs=passes,
            contact_points=contacts,
            systems=tuple(names),
        )

    # -- cards ------------------------------------------------------------------------------

    def differences(self, old: CardFact, new: CardFact) -> tuple[FieldChange, ...]:
        """The fields of ``new`` that differ from ``old``, each as the user reads it."""
        facts, notes = self.facts, self.origin.notes
        pairs = (
            ("text", old.text, new.text),
            ("actor", facts.actor_name(old.actor_id), facts.actor_name(new.actor_id)),
            ("channel", old.channel, new.channel),
            ("systems", self._systems(old), self._systems(new)),
            ("duration", _duration(old), _duration(new)),
            ("flags", _flags(old), _flags(new)),
            ("notes", notes.get(old.id, ""), notes.get(new.id, "")),
        )
        return tuple(FieldChange(name, a, b) for name, a, b in pairs if a != b)

    def _systems(self, card: CardFact) -> str:
        return ", ".join(sorted(self.facts.system_names(card.id), key=str.casefold))

    # -- pain points ------------------------------------------------------------------------

    def _pains_of(self, blueprint_id: str) -> list[PainFact]:
        facts = self.facts
        cards = {card.id for card in facts.cards_of(blueprint_id)}
        steps = {step.id for step in facts.steps_of(blueprint_id)}
        return [
            pain
            for pain in facts.pain_points.values()
            if pain.card_id in cards or pain.step_id in steps
        ]

    def pain_ref(self, pain: PainFact, blueprint_id: str) -> PainRef:
        facts = self.facts
        if pain.card_id is not None:
            where = facts.cards[pain.card_id].text
        else:
            where = facts.steps[pain.step_id].title
        return PainRef(
            id=pain.id,
            blueprint_id=blueprint_id,
            description=pain.description,
            severity=pain.severity,
            perspective=pain.perspective,
            where=where,
            card_id=pain.card_id,
            step_id=pain.step_id,
        )

    def pain_points(
        self,
        before_id: str,
        after_id: str,
        copies: dict[str, CardFact],
        changed_ids: set[str],
    ) -> tuple[tuple[ResolvedPain, ...], tuple[RemainingPain, ...]]:
        origin = self.origin.pain_points
        old_pains = [p for p in self._pains_of(before_id) if not p.resolved]
        new_pains = self._pains_of(after_id)
        old_ids = {pain.id for pain in old_pains}
        copy_of = {origin.get(p.id): p for p in new_pains if origin.get(p.id) in old_ids}
        copied_steps = {self.origin.steps.get(s.id) for s in self.facts.steps_of(after_id)}
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
            to_be = self.pain_ref(copy, after_id) if copy is not None else None
            if copy is not None:
                settled.add(copy.id)
            resolved.append(ResolvedPain(self.pain_ref(pain, before_id), how, to_be))
        remaining = [
            RemainingPain(self.pain_ref(pain, after_id), origin.get(pain.id) not in old_ids)
            for pain in new_pains
            if not pain.resolved and pain.id not in settled
        ]
        resolved.sort(key=lambda r: (-r.pain.severity, r.pain.description.casefold()))
        remaining.sort(key=lambda r: (-r.pain.severity, r.pain.description.casefold()))
        return tuple(resolved), tuple(remaining)


def _duration(card: CardFact) -> str:
    return "" if card.duration_minutes is None else f"{card.duration_minutes} min"


def _flags(card: CardFact) -> str:
    named = [
        n for n, on in (("fail point", card.fail_point), ("wait point", card.wait_point)) if on
    ]
    return ", ".join(named)
