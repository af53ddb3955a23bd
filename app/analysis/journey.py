"""What a service user's journey passes through: the connector graph of a blueprint, its
hand-offs between roles or teams, and the contact points (channels and systems) a service
user meets. Shared by the findings and the as-is/to-be comparison; no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import networkx as nx

from app.analysis.facts import CardFact, ProjectFacts, read_facts
from app.model.kinds import ConnectorKind, LaneKind

__all__ = [
    "FACING_LANES",
    "ContactPoint",
    "HandOff",
    "connector_graph",
    "contact_points",
    "hand_offs",
    "read_facts",
    "role_of",
]

# The lanes a service user sees and acts in (above the line of visibility).
FACING_LANES = frozenset({LaneKind.CUSTOMER_ACTIONS.value, LaneKind.FRONTSTAGE.value})
# The lanes behind the line of visibility.
BEHIND_LANES = frozenset(
    {LaneKind.BACKSTAGE.value, LaneKind.SUPPORT_PROCESSES.value, LaneKind.SYSTEMS.value}
)


class HandOff(NamedTuple):
    """A connector that passes the work from one role or team to another."""

    connector_id: str
    source_card_id: str
    target_card_id: str
    from_role: str
    to_role: str


class ContactPoint(NamedTuple):
    """A channel or a system a service user meets, with the cards and stages where."""

    kind: str  # "channel" | "system"
    name: str
    card_ids: tuple[str, ...]
    stage_ids: tuple[str, ...]


def connector_graph(facts: ProjectFacts, blueprint_id: str) -> nx.DiGraph:
    """The blueprint's cards (every card a node, in reading order) and its connectors as
    directed edges; parallel connectors keep the first one's id in ``connector``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(card.id for card in facts.cards_of(blueprint_id))
    for connector in facts.connectors_of(blueprint_id):
        if not graph.has_edge(connector.source_id, connector.target_id):
            graph.add_edge(connector.source_id, connector.target_id, connector=connector.id)
    return graph


SERVICE_USER = "Service user"


def role_of(facts: ProjectFacts, card: CardFact) -> str:
    """Who does a card: its actor's name; else, in the customer actions lane, the service
    user; else the title of its lane (the team there)."""
    name = facts.actor_name(card.actor_id)
    if name:
        return name
    if card.lane_kind == LaneKind.CUSTOMER_ACTIONS.value:
        return SERVICE_USER
    lane = facts.lanes.get(card.lane_id)
    return lane.title if lane else ""


def hand_offs(facts: ProjectFacts, blueprint_id: str) -> list[HandOff]:
    """Connectors along which the work changes hands: their two cards name different
    actors, or the connector is drawn as a hand-off, and in either case the two cards'
    roles differ (a hand-off drawn between two cards of one role stays within that role,
    so it is not counted). In the order of their source cards (then target cards)."""
    order = {card_id: n for n, card_id in enumerate(facts.cards)}
    found: list[HandOff] = []
    for connector in facts.connectors_of(blueprint_id):
        source = facts.cards.get(connector.source_id)
        target = facts.cards.get(connector.target_id)
        if source is None or target is None:
            continue
        different = (
            source.actor_id is not None
            and target.actor_id is not None
            and source.actor_id != target.actor_id
        )
        if not (different or connector.kind == ConnectorKind.HAND_OFF.value):
            continue
        giver, taker = role_of(facts, source), role_of(facts, target)
        if _key(giver) != _key(taker):
            found.append(HandOff(connector.id, source.id, target.id, giver, taker))
    found.sort(key=lambda h: (order[h.source_card_id], order[h.target_card_id], h.connector_id))
    return found


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def contact_points(facts: ProjectFacts, blueprint_id: str) -> list[ContactPoint]:
    """The distinct channels and systems a service user meets: the channels and systems
    named by cards in the customer actions and frontstage lanes, and the systems of cards
    joined by a connector straight to a customer action (a text from the SMS service).

    Channels first, then systems, each in the order they are first met; names compare
    without case or extra spaces, and keep the spelling first met.
    """
    cards = facts.cards
    touching: dict[str, set[str]] = {}
    for connector in facts.connectors_of(blueprint_id):
        for this, other in (
            (connector.source_id, connector.target_id),
            (connector.target_id, connector.source_id),
        ):
            card = cards.get(other)
            if card is not None and card.lane_kind == LaneKind.CUSTOMER_ACTIONS.value:
                touching.setdefault(this, set()).add(other)
    order = {card_id: n for n, card_id in enumerate(cards)}
    met: dict[tuple[str, str], tuple[str, list[str]]] = {}

    def meet(kind: str, name: str, card_ids: Iterable[str]) -> None:
        if not name.strip():
            return
        entry = met.setdefault((kind, _key(name)), (name.strip(), []))
        entry[1].extend(card_ids)

    for card in facts.cards_of(blueprint_id):
        facing = card.lane_kind in FACING_LANES
        if facing and card.channel:
            meet("channel", card.channel, [card.id])
        if facing or card.id in touching:
            for system_id in facts.card_systems.get(card.id, ()):
                system = facts.systems.get(system_id)
                if system is not None:
                    where = [card.id] if facing else [card.id, *touching[card.id]]
                    meet("system", system.name, where)
    points: list[ContactPoint] = []
    for (kind, _), (name, card_ids) in met.items():
        ids = sorted(set(card_ids), key=order.__getitem__)
        stages = []
        for card_id in ids:
            stage_id = cards[card_id].stage_id
            if stage_id is not None and stage_id not in stages:
                stages.append(stage_id)
        points.append(ContactPoint(kind, name, tuple(ids), tuple(stages)))
    points.sort(key=lambda p: (p.kind != "channel", order[p.card_ids[0]]))
    return points
