"""Write an import plan into an open project: new blueprints with their lanes, stages,
steps, cards, connectors and pain points; actors and systems matched by name or added.

The whole plan is checked first (limits.check_plan), so a plan that fails writes nothing.
Blueprints, lanes, actors and systems go through the model's operations; the many rows
below them (steps, cards, connectors, pain points) are inserted in bulk, as
app.model.sample_scale does, since adding cards one by one is quadratic in a lane's cards.
Flushes but does not commit: the caller commits (or wraps it in an undo command)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert

from app.importers.limits import check_plan
from app.importers.plan import BlueprintPlan, CardPlan, ImportPlan, PainPlan
from app.model.base import new_uuid
from app.model.catalogue import Actor, System, card_system
from app.model.kinds import ActorKind, LaneKind
from app.model.method import Emotion, KeyMoment, PainPoint
from app.model.ops_catalogue import add_actor, add_system
from app.model.ops_grid import add_blueprint, add_lane
from app.model.sessions import session_of
from app.model.structure import Blueprint, Card, Connector, Project, Stage, Step


@dataclass
class ImportResult:
    """What an import made, for the window's message and the command line."""

    blueprint_ids: list[str] = field(default_factory=list)
    lanes: int = 0
    steps: int = 0
    stages: int = 0
    cards: int = 0
    connectors: int = 0
    pain_points: int = 0
    systems: int = 0  # added to the catalogue
    actors: int = 0  # added
    system_ids: list[str] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        count = len(self.blueprint_ids)
        made = ", ".join(
            _plural(number, word)
            for number, word in (
                (self.lanes, "lane"),
                (self.steps, "step"),
                (self.stages, "stage"),
                (self.cards, "card"),
                (self.connectors, "connector"),
                (self.pain_points, "pain point"),
            )
        )
        line = f"Imported {_plural(count, 'blueprint')}: {made}"
        if self.systems or self.actors:
            line += f"; added {_plural(self.systems, 'system')} and {_plural(self.actors, 'actor')}"
        if self.skipped:
            line += f"; {_plural(len(self.skipped), 'thing')} not brought in (see the details)"
        return line + "."


def _plural(number: int, word: str) -> str:
    return f"{number:,} {word}" if number == 1 else f"{number:,} {word}s"


def build_plan(project: Project, plan: ImportPlan) -> ImportResult:
    """Write ``plan`` into ``project`` and return what was made; ImportFailed (nothing
    written) when the plan breaks a limit."""
    check_plan(plan)
    session = session_of(project)
    result = ImportResult(skipped=list(plan.skipped))
    names = {blueprint.name.casefold() for blueprint in project.blueprints}
    catalogue = _Catalogue(project, result)
    for blueprint_plan in plan.blueprints:
        name = unique_name(blueprint_plan.name, names)
        names.add(name.casefold())
        blueprint = add_blueprint(
            project, name, blueprint_plan.kind, description=blueprint_plan.description
        )
        result.blueprint_ids.append(blueprint.id)
        _Writer(blueprint, blueprint_plan, catalogue, result).write()
    session.flush()
    return result


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or "name (2)", "name (3)" … the first not in ``taken`` (casefolded)."""
    name = name.strip()
    if name.casefold() not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: 200 - len(suffix)] + suffix
        if candidate.casefold() not in taken:
            return candidate
        number += 1


class _Catalogue:
    """The project's actors and systems by name (case aside), adding those not found."""

    def __init__(self, project: Project, result: ImportResult) -> None:
        self.project = project
        self.result = result
        self.actors: dict[str, Actor] = {a.name.casefold(): a for a in project.actors}
        self.systems: dict[str, System] = {s.name.casefold(): s for s in project.systems}

    def actor(self, name: str, lane_kind: LaneKind) -> Actor:
        name = name.strip()
        found = self.actors.get(name.casefold())
        if found is None:
            kind = (
                ActorKind.SERVICE_USER
                if lane_kind == LaneKind.CUSTOMER_ACTIONS
                else ActorKind.STAFF_ROLE
            )
            found = add_actor(self.project, name, kind)
            self.actors[name.casefold()] = found
            self.result.actors += 1
            self.result.actor_ids.append(found.id)
        return found

    def system(self, name: str) -> System:
        name = name.strip()
        found = self.systems.get(name.casefold())
        if found is None:
            found = add_system(self.project, name)
            self.systems[name.casefold()] = found
            self.result.systems += 1
            self.result.system_ids.append(found.id)
        return found


