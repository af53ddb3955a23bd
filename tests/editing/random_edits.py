"""Random but valid edits of whatever a project holds now, for the long undo/redo test."""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import select

from app.editing.commands.base import EditCommand
from app.editing.commands.blueprints import (
    AddBlueprintCommand,
    DeleteBlueprintCommand,
    DuplicateAsToBeCommand,
    MoveBlueprintCommand,
    RenameBlueprintCommand,
)
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardCommand,
    EditCardTextCommand,
    MoveCardsCommand,
    set_card_flag,
)
from app.editing.commands.connectors import (
    AddConnectorCommand,
    DeleteConnectorsCommand,
    EditConnectorCommand,
)
from app.editing.commands.lanes import (
    AddLaneCommand,
    DeleteLaneCommand,
    MoveLaneCommand,
    RenameLaneCommand,
    SetLaneHeightCommand,
)
from app.editing.commands.paste import PasteCardsCommand
from app.editing.commands.stages import (
    AddStageCommand,
    DeleteStageCommand,
    GroupStepsCommand,
    MoveStageCommand,
    RenameStageCommand,
    ungroup_stage,
)
from app.editing.commands.steps import (
    AddStepCommand,
    DeleteStepCommand,
    MoveStepCommand,
    RenameStepCommand,
    SetStepStageCommand,
)
from app.editing.document import EditingDocument
from app.model.catalogue import System
from app.model.clipboard import copy_cards
from app.model.method import Emotion
from app.model.ops_grid import cell_cards
from app.model.structure import Blueprint, Card, Connector, Lane, Project, Stage, Step

Maker = Callable[[random.Random, Blueprint], EditCommand | None]


def _cards(blueprint: Blueprint) -> list[Card]:
    return [card for lane in blueprint.lanes for card in lane.cards]


def _index(rng: random.Random, size: int) -> int | None:
    return rng.choice([None, rng.randint(0, size)])


def _cell(rng: random.Random, blueprint: Blueprint) -> tuple[str, str] | None:
    if not blueprint.lanes or not blueprint.steps:
        return None
    return rng.choice(blueprint.lanes).id, rng.choice(blueprint.steps).id


