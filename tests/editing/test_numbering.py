"""A file from elsewhere may number its rows with gaps or ties; undo still gives back
exactly those numbers, although every operation renumbers what it touches."""

import pytest
from editing_helpers import blueprint_of, busy_card, round_trip
from sqlalchemy import update

from app.editing.commands.blueprints import AddBlueprintCommand, MoveBlueprintCommand
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    MoveCardsCommand,
)
from app.editing.commands.lanes import AddLaneCommand, DeleteLaneCommand, MoveLaneCommand
from app.editing.commands.paste import PasteCardsCommand
from app.editing.commands.stages import AddStageCommand, GroupStepsCommand
from app.editing.commands.steps import AddStepCommand, MoveStepCommand
from app.editing.document import EditingDocument
from app.model.clipboard import copy_cards
from app.model.ops_grid import cell_cards
from app.model.schema import Blueprint, Card, Lane, Stage, Step


@pytest.fixture
def gapped(document: EditingDocument) -> EditingDocument:
    """Every ordered row numbered 10, 20, 30 … (and two cards tied)."""
    busy_card(document)
    session = document.session
    blueprint = blueprint_of(document)
    rows = [
        (Blueprint, document.project.blueprints),
        (Lane, blueprint.lanes),
        (Step, blueprint.steps),
        (Stage, blueprint.stages),
        (Card, cell_cards(blueprint.lanes[1], blueprint.steps[0])),
    ]
    for kind, items in rows:
        for rank, item in enumerate(items):
            values = {"position": 10 * (rank + 1)}
            session.execute(update(kind).where(kind.id == item.id).values(values))
    tied = cell_cards(blueprint.lanes[1], blueprint.steps[0])[-1]
    session.execute(update(Card).where(Card.id == tied.id).values(position=20))
    document.project_file.commit()
    session.expire_all()
    return document


def test_undo_gives_back_gapped_numbers(gapped: EditingDocument) -> None:
    blueprint = blueprint_of(gapped)
    lanes, steps = blueprint.lanes, blueprint.steps
    cell = cell_cards(lanes[1], steps[0])
    commands = [
        AddCardCommand(lanes[1].id, steps[0].id, "new", index=1),
        MoveCardsCommand([CardMove(cell[0].id, lanes[1].id, steps[0].id, 2)]),
        MoveCardsCommand([CardMove(cell[1].id, lanes[3].id, steps[2].id)]),
        DeleteCardsCommand([cell[1].id]),
        PasteCardsCommand(lanes[1].id, steps[0].id, copy_cards(cell), index=0),
        AddLaneCommand(blueprint.id, "custom", "Carers", index=2),
        MoveLaneCommand(lanes[0].id, 3),
        DeleteLaneCommand(lanes[4].id),
        AddStepCommand(blueprint.id, "Step 0", index=0),
        MoveStepCommand(steps[4].id, 0),
        AddStageCommand(blueprint.id, "Referral", index=1),
        GroupStepsCommand([steps[2].id], "Middle"),
        AddBlueprintCommand("Another", index=0),
        MoveBlueprintCommand(blueprint.id, 0),
    ]
    for command in commands:
        round_trip(gapped, command)
        gapped.undo()
