"""Findings about time: rework loops (cycles of connectors) and the longest chain of
waiting, the path through the connectors whose wait points add up to the most time.

The chain is found on the condensation of the connector graph (each loop one node), so
it is a longest path in a DAG: one pass in topological order. A wait point with no
duration counts as a wait of unknown length: it lengthens a chain only between chains of
equal minutes.
"""

from __future__ import annotations

from collections import deque

import networkx as nx

from app.analysis.facts import CardFact, ProjectFacts
from app.analysis.finding_types import (
    Finding,
    FindingKind,
    card_name,
    card_ref,
    duration,
    listed,
    plural,
)


def loops(graph: nx.DiGraph) -> list[set[str]]:
    """The strongly connected groups of cards (a single card is a group of one)."""
    return list(nx.strongly_connected_components(graph))


def rework_loops(
    facts: ProjectFacts, blueprint_id: str, graph: nx.DiGraph, groups: list[set[str]]
) -> list[Finding]:
    """One finding per loop (strongly connected group of cards), in reading order."""
    order = {c.id: n for n, c in enumerate(facts.cards_of(blueprint_id))}
    found = [g for g in groups if len(g) > 1]
    found.sort(key=lambda g: min(order[c] for c in g))
    findings = []
    for group in found:
        first = min(group, key=order.__getitem__)
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(group), source=first)]
        cards = [facts.cards[c] for c in cycle]
        path = " → ".join(card_name(c) for c in cards)
        sentence = (
            f"Work goes round in a loop: {path} → back to {card_name(cards[0])}. "
            "Each time round costs time and effort; find what sends the work back."
        )
        if len(group) > len(cycle):
            sentence += f" {len(group)} cards take part in this loop in all."
        others = sorted(group - set(cycle), key=order.__getitem__)
        items = tuple(card_ref(facts.cards[c]) for c in [*cycle, *others])
        findings.append(
            Finding(
                FindingKind.REWORK_LOOP,
                f"Rework loop through {card_name(cards[0])}",
                sentence,
                items,
            )
        )
    return findings


def waiting_chain(
    facts: ProjectFacts, blueprint_id: str, graph: nx.DiGraph, groups: list[set[str]]
) -> list[Finding]:
    """The longest chain of waiting: one finding, none when the blueprint has no wait
    point. A longest path on the condensation (groups of ``groups`` as nodes), taken in
    topological order (Kahn's, in reading order), weighed by (minutes, wait points)."""
    cards = facts.cards
    if not any(c.wait_point for c in facts.cards_of(blueprint_id)):
        return []
    order = {c.id: n for n, c in enumerate(facts.cards_of(blueprint_id))}
    group_of: dict[str, int] = {}
    first: list[int] = []
    weight: list[tuple[int, int]] = []
    for n, group in enumerate(groups):
        minutes = waits = 0
        for card_id in group:
            group_of[card_id] = n
            card = cards[card_id]
            if card.wait_point:
                minutes += card.duration_minutes or 0
                waits += 1
        first.append(min(order[c] for c in group))
        weight.append((minutes, waits))
    after: list[set[int]] = [set() for _ in groups]
    before: list[set[int]] = [set() for _ in groups]
    for source, target in graph.edges:
        a, b = group_of[source], group_of[target]
        if a != b:
            after[a].add(b)
            before[b].add(a)
    waiting = [len(b) for b in before]
    todo = deque(sorted((n for n in range(len(groups)) if not waiting[n]), key=first.__getitem__))
    best: dict[int, tuple[int, int]] = {}
    came_from: dict[int, int | None] = {}
    while todo:
        node = todo.popleft()
        previous = max(before[node], key=lambda p: (best[p], -first[p]), default=None)
        base = best[previous] if previous is not None else (0, 0)
        best[node] = (base[0] + weight[node][0], base[1] + weight[node][1])
        came_from[node] = previous
        for nxt in sorted(after[node], key=first.__getitem__):
            waiting[nxt] -= 1
            if not waiting[nxt]:
                todo.append(nxt)
    end = max(best, key=lambda n: (best[n], -first[n]))
    chain: list[int] = []
    at: int | None = end
    while at is not None:
        chain.append(at)
        at = came_from[at]
    chain.reverse()
    on_chain: list[CardFact] = []
    for node in chain:
        group = sorted(groups[node], key=order.__getitem__)
        on_chain.extend(cards[c] for c in group if cards[c].wait_point)
    return [_chain_finding(on_chain, best[end][0])]


def _chain_finding(waits: list[CardFact], total: int) -> Finding:
    def one(card: CardFact) -> str:
        if card.duration_minutes is None:
            return f"{card_name(card)} (no duration given)"
        return f"{card_name(card)} ({duration(card.duration_minutes)})"

    unknown = sum(1 for c in waits if c.duration_minutes is None)
    if len(waits) == 1:
        sentence = f"The longest wait is at {one(waits[0])}; no other wait point follows it."
    else:
        sentence = (
            f"The longest chain of waiting runs through {plural(len(waits), 'wait point')} "
            f"along the connectors: {' then '.join(one(c) for c in waits)}"
        )
        sentence += f", {duration(total)} in all." if total else "."
    if unknown:
        sentence += (
            f" {plural(unknown, 'wait')} on it {'has' if unknown == 1 else 'have'} no "
            "duration yet, so the real wait is longer."
        )
    title = f"Longest wait: {duration(total)}" if total else "Longest chain of waiting"
    return Finding(FindingKind.WAITING_CHAIN, title, sentence, tuple(card_ref(c) for c in waits))


__all__ = ["listed", "rework_loops", "waiting_chain"]