def add_card(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cell = _cell(rng, bp)
    return cell and AddCardCommand(*cell, f"card {rng.randint(0, 999)}", index=_index(rng, 3))


def type_in_card(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    if not cards:
        return None
    card = cards[0] if rng.random() < 0.5 else rng.choice(cards)  # often the same card
    return EditCardTextCommand(card.id, card.text + rng.choice("abc "))


def edit_card(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    if not cards:
        return None
    ids = [card.id for card in rng.sample(cards, min(len(cards), rng.randint(1, 3)))]
    if rng.random() < 0.5:
        return set_card_flag(ids, rng.choice(["fail_point", "wait_point"]), rng.random() < 0.7)
    return EditCardCommand(ids[0], channel=rng.choice(["", "phone", "web"]), duration_minutes=5)


def move_cards(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    if not cards:
        return None
    chosen = rng.sample(cards, min(len(cards), rng.randint(1, 3)))
    moves = [CardMove(card.id, *_cell(rng, bp), _index(rng, 4)) for card in chosen]  # type: ignore[misc]
    return MoveCardsCommand(moves)


def delete_cards(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    if not cards:
        return None
    return DeleteCardsCommand([c.id for c in rng.sample(cards, min(len(cards), 2))])


def paste_cards(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cell = _cell(rng, bp)
    lanes = [lane for lane in bp.lanes if lane.cards]
    if cell is None or not lanes:
        return None
    lane = rng.choice(lanes)
    source = cell_cards(lane, rng.choice(lane.cards).step)
    return PasteCardsCommand(*cell, copy_cards(source), index=_index(rng, 2))


def connectors(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    choice = rng.random()
    if bp.connectors and choice < 0.3:
        return DeleteConnectorsCommand([rng.choice(bp.connectors).id])
    if bp.connectors and choice < 0.5:
        return EditConnectorCommand(rng.choice(bp.connectors).id, kind="data", label="x")
    if len(cards) < 2:
        return None
    source, target = rng.sample(cards, 2)
    return AddConnectorCommand(source.id, target.id, rng.choice(["flow", "hand-off"]))


def lanes(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    choice = rng.random()
    if not bp.lanes or choice < 0.25:
        return AddLaneCommand(bp.id, "custom", f"Lane {rng.randint(0, 99)}", _index(rng, 3))
    lane = rng.choice(bp.lanes)
    if choice < 0.45:
        return RenameLaneCommand(lane.id, f"Lane {rng.randint(0, 99)}")
    if choice < 0.65:
        return SetLaneHeightCommand(lane.id, rng.choice([None, 80, 200]))
    if choice < 0.9:
        return MoveLaneCommand(lane.id, rng.randint(0, len(bp.lanes) - 1))
    return DeleteLaneCommand(lane.id)


def steps(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    choice = rng.random()
    stage = rng.choice(bp.stages).id if bp.stages and rng.random() < 0.5 else None
    if not bp.steps or choice < 0.25:
        return AddStepCommand(bp.id, f"Step {rng.randint(0, 99)}", stage, _index(rng, 3))
    step = rng.choice(bp.steps)
    if choice < 0.4:
        return RenameStepCommand(step.id, f"Step {rng.randint(0, 99)}")
    if choice < 0.6:
        return MoveStepCommand(step.id, rng.randint(0, len(bp.steps) - 1))
    if choice < 0.9:
        return SetStepStageCommand(step.id, stage)
    return DeleteStepCommand(step.id)


def stages(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    choice = rng.random()
    if bp.steps and choice < 0.3:
        first = rng.randrange(len(bp.steps))
        run = bp.steps[first : first + rng.randint(1, 3)]
        return GroupStepsCommand([step.id for step in run], f"Stage {rng.randint(0, 99)}")
    if not bp.stages or choice < 0.45:
        return AddStageCommand(bp.id, f"Stage {rng.randint(0, 99)}", _index(rng, 2))
    stage = rng.choice(bp.stages)
    if choice < 0.6:
        return RenameStageCommand(stage.id, f"Stage {rng.randint(0, 99)}")
    if choice < 0.75:
        return MoveStageCommand(stage.id, rng.randint(0, len(bp.stages) - 1))
    return DeleteStageCommand(stage.id) if choice < 0.9 else ungroup_stage(stage.id)


def blueprints(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    project: Project = bp.project
    choice = rng.random()
    if choice < 0.2:
        return AddBlueprintCommand(f"Blueprint {rng.randint(0, 99)}", index=_index(rng, 2))
    if choice < 0.5:
        return RenameBlueprintCommand(bp.id, f"Blueprint {rng.randint(0, 99)}")
    if choice < 0.75:
        return MoveBlueprintCommand(bp.id, rng.randint(0, len(project.blueprints) - 1))
    if choice < 0.9 and len(project.blueprints) < 5:
        return DuplicateAsToBeCommand(bp.id)
    return DeleteBlueprintCommand(bp.id) if len(project.blueprints) > 1 else None


# (maker, weight): mostly card edits, as in real use.
MAKERS: list[tuple[Maker, int]] = [
    (add_card, 10),
    (type_in_card, 12),
    (edit_card, 6),
    (move_cards, 8),
    (delete_cards, 5),
    (paste_cards, 4),
    (connectors, 8),
    (lanes, 4),
    (steps, 5),
    (stages, 5),
    (blueprints, 2),
]


def random_command(rng: random.Random, project: Project) -> EditCommand | None:
    """A command on a random blueprint (weighted to the first), or None when the chosen
    kind of edit has nothing to work on."""
    blueprint = rng.choice(project.blueprints[:1] * 3 + list(project.blueprints))
    makers, weights = zip(*MAKERS, strict=True)
    maker = rng.choices(makers, weights)[0]
    return maker(rng, blueprint)


def check_loaded_objects(document: EditingDocument) -> None:
    """The ORM collections the canvas and docks read (blueprints, lanes, steps, stages,
    connectors, cards, emotions, the cards of each system) agree with the rows in the
    database."""
    session = document.session

    def ids(query) -> list[str]:
        return list(session.scalars(query))

    project = document.project
    query = select(Blueprint.id).order_by(Blueprint.position)
    assert [b.id for b in project.blueprints] == ids(query)
    for blueprint in project.blueprints:
        for kind, items in (
            (Lane, blueprint.lanes),
            (Step, blueprint.steps),
            (Stage, blueprint.stages),
        ):
            query = select(kind.id).where(kind.blueprint_id == blueprint.id)
            assert [i.id for i in items] == ids(query.order_by(kind.position))
        query = select(Connector.id).where(Connector.blueprint_id == blueprint.id)
        assert sorted(c.id for c in blueprint.connectors) == sorted(ids(query))
        for lane in blueprint.lanes:
            query = select(Card.id).where(Card.lane_id == lane.id)
            assert sorted(c.id for c in lane.cards) == sorted(ids(query))
        for step in blueprint.steps:
            query = select(Card.id).where(Card.step_id == step.id)
            assert sorted(c.id for c in step.cards) == sorted(ids(query))
            query = select(Emotion.id).where(Emotion.step_id == step.id)
            assert (step.emotion.id if step.emotion else None) == session.scalar(query)
    for system in project.systems:
        query = select(Card.id).where(Card.systems.any(System.id == system.id))
        assert sorted(c.id for c in system.cards) == sorted(ids(query))
