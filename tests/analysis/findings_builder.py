"""Small hand-built blueprints for the analysis tests, made with the model's operations,
so that the right findings are known by construction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Any

from app.model.catalogue import Actor, System
from app.model.kinds import ActorKind, ConnectorKind, LaneKind
from app.model.ops_catalogue import add_actor, add_system, set_card_systems
from app.model.ops_grid import (
    add_blueprint,
    add_card,
    add_connector,
    add_lane,
    add_stage,
    add_step,
    create_project,
)
from app.model.ops_method import add_pain_point, set_key_moment
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint, Card, Connector, Project, Stage, Step

LANES = (
    LaneKind.PHYSICAL_EVIDENCE,
    LaneKind.CUSTOMER_ACTIONS,
    LaneKind.FRONTSTAGE,
    LaneKind.BACKSTAGE,
    LaneKind.SUPPORT_PROCESSES,
    LaneKind.SYSTEMS,
)
SHORT = {
    "evidence": LaneKind.PHYSICAL_EVIDENCE,
    "customer": LaneKind.CUSTOMER_ACTIONS,
    "front": LaneKind.FRONTSTAGE,
    "back": LaneKind.BACKSTAGE,
    "support": LaneKind.SUPPORT_PROCESSES,
    "systems": LaneKind.SYSTEMS,
}


@contextmanager
def project_file(name: str = "Test") -> Iterator[ProjectFile]:
    """An empty project (no blueprint yet) in its own working copy."""
    opened = ProjectFile.build(name, lambda session: create_project(session, name))
    try:
        yield opened
    finally:
        opened.close()


class Map:
    """One blueprint with the six standard lanes; stages and steps are made on demand by
    title, cards by lane short name (customer, front, back, support, systems, evidence)."""

    def __init__(self, project: Project, name: str = "Journey", kind: str = "as-is") -> None:
        self.project = project
        self.blueprint: Blueprint = add_blueprint(project, name, kind)
        self.lanes = {kind: add_lane(self.blueprint, kind) for kind in LANES}
        self.stages: dict[str, Stage] = {}
        self.steps: dict[str, Step] = {}

    def stage(self, title: str) -> Stage:
        if title not in self.stages:
            self.stages[title] = add_stage(self.blueprint, title)
        return self.stages[title]

    def step(self, title: str, stage: str | None = None) -> Step:
        if title not in self.steps:
            owner = self.stage(stage) if stage else None
            self.steps[title] = add_step(self.blueprint, title, stage=owner)
        return self.steps[title]

    def card(
        self,
        lane: str,
        step: str,
        text: str,
        *,
        stage: str | None = None,
        systems: tuple[System, ...] = (),
        actor: Actor | None = None,
        **fields: Any,
    ) -> Card:
        card = add_card(self.lanes[SHORT[lane]], self.step(step, stage), text, **fields)
        if systems:
            set_card_systems(card, systems)
        if actor is not None:
            card.actor = actor
        return card

    def connect(self, *cards: Card, kind: str = ConnectorKind.FLOW) -> list[Connector]:
        """Connectors along ``cards`` in order: a → b → c."""
        return [add_connector(a, b, kind) for a, b in pairwise(cards)]

    def moment(self, step: str, user: int = 5, provider: int = 5) -> None:
        set_key_moment(self.steps[step], user, provider)

    def pain(self, on: Card | Step, text: str, **fields: Any) -> Any:
        values = {"severity": 3, "perspective": "service user", "evidence": "interview"}
        values.update(fields)
        return add_pain_point(on, text, **values)


def system(project: Project, name: str, *items: str, owner: str = "") -> System:
    return add_system(project, name, items, owner=owner)


def actor(project: Project, name: str, kind: str = ActorKind.STAFF_ROLE) -> Actor:
    return add_actor(project, name, kind)
