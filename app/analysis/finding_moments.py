"""Findings about key moments: what each depends on upstream through connectors, and the
single points of failure, a system or a role whose loss cuts every path into it.

A path into a moment starts at a starting card of the journey (one with no connector
coming in) and ends at a card of the moment's step. Losing a system removes every
upstream card that uses it; losing a role removes every upstream card that role does.
Either is a single point of failure when, after the removal, no starting card left still
reaches any card of the moment.
"""

from __future__ import annotations

import networkx as nx

from app.analysis.facts import CardFact, ProjectFacts
from app.analysis.finding_flow import reached_from
from app.analysis.finding_types import (
    Finding,
    FindingKind,
    ItemRef,
    card_name,
    card_ref,
    listed,
    plural,
    step_ref,
    system_ref,
)
from app.analysis.journey import BEHIND_LANES
from app.model.kinds import ActorKind


def moment_findings(facts: ProjectFacts, blueprint_id: str, graph: nx.DiGraph) -> list[Finding]:
    findings: list[Finding] = []
    cards_by_step: dict[str, list[CardFact]] = {}
    for card in facts.cards_of(blueprint_id):
        cards_by_step.setdefault(card.step_id, []).append(card)
    for step in facts.steps_of(blueprint_id):
        if step.id in facts.key_moments:
            findings.extend(_one_moment(facts, step.id, cards_by_step.get(step.id, []), graph))
    return findings


def _one_moment(
    facts: ProjectFacts, step_id: str, moment: list[CardFact], graph: nx.DiGraph
) -> list[Finding]:
    step = facts.steps[step_id]
    blueprint_id = step.blueprint_id
    inside = {c.id for c in moment}
    upstream_ids = reached_from(graph.pred, inside) - inside
    upstream = [c for c in facts.cards_of(blueprint_id) if c.id in upstream_ids]
    behind = [c for c in upstream if c.lane_kind in BEHIND_LANES]
    system_ids: list[str] = []
    for card in [*upstream, *moment]:
        for system_id in facts.card_systems.get(card.id, ()):
            if system_id not in system_ids:
                system_ids.append(system_id)
    system_ids.sort(key=lambda s: facts.systems[s].name.casefold())
    systems = [facts.systems[s].name for s in system_ids]
    moment_name = f"“{step.title}”"
    if not upstream and not systems:
        sentence = (
            f"Nothing is connected upstream of the key moment {moment_name} and none of its "
            "cards names a system, so the map does not show what it depends on."
        )
    else:
        parts = []
        if behind:
            parts.append(
                f"{plural(len(behind), 'card')} behind the line of visibility upstream "
                f"({listed([card_name(c) for c in behind])})"
            )
        elif upstream:
            parts.append(f"{plural(len(upstream), 'card')} upstream, none of them backstage")
        if systems:
            parts.append(f"{plural(len(systems), 'system')}: {listed(systems, 8)}")
        sentence = f"The key moment {moment_name} depends on {' and on '.join(parts)}."
    failures = _single_points_of_failure(facts, inside, upstream, graph)
    if failures:
        names = [name for _, _, name, _ in failures]
        sentence += f" Losing {listed(names, 8, 'or')} alone would cut every path into it."
    elif upstream:
        sentence += " No single system or role cuts every path into it."
    items: list[ItemRef] = [step_ref(facts, step_id)]
    items.extend(card_ref(c) for c in behind)
    items.extend(system_ref(facts, s, blueprint_id) for s in system_ids)
    title = f"What {moment_name} depends on"
    findings = [Finding(FindingKind.MOMENT_DEPENDENCIES, title, sentence, tuple(items))]
    for kind, item_id, name, removed in failures:
        what = "system" if kind == "system" else "role"
        sentence = (
            f"If the {what} {name} were unavailable, nothing would lead into the key moment "
            f"{moment_name}: every path into it passes through "
            f"{listed([card_name(c) for c in removed])}. Plan how the moment happens without it."
        )
        refs = (
            ItemRef(kind, item_id, name, blueprint_id),
            step_ref(facts, step_id),
            *(card_ref(c) for c in removed),
        )
        findings.append(
            Finding(
                FindingKind.SINGLE_POINT_OF_FAILURE,
                f"{name}: single point of failure for {moment_name}",
                sentence,
                refs,
            )
        )
    return findings


def _single_points_of_failure(
    facts: ProjectFacts, inside: set[str], upstream: list[CardFact], graph: nx.DiGraph
) -> list[tuple[str, str, str, list[CardFact]]]:
    """(item kind, id, name, the upstream cards lost) for each system, then each staff or
    partner role, whose loss leaves no path from a starting card into the moment."""
    starts = [c.id for c in upstream if graph.in_degree(c.id) == 0]
    if not starts:
        return []
    candidates: dict[tuple[str, str], list[CardFact]] = {}
    for card in upstream:
        for system_id in facts.card_systems.get(card.id, ()):
            candidates.setdefault(("system", system_id), []).append(card)
        actor = facts.actors.get(card.actor_id) if card.actor_id else None
        if actor is not None and actor.kind != ActorKind.SERVICE_USER.value:
            candidates.setdefault(("actor", actor.id), []).append(card)
    failures = []
    for (kind, item_id), removed in candidates.items():
        gone = {c.id for c in removed}
        left = [s for s in starts if s not in gone]
        view = nx.restricted_view(graph, gone, [])
        if not reached_from(view.succ, left) & inside:
            name = facts.systems[item_id].name if kind == "system" else facts.actors[item_id].name
            failures.append((kind, item_id, name, removed))
    failures.sort(key=lambda f: (f[0] != "system", f[2].casefold()))
    return failures