class _Writer:
    """One blueprint of the plan written into a new, empty blueprint."""

    def __init__(
        self,
        blueprint: Blueprint,
        plan: BlueprintPlan,
        catalogue: _Catalogue,
        result: ImportResult,
    ) -> None:
        self.blueprint = blueprint
        self.plan = plan
        self.catalogue = catalogue
        self.result = result
        self.rows: dict[Any, list[dict[str, Any]]] = {
            table: [] for table in (Stage, Step, Card, Connector, PainPoint, Emotion, KeyMoment)
        }
        self.card_systems: list[dict[str, Any]] = []

    def write(self) -> None:
        lanes = [add_lane(self.blueprint, lane.kind, lane.title) for lane in self.plan.lanes]
        self.result.lanes += len(lanes)
        step_ids = self._steps()
        card_ids = self._cards([lane.id for lane in lanes], [lane.kind for lane in lanes], step_ids)
        self._connectors(card_ids)
        session = session_of(self.blueprint)
        for table, rows in self.rows.items():
            if rows:
                session.execute(insert(table), rows)
        if self.card_systems:
            session.execute(insert(card_system), self.card_systems)
        session.expire(self.blueprint, ["stages", "steps", "connectors"])
        for lane in lanes:
            session.expire(lane, ["cards"])
        for system in self.catalogue.project.systems:
            session.expire(system, ["cards"])

    def _steps(self) -> list[str]:
        stages: dict[str, str] = {}
        step_ids = []
        previous_stage = None
        for position, step in enumerate(self.plan.steps):
            stage_id = None
            if step.stage:
                # A stage is a run of consecutive steps: the same title again after
                # another stage is a new stage of the same name.
                key = step.stage.strip()
                if key != previous_stage or key not in stages:
                    stages[key] = new_uuid()
                    self.rows[Stage].append(
                        _titled(stages[key], self.blueprint, key, len(self.rows[Stage]))
                    )
                stage_id = stages[key]
                previous_stage = key
            else:
                previous_stage = None
            step_id = new_uuid()
            step_ids.append(step_id)
            row = _titled(step_id, self.blueprint, step.title.strip(), position)
            self.rows[Step].append({**row, "stage_id": stage_id})
            self._step_method(step, step_id)
        self.result.stages += len(self.rows[Stage])
        self.result.steps += len(step_ids)
        return step_ids

    def _step_method(self, step: Any, step_id: str) -> None:
        if step.emotion_user is not None or step.emotion_staff is not None:
            self.rows[Emotion].append(
                {
                    "id": new_uuid(),
                    "step_id": step_id,
                    "service_user": step.emotion_user,
                    "staff": step.emotion_staff,
                }
            )
        if step.key_moment is not None:
            user, provider, note = step.key_moment
            self.rows[KeyMoment].append(
                {
                    "id": new_uuid(),
                    "step_id": step_id,
                    "importance_to_user": user,
                    "importance_to_provider": provider,
                    "note": note,
                }
            )
        for pain in step.pain_points:
            self._pain(pain, card_id=None, step_id=step_id)

    def _cards(
        self, lane_ids: list[str], lane_kinds: list[LaneKind], step_ids: list[str]
    ) -> dict[str, str]:
        keys: dict[str, str] = {}
        in_cell: dict[tuple[int, int], int] = {}
        duplicates = 0
        for card in self.plan.cards:
            card_id = new_uuid()
            cell = (card.lane, card.step)
            position = in_cell.get(cell, 0)
            in_cell[cell] = position + 1
            self.rows[Card].append(
                self._card_row(card, card_id, lane_ids[card.lane], step_ids[card.step], position)
            )
            actor = card.actor.strip()
            if actor:
                self.rows[Card][-1]["actor_id"] = self.catalogue.actor(
                    actor, lane_kinds[card.lane]
                ).id
            for system_id in dict.fromkeys(
                self.catalogue.system(name).id for name in card.systems if name.strip()
            ):
                self.card_systems.append({"card_id": card_id, "system_id": system_id})
            for pain in card.pain_points:
                self._pain(pain, card_id=card_id, step_id=None)
            if card.key:
                if card.key in keys:
                    duplicates += 1
                else:
                    keys[card.key] = card_id
        if duplicates:
            self.result.skipped.append(
                f"{self.blueprint.name}: {_plural(duplicates, 'card')} shared an id with an "
                "earlier card; connectors go to the first"
            )
        self.result.cards += len(self.plan.cards)
        return keys

    @staticmethod
    def _card_row(
        card: CardPlan, card_id: str, lane_id: str, step_id: str, position: int
    ) -> dict[str, Any]:
        return {
            "id": card_id,
            "lane_id": lane_id,
            "step_id": step_id,
            "position": position,
            "text": card.text,
            "actor_id": None,
            "channel": card.channel.strip(),
            "duration_minutes": card.duration_minutes,
            "fail_point": card.fail_point,
            "wait_point": card.wait_point,
            "notes": card.notes,
        }

    def _pain(self, pain: PainPlan, card_id: str | None, step_id: str | None) -> None:
        self.rows[PainPoint].append(
            {
                "id": new_uuid(),
                "card_id": card_id,
                "step_id": step_id,
                "description": pain.description,
                "severity": pain.severity,
                "perspective": pain.perspective,
                "evidence": pain.evidence,
                "people_affected": pain.people_affected,
                "underserved_group": pain.underserved_group,
                "resolved": pain.resolved,
            }
        )
        self.result.pain_points += 1

    def _connectors(self, card_ids: dict[str, str]) -> None:
        unknown: list[str] = []
        looped = 0
        for connector in self.plan.connectors:
            source = card_ids.get(connector.source)
            target = card_ids.get(connector.target)
            if source is None or target is None:
                missing = connector.source if source is None else connector.target
                unknown.append(missing)
                continue
            if source == target:
                looped += 1
                continue
            self.rows[Connector].append(
                {
                    "id": new_uuid(),
                    "blueprint_id": self.blueprint.id,
                    "source_id": source,
                    "target_id": target,
                    "kind": connector.kind,
                    "label": connector.label,
                }
            )
        self.result.connectors += len(self.rows[Connector])
        name = self.blueprint.name
        if unknown:
            shown = ", ".join(repr(key) for key in unknown[:5])
            more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
            self.result.skipped.append(
                f"{name}: {_plural(len(unknown), 'connector')} to a card that is not in the "
                f"import ({shown}{more})"
            )
        if looped:
            self.result.skipped.append(
                f"{name}: {_plural(looped, 'connector')} from a card to itself"
            )


def _titled(row_id: str, blueprint: Blueprint, title: str, position: int) -> dict[str, Any]:
    return {"id": row_id, "blueprint_id": blueprint.id, "title": title, "position": position}
