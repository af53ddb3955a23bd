"""The sample's to-be blueprint: a lineage-keeping duplicate of the as-is with the source's
described changes applied (steps added, cards removed, edited and added, pain points resolved)."""

from __future__ import annotations

from typing import Any

from app.model.duplicate import duplicate_as_to_be
from app.model.method import Opportunity, PainPoint
from app.model.ops_grid import add_step, delete_card, edit
from app.model.sample_source import (
    CARD_FIELDS,
    Refs,
    add_card_from,
    add_comments_from,
    add_connector_from,
    at,
    entries,
    link_card,
    pick,
    record,
    set_emotion_from,
    texts,
)
from app.model.structure import Blueprint, Card, Stage, Step

CHANGES = (
    "add_steps",
    "remove_cards",
    "edit_cards",
    "add_cards",
    "add_connectors",
    "resolve_pain_points",
    "set_emotions",
)


def build_to_be(as_is: Blueprint, spec: Any, refs: Refs) -> Blueprint:
    """Duplicate ``as_is`` and apply ``spec``'s changes; the source's refs name the copies."""
    where = "to_be"
    record(spec, where, ("name", "changes"), ("description", "comments"))
    with at(where):
        to_be = duplicate_as_to_be(as_is, spec["name"])
        if "description" in spec:
            edit(to_be, description=spec["description"])
    scope = _scope_of_copies(to_be, refs)
    for change, there in entries(spec, "changes", where):
        _apply(to_be, change, scope, there)
    add_comments_from(spec, scope, where)
    return to_be


def _scope_of_copies(to_be: Blueprint, refs: Refs) -> Refs:
    """The as-is refs pointed at their to-be copies (found by lineage); catalogue items,
    actors and opportunities are shared by both blueprints and stay as they are."""
    copies: dict[str | None, Any] = {}
    for item in (*to_be.stages, *to_be.lanes):
        copies[item.derived_from] = item
    for step in to_be.steps:
        copies[step.derived_from] = step
        copies.update((pain.derived_from, pain) for pain in step.pain_points)
    for lane in to_be.lanes:
        for card in lane.cards:
            copies[card.derived_from] = card
            copies.update((pain.derived_from, pain) for pain in card.pain_points)
    return Refs({ref: copies.get(item.id, item) for ref, item in refs.items.items()})


def _apply(to_be: Blueprint, change: Any, scope: Refs, where: str) -> None:
    record(change, where, ("title",), ("opportunity", *CHANGES))
    if "opportunity" in change:
        scope.get(change["opportunity"], Opportunity, f"{where}.opportunity")
    for step, there in entries(change, "add_steps", where):
        _add_step(to_be, step, scope, there)
    for ref in texts(change.get("remove_cards", []), f"{where}.remove_cards"):
        delete_card(scope.get(ref, Card, f"{where}.remove_cards"))
        scope.drop(ref)
    for spec, there in entries(change, "edit_cards", where):
        record(spec, there, ("ref",), (*CARD_FIELDS, "actor", "systems"))
        card = scope.get(spec["ref"], Card, f"{there}.ref")
        with at(there):
            edit(card, **pick(spec, CARD_FIELDS))
        link_card(card, spec, scope, there)
    for spec, there in entries(change, "add_cards", where):
        step = scope.get(_field(spec, "step"), Step, f"{there}.step")
        add_card_from(spec, step, scope, there, extra=("step", "index"))
    for spec, there in entries(change, "add_connectors", where):
        add_connector_from(spec, scope, there)
    for ref in texts(change.get("resolve_pain_points", []), f"{where}.resolve_pain_points"):
        edit(scope.get(ref, PainPoint, f"{where}.resolve_pain_points"), resolved=True)
    for spec, there in entries(change, "set_emotions", where):
        step = scope.get(_field(spec, "step"), Step, f"{there}.step")
        set_emotion_from(step, spec, there, extra=("step",))


def _add_step(to_be: Blueprint, spec: Any, scope: Refs, where: str) -> Step:
    record(spec, where, ("ref", "title"), ("stage", "after", "emotion"))
    stage = scope.get(spec["stage"], Stage, f"{where}.stage") if "stage" in spec else None
    index = None
    if "after" in spec:
        index = scope.get(spec["after"], Step, f"{where}.after").position + 1
    with at(where):
        step = add_step(to_be, spec["title"], stage=stage, index=index)
    scope.add(spec["ref"], step, where)
    if "emotion" in spec:
        set_emotion_from(step, spec["emotion"], f"{where}.emotion")
    return step


def _field(spec: Any, name: str) -> Any:
    return spec.get(name) if isinstance(spec, dict) else None
