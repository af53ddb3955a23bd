"""The service ecosystem map as a graph (networkx): who takes part, through which
touchpoints and channels, which processes stand behind them and which systems they use.

Derived from the blueprints of the whole project or of one blueprint, read with a few
column queries (no ORM objects), so a 10,000-card project is mapped in a fraction of a
second. Nodes, in four layers:

- people: the actors (service users, staff roles, partners) named on cards;
- touchpoints and channels: the channel of each card outside the backstage, support
  processes and systems lanes ("phone", "post"), one node per channel;
- processes: the cards of the backstage and support processes lanes, one node per text
  (the same process on many steps or in many blueprints is one node);
- systems: the catalogue systems cards name.

Edges join nodes of different layers, each with a ``weight``: how many cards and
connectors stand behind it. A card's actor is joined to the card's node (who uses which
channel, who carries out which process); a card that names systems is joined to them
(which process uses which system); a connector between two cards joins their nodes
(which process stands behind which touchpoint, which system feeds which process).

Node keys stay the same from one session to the next, so positions saved by key survive:
``actor:<uuid>``, ``system:<uuid>``, ``channel:<channel in lower case>``,
``process:<card text in lower case, spaces collapsed>``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.catalogue import Actor, DataItem, System, card_system
from app.model.kinds import LaneKind
from app.model.structure import Blueprint, Card, Connector, Lane, Step


class Layer(IntEnum):
    PEOPLE = 0
    TOUCHPOINTS = 1
    PROCESSES = 2
    SYSTEMS = 3


LAYER_TITLES: dict[Layer, str] = {
    Layer.PEOPLE: "People",
    Layer.TOUCHPOINTS: "Touchpoints and channels",
    Layer.PROCESSES: "Processes",
    Layer.SYSTEMS: "Systems",
}

PROCESS_LANES = frozenset({LaneKind.BACKSTAGE.value, LaneKind.SUPPORT_PROCESSES.value})
SYSTEM_LANES = frozenset({LaneKind.SYSTEMS.value})

# How an edge between two layers reads: "<lower node> <verb> <upper node>".
RELATIONS: dict[tuple[Layer, Layer], str] = {
    (Layer.PEOPLE, Layer.TOUCHPOINTS): "uses",
    (Layer.PEOPLE, Layer.PROCESSES): "carries out",
    (Layer.PEOPLE, Layer.SYSTEMS): "works with",
    (Layer.TOUCHPOINTS, Layer.PROCESSES): "is backed by",
    (Layer.TOUCHPOINTS, Layer.SYSTEMS): "relies on",
    (Layer.PROCESSES, Layer.SYSTEMS): "uses",
}


@dataclass(frozen=True)
class EcosystemNode:
    """One node: what it stands for, in plain text, and the cards behind it (in reading
    order, so the first is where a jump goes)."""

    key: str
    layer: Layer
    label: str
    kind: str  # "service user", "staff role", "partner", "channel", "process", "system"
    detail: str
    card_ids: tuple[str, ...]
    first_seen: int  # the reading-order index of its first card


@dataclass(frozen=True)
class EcosystemEdge:
    source: str  # the node of the upper layer
    target: str
    relation: str
    cards: int
    connectors: int

    @property
    def weight(self) -> int:
        return self.cards + self.connectors


@dataclass
class EcosystemGraph:
    """The map of one scope: ``blueprint_id`` None is the whole project."""

    blueprint_id: str | None
    title: str
    graph: nx.Graph = field(default_factory=nx.Graph)

    @property
    def nodes(self) -> list[EcosystemNode]:
        return [data["node"] for _key, data in self.graph.nodes(data=True)]

    def node(self, key: str) -> EcosystemNode:
        return self.graph.nodes[key]["node"]

    @property
    def edges(self) -> list[EcosystemEdge]:
        return [data["edge"] for _a, _b, data in self.graph.edges(data=True)]

    def edge(self, a: str, b: str) -> EcosystemEdge:
        return self.graph.edges[a, b]["edge"]

    def layer(self, layer: Layer) -> list[EcosystemNode]:
        return [node for node in self.nodes if node.layer == layer]


# -- keys --------------------------------------------------------------------------------


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def channel_key(channel: str) -> str:
    return f"channel:{_collapsed(channel).casefold()}"


def process_key(text: str) -> str:
    return f"process:{_collapsed(text).casefold()}"


def actor_key(actor_id: str) -> str:
    return f"actor:{actor_id}"


def system_key(system_id: str) -> str:
    return f"system:{system_id}"


# -- reading the project -------------------------------------------------------------------


@dataclass
class _CardRow:
    id: str
    blueprint: str
    lane_kind: str
    text: str
    actor_id: str | None
    channel: str


def _cards(session: Session, blueprint_id: str | None) -> list[_CardRow]:
    lanes = session.execute(select(Lane.id, Lane.blueprint_id, Lane.kind)).all()
    lane_of = {lane_id: (owner, kind.value) for lane_id, owner, kind in lanes}
    query = (
        select(Card.id, Card.lane_id, Card.text, Card.actor_id, Card.channel)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Step, Card.step_id == Step.id)
        .join(Blueprint, Lane.blueprint_id == Blueprint.id)
        .order_by(Blueprint.position, Blueprint.id, Step.position, Lane.position, Card.position)
    )
    if blueprint_id is not None:
        query = query.where(Lane.blueprint_id == blueprint_id)
    return [
        _CardRow(id, *lane_of[lane], text or "", actor, channel or "")
        for id, lane, text, actor, channel in session.execute(query)
    ]


def _connectors(session: Session, blueprint_id: str | None) -> list[tuple[str, str]]:
    query = select(Connector.source_id, Connector.target_id)
    if blueprint_id is not None:
        query = query.where(Connector.blueprint_id == blueprint_id)
    return [(source, target) for source, target in session.execute(query)]


def _card_systems(session: Session) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    query = (
        select(card_system.c.card_id, card_system.c.system_id)
        .join(System, System.id == card_system.c.system_id)
        .order_by(card_system.c.card_id, System.name)
    )
    for card_id, system_id in session.execute(query):
        found[card_id].append(system_id)
    return found


# -- building the graph ----------------------------------------------------------------------


@dataclass
class _Gathered:
    """What each node stands for while the cards are read."""

    cards: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    first: dict[str, int] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    lanes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    people: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    blueprints: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    links: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def see(self, key: str, index: int, card: _CardRow, label: str) -> None:
        self.cards[key].append(card.id)
        self.first.setdefault(key, index)
        self.label.setdefault(key, label)
        self.lanes[key][card.lane_kind] += 1
        self.blueprints[key][card.blueprint] = None

    def link(self, a: str, b: str, *, card: bool) -> None:
        if _layer(a) == _layer(b):  # the journey's own flow, or a hand-off: not the map's
            return
        pair = (a, b) if _layer(a) < _layer(b) else (b, a)
        counts = self.links.setdefault(pair, [0, 0])
        counts[0 if card else 1] += 1


LAYER_OF = {
    "actor": Layer.PEOPLE,
    "channel": Layer.TOUCHPOINTS,
    "process": Layer.PROCESSES,
    "system": Layer.SYSTEMS,
}


def _layer(key: str) -> Layer:
    return LAYER_OF[key.split(":", 1)[0]]


def build_ecosystem(session: Session, blueprint_id: str | None = None) -> EcosystemGraph:
    """The ecosystem map of the whole project (``blueprint_id`` None) or of one blueprint."""
    session.flush()
    blueprint_names = dict(session.execute(select(Blueprint.id, Blueprint.name)).all())
    title = "All blueprints" if blueprint_id is None else blueprint_names.get(blueprint_id, "")
    cards = _cards(session, blueprint_id)
    uses = _card_systems(session)
    actors = {
        row.id: row
        for row in session.execute(select(Actor.id, Actor.name, Actor.kind, Actor.description))
    }
    systems = {row.id: row for row in session.execute(select(System.id, System.name, System.owner))}
    gathered = _Gathered()
    places: dict[str, list[str]] = {}
    for index, card in enumerate(cards):
        named = [system_key(s) for s in uses.get(card.id, ()) if s in systems]
        for system_id in uses.get(card.id, ()):
            if system_id in systems:
                gathered.see(system_key(system_id), index, card, systems[system_id].name)
        text = _collapsed(card.text)
        channel = _collapsed(card.channel)
        if card.lane_kind in SYSTEM_LANES:
            own = named
        elif card.lane_kind in PROCESS_LANES:
            own = [process_key(text)] if text else []
            if own:
                gathered.see(own[0], index, card, text)
        else:
            own = [channel_key(channel)] if channel else []
            if own:
                gathered.see(own[0], index, card, channel[:1].upper() + channel[1:])
        places[card.id] = own
        for key in own:
            for system in named:
                gathered.link(key, system, card=True)
        if card.actor_id in actors:
            person = actor_key(card.actor_id)
            gathered.see(person, index, card, actors[card.actor_id].name)
            for key in own:
                gathered.link(person, key, card=True)
                gathered.people[key][actors[card.actor_id].name] = None
    for source, target in _connectors(session, blueprint_id):
        for a in places.get(source, ()):
            for b in places.get(target, ()):
                gathered.link(a, b, card=False)

    result = EcosystemGraph(blueprint_id, title)
    keys = sorted(gathered.first, key=lambda key: (_layer(key), gathered.first[key], key))
    for key in keys:
        node = _node(key, gathered, actors, systems, session, blueprint_names)
        result.graph.add_node(key, node=node, layer=int(node.layer))
    for (a, b), (card_count, connector_count) in gathered.links.items():
        relation = RELATIONS[(_layer(a), _layer(b))]
        edge = EcosystemEdge(a, b, relation, card_count, connector_count)
        result.graph.add_edge(a, b, edge=edge, weight=edge.weight)
    return result


def _node(
    key: str,
    gathered: _Gathered,
    actors: dict,
    systems: dict,
    session: Session,
    blueprint_names: dict[str, str],
) -> EcosystemNode:
    layer = _layer(key)
    card_ids = tuple(gathered.cards[key])
    count = _counted(len(card_ids), "card")
    where = _blueprints_line(gathered.blueprints[key], blueprint_names)
    label = gathered.label[key]
    if layer == Layer.PEOPLE:
        actor = actors[key.split(":", 1)[1]]
        kind = getattr(actor.kind, "value", actor.kind)
        lines = [f"{actor.name}: {kind}", f"Named on {count}{where}."]
        if actor.description:
            lines.insert(1, actor.description)
    elif layer == Layer.SYSTEMS:
        system = systems[key.split(":", 1)[1]]
        kind = "system"
        lines = [f"System: {system.name}"]
        if system.owner:
            lines.append(f"Owned by {system.owner}.")
        held = _data_items(session, system.id)
        if held:
            lines.append(f"Holds {', '.join(held)}.")
        lines.append(f"Used on {count}{where}.")
    else:
        kind = "channel" if layer == Layer.TOUCHPOINTS else "process"
        lanes = ", ".join(
            f"{lane} {n}" for lane, n in sorted(gathered.lanes[key].items(), key=lambda i: -i[1])
        )
        first = f"Channel: {label}" if kind == "channel" else f"Process: {label}"
        lines = [first, f"On {count} ({lanes}){where}."]
        people = list(gathered.people[key])
        if people:
            lines.append(f"By {_listed(people)}.")
    return EcosystemNode(key, layer, label, kind, "\n".join(lines), card_ids, gathered.first[key])


def _data_items(session: Session, system_id: str) -> list[str]:
    query = select(DataItem.name).where(DataItem.system_id == system_id)
    return list(session.scalars(query.order_by(DataItem.position)))


def _blueprints_line(ids: Iterable[str], names: dict[str, str]) -> str:
    found = [names[i] for i in ids if i in names]
    if not found:
        return ""
    return f" in {_listed(found)}"


def _listed(names: list[str], most: int = 6) -> str:
    shown = names[:most]
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"
