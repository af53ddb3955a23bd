"""A fast, plain-data read of a project for the analysis: a few column queries (no ORM
objects), so that the findings of a 10,000-card project take well under a second.

Everything here is a named tuple or a dict of them; nothing keeps a session open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.catalogue import Actor, DataItem, System, card_system
from app.model.method import KeyMoment, PainPoint
from app.model.structure import Blueprint, Card, Connector, Lane, Project, Stage, Step


class BlueprintFact(NamedTuple):
    id: str
    name: str
    kind: str
    position: int
    derived_from_id: str | None


class StageFact(NamedTuple):
    id: str
    blueprint_id: str
    title: str
    position: int


class StepFact(NamedTuple):
    id: str
    blueprint_id: str
    stage_id: str | None
    title: str
    position: int


class LaneFact(NamedTuple):
    id: str
    blueprint_id: str
    kind: str
    title: str
    position: int


class CardFact(NamedTuple):
    id: str
    blueprint_id: str
    lane_id: str
    lane_kind: str
    step_id: str
    stage_id: str | None
    text: str
    actor_id: str | None
    channel: str
    duration_minutes: int | None
    fail_point: bool
    wait_point: bool


class ConnectorFact(NamedTuple):
    id: str
    blueprint_id: str
    source_id: str
    target_id: str
    kind: str
    label: str


class DataItemFact(NamedTuple):
    id: str
    name: str


class SystemFact(NamedTuple):
    id: str
    name: str
    owner: str
    data_items: tuple[DataItemFact, ...]


class ActorFact(NamedTuple):
    id: str
    name: str
    kind: str


class PainFact(NamedTuple):
    id: str
    card_id: str | None
    step_id: str | None
    description: str
    severity: int
    perspective: str
    evidence: str
    resolved: bool
    people_affected: int | None


class MomentFact(NamedTuple):
    id: str
    step_id: str
    importance_to_user: int
    importance_to_provider: int
    note: str


@dataclass
class ProjectFacts:
    """The project as plain values. Cards are in reading order (blueprint, step, lane,
    position); ``cards_of``/``connectors_of``/``steps_of`` give one blueprint's share."""

    project_name: str = ""
    blueprints: dict[str, BlueprintFact] = field(default_factory=dict)
    stages: dict[str, StageFact] = field(default_factory=dict)
    steps: dict[str, StepFact] = field(default_factory=dict)
    lanes: dict[str, LaneFact] = field(default_factory=dict)
    cards: dict[str, CardFact] = field(default_factory=dict)
    connectors: dict[str, ConnectorFact] = field(default_factory=dict)
    systems: dict[str, SystemFact] = field(default_factory=dict)
    actors: dict[str, ActorFact] = field(default_factory=dict)
    card_systems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pain_points: dict[str, PainFact] = field(default_factory=dict)
    key_moments: dict[str, MomentFact] = field(default_factory=dict)  # by step id
    _cards_by_blueprint: dict[str, list[CardFact]] = field(default_factory=dict)
    _connectors_by_blueprint: dict[str, list[ConnectorFact]] = field(default_factory=dict)
    _steps_by_blueprint: dict[str, list[StepFact]] = field(default_factory=dict)
    _stages_by_blueprint: dict[str, list[StageFact]] = field(default_factory=dict)

    def cards_of(self, blueprint_id: str) -> list[CardFact]:
        return self._cards_by_blueprint.get(blueprint_id, [])

    def connectors_of(self, blueprint_id: str) -> list[ConnectorFact]:
        return self._connectors_by_blueprint.get(blueprint_id, [])

    def steps_of(self, blueprint_id: str) -> list[StepFact]:
        return self._steps_by_blueprint.get(blueprint_id, [])

    def stages_of(self, blueprint_id: str) -> list[StageFact]:
        return self._stages_by_blueprint.get(blueprint_id, [])

    def actor_name(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.name if actor else ""

    def system_names(self, card_id: str) -> list[str]:
        return [self.systems[s].name for s in self.card_systems.get(card_id, ())]


def read_facts(session: Session, blueprint_ids: Collection[str] | None = None) -> ProjectFacts:
    """Read the project (only ``blueprint_ids`` when given; the catalogues always whole)."""
    facts = ProjectFacts()
    wanted = None if blueprint_ids is None else set(blueprint_ids)

    def only(column):  # a where clause on the blueprint, or none
        return () if wanted is None else (column.in_(wanted),)

    execute = session.execute
    facts.project_name = session.scalar(select(Project.name)) or ""
    rows = execute(
        select(
            Blueprint.id,
            Blueprint.name,
            Blueprint.kind,
            Blueprint.position,
            Blueprint.derived_from_id,
        )
        .where(*only(Blueprint.id))
        .order_by(Blueprint.position, Blueprint.name)
    )
    for row in rows:
        fact = BlueprintFact(row[0], row[1], str(row[2]), row[3], row[4])
        facts.blueprints[fact.id] = fact
        for by in (
            facts._cards_by_blueprint,
            facts._connectors_by_blueprint,
            facts._steps_by_blueprint,
            facts._stages_by_blueprint,
        ):
            by[fact.id] = []
    rows = execute(
        select(Stage.id, Stage.blueprint_id, Stage.title, Stage.position)
        .where(*only(Stage.blueprint_id))
        .order_by(Stage.position)
    )
    for row in rows:
        stage = StageFact._make(row)
        facts.stages[stage.id] = stage
        facts._stages_by_blueprint[stage.blueprint_id].append(stage)
    rows = execute(
        select(Step.id, Step.blueprint_id, Step.stage_id, Step.title, Step.position)
        .where(*only(Step.blueprint_id))
        .order_by(Step.position)
    )
    for row in rows:
        step = StepFact._make(row)
        facts.steps[step.id] = step
        facts._steps_by_blueprint[step.blueprint_id].append(step)
    rows = execute(
        select(Lane.id, Lane.blueprint_id, Lane.kind, Lane.title, Lane.position)
        .where(*only(Lane.blueprint_id))
        .order_by(Lane.position)
    )
    for row in rows:
        facts.lanes[row[0]] = LaneFact(row[0], row[1], str(row[2]), row[3], row[4])
    _read_cards(session, facts, wanted)
    _read_catalogues(session, facts)
    _read_method(session, facts)
    return facts


def _read_cards(session: Session, facts: ProjectFacts, wanted: set[str] | None) -> None:
    where = () if wanted is None else (Lane.blueprint_id.in_(wanted),)
    rows = session.execute(
        select(
            Card.id,
            Card.lane_id,
            Card.step_id,
            Card.text,
            Card.actor_id,
            Card.channel,
            Card.duration_minutes,
            Card.fail_point,
            Card.wait_point,
        )
        .join(Lane, Lane.id == Card.lane_id)
        .join(Step, Step.id == Card.step_id)
        .where(*where)
        .order_by(Step.position, Lane.position, Card.position)
    )
    lanes, steps = facts.lanes, facts.steps
    by_blueprint = facts._cards_by_blueprint
    cards = facts.cards
    for card_id, lane_id, step_id, text, actor, channel, minutes, fail, wait in rows:
        lane = lanes[lane_id]
        card = CardFact(
            card_id,
            lane.blueprint_id,
            lane_id,
            lane.kind,
            step_id,
            steps[step_id].stage_id,
            text,
            actor,
            channel or "",
            minutes,
            bool(fail),
            bool(wait),
        )
        cards[card_id] = card
        by_blueprint[lane.blueprint_id].append(card)
    # Reading order across blueprints too: the blueprints' own order.
    facts.cards = {c.id: c for bid in facts.blueprints for c in by_blueprint[bid]}
    rows = session.execute(
        select(
            Connector.id,
            Connector.blueprint_id,
            Connector.source_id,
            Connector.target_id,
            Connector.kind,
            Connector.label,
        ).where(*(() if wanted is None else (Connector.blueprint_id.in_(wanted),)))
    )
    found = [ConnectorFact(r[0], r[1], r[2], r[3], str(r[4]), r[5] or "") for r in rows]
    # In the order of their cards on the map, so that every reading of a file agrees.
    order = {card_id: n for n, card_id in enumerate(facts.cards)}
    found.sort(key=lambda c: (order.get(c.source_id, -1), order.get(c.target_id, -1), c.id))
    for connector in found:
        facts.connectors[connector.id] = connector
        facts._connectors_by_blueprint[connector.blueprint_id].append(connector)
    links: dict[str, list[str]] = defaultdict(list)
    rows = session.execute(select(card_system.c.card_id, card_system.c.system_id))
    for card_id, system_id in rows:
        if card_id in cards:
            links[card_id].append(system_id)
    facts.card_systems = dict(links)


def _read_catalogues(session: Session, facts: ProjectFacts) -> None:
    items: dict[str, list[DataItemFact]] = defaultdict(list)
    rows = session.execute(
        select(DataItem.id, DataItem.system_id, DataItem.name).order_by(DataItem.position)
    )
    for item_id, system_id, name in rows:
        items[system_id].append(DataItemFact(item_id, name))
    rows = session.execute(
        select(System.id, System.name, System.owner).order_by(System.name, System.id)
    )
    for system_id, name, owner in rows:
        facts.systems[system_id] = SystemFact(
            system_id, name, owner or "", tuple(items.get(system_id, ()))
        )
    names = {system_id: system.name.casefold() for system_id, system in facts.systems.items()}
    facts.card_systems = {
        card_id: tuple(sorted(ids, key=lambda s: (names.get(s, ""), s)))
        for card_id, ids in facts.card_systems.items()
    }
    rows = session.execute(select(Actor.id, Actor.name, Actor.kind).order_by(Actor.name, Actor.id))
    for actor_id, name, kind in rows:
        facts.actors[actor_id] = ActorFact(actor_id, name, str(kind))


def _read_method(session: Session, facts: ProjectFacts) -> None:
    rows = session.execute(
        select(
            PainPoint.id,
            PainPoint.card_id,
            PainPoint.step_id,
            PainPoint.description,
            PainPoint.severity,
            PainPoint.perspective,
            PainPoint.evidence,
            PainPoint.resolved,
            PainPoint.people_affected,
        )
    )
    cards, steps = facts.cards, facts.steps
    for row in rows:
        if (row[1] is not None and row[1] in cards) or (row[2] is not None and row[2] in steps):
            pain = PainFact(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                str(row[5]),
                str(row[6]),
                bool(row[7]),
                row[8],
            )
            facts.pain_points[pain.id] = pain
    rows = session.execute(
        select(
            KeyMoment.id,
            KeyMoment.step_id,
            KeyMoment.importance_to_user,
            KeyMoment.importance_to_provider,
            KeyMoment.note,
        )
    )
    for row in rows:
        if row[1] in steps:
            facts.key_moments[row[1]] = MomentFact._make(row)
