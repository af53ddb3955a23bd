"""Findings about how the work flows along connectors: hand-offs between roles or teams,
frontstage actions with nothing behind them, and orphan cards."""

from __future__ import annotations

from collections import deque

import networkx as nx

from app.analysis.facts import ProjectFacts
from app.analysis.finding_types import (
    Finding,
    FindingKind,
    ItemRef,
    card_name,
    card_ref,
    listed,
    plural,
)
from app.analysis.journey import BEHIND_LANES, hand_offs
from app.model.kinds import LaneKind


def hand_off_findings(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    """One finding with the number of hand-offs and the pairs of roles, most frequent
    first (then in the order first met)."""
    found = hand_offs(facts, blueprint_id)
    if not found:
        return []
    pairs: dict[tuple[str, str], int] = {}
    for hand_off in found:
        pair = (hand_off.from_role or "someone", hand_off.to_role or "someone")
        pairs[pair] = pairs.get(pair, 0) + 1
    first = {pair: n for n, pair in enumerate(pairs)}
    ranked = sorted(pairs, key=lambda p: (-pairs[p], first[p]))
    named = [
        f"{a} → {b}" + (f" ({pairs[(a, b)]} times)" if pairs[(a, b)] > 1 else "") for a, b in ranked
    ]
    sentence = (
        f"The work changes hands {plural(len(found), 'time')} along the connectors, between "
        f"{plural(len(pairs), 'pair')} of roles or teams: {listed(named, 8)}. "
        "Each hand-off is a place where things wait or get lost; check who owns each one."
    )
    items: list[ItemRef] = []
    seen: set[str] = set()
    for hand_off in found:
        for card_id in (hand_off.source_card_id, hand_off.target_card_id):
            if card_id not in seen:
                seen.add(card_id)
                items.append(card_ref(facts.cards[card_id]))
    title = f"{plural(len(found), 'hand-off')} between roles"
    return [Finding(FindingKind.HAND_OFFS, title, sentence, tuple(items))]


def backed_cards(facts: ProjectFacts, graph: nx.DiGraph) -> set[str]:
    """The cards with a backstage, support or systems card upstream or downstream of them
    through connectors (those cards included): one search each way from all of them."""
    behind = [n for n in graph if facts.cards[n].lane_kind in BEHIND_LANES]
    return reached_from(graph.succ, behind) | reached_from(graph.pred, behind)


def reached_from(neighbours, sources) -> set[str]:
    """Every node reachable from any of ``sources`` (included) through ``neighbours``
    (``graph.succ`` downstream, ``graph.pred`` upstream)."""
    seen = set(sources)
    todo = deque(seen)
    while todo:
        for other in neighbours[todo.popleft()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def unsupported_and_orphans(
    facts: ProjectFacts, blueprint_id: str, graph: nx.DiGraph
) -> list[Finding]:
    """Frontstage actions with no backstage, support or systems card reachable through
    connectors (one finding), and the other cards with no connector at all (one finding)
    when the blueprint has connectors. Physical evidence is never an orphan: props are
    rarely joined by arrows."""
    cards = facts.cards_of(blueprint_id)
    if graph.number_of_edges() == 0:
        return []
    backed = backed_cards(facts, graph)
    bare = [c for c in cards if c.lane_kind == LaneKind.FRONTSTAGE.value and c.id not in backed]
    findings: list[Finding] = []
    if bare:
        names = [card_name(c) for c in bare]
        sentence = (
            f"Nothing backstage, in support processes or in systems is connected to "
            f"{plural(len(bare), 'frontstage action')}: {listed(names)}. "
            "Show what makes each one happen, or check it does not rest on one person alone."
        )
        title = f"{plural(len(bare), 'frontstage action')} with nothing behind"
        findings.append(
            Finding(
                FindingKind.UNSUPPORTED_FRONTSTAGE,
                title,
                sentence,
                tuple(card_ref(c) for c in bare),
            )
        )
    reported = {c.id for c in bare}
    orphans = [
        c
        for c in cards
        if graph.degree(c.id) == 0
        and c.id not in reported
        and c.lane_kind != LaneKind.PHYSICAL_EVIDENCE.value
    ]
    if orphans:
        names = [card_name(c) for c in orphans]
        sentence = (
            f"{plural(len(orphans), 'card')} {'has' if len(orphans) == 1 else 'have'} no "
            f"connector, so the map does not show what leads to "
            f"{'it' if len(orphans) == 1 else 'them'} or follows: {listed(names)}. "
            "Connect them to the journey, or check they belong on this map."
        )
        title = f"{plural(len(orphans), 'card')} with no connector"
        findings.append(
            Finding(FindingKind.ORPHAN_CARDS, title, sentence, tuple(card_ref(c) for c in orphans))
        )
    return findings
