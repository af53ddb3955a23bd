"""Random but valid edits of every kind the product makes as undo commands, built the way
the window builds them, for the undo/redo state machine and the soak run.

The grid's edits (cards, connectors, lanes, steps, stages, blueprints, paste) are the
ones of tests/editing/random_edits.py; this adds the card's details, the method (pain
points, emotions, key moments, opportunities, comments), the systems catalogue, the
ecosystem map's positions and pasting a block of spreadsheet cells. Importing, merging a
copy and Duplicate need files or a canvas: the machine and the soak make those.
"""

from __future__ import annotations

import importlib
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import object_session

from app.analysis.ecosystem import actor_key, channel_key, system_key
from app.editing.commands.base import EditCommand
from app.editing.commands.card_links import SetCardActorCommand, SetCardSystemsCommand
from app.editing.commands.cards import EditCardCommand
from app.editing.commands.catalogue import (
    AddDataItemCommand,
    AddSystemCommand,
    DeleteDataItemCommand,
    EditSystemCommand,
    MoveDataItemCommand,
    RenameDataItemCommand,
    delete_system_command,
    edit_system_command,
)
from app.editing.commands.ecosystem import MoveEcosystemNodesCommand, ResetEcosystemLayoutCommand
from app.editing.commands.method import (
    AddCommentCommand,
    AddOpportunityCommand,
    AddPainPointCommand,
    DeleteCommentsCommand,
    DeleteOpportunitiesCommand,
    DeletePainPointsCommand,
    EditCommentCommand,
    EditOpportunityCommand,
    EditPainPointCommand,
    LinkPainPointsCommand,
    SetEmotionCommand,
    SetKeyMomentCommand,
)
from app.editing.commands.paste import PasteBlockCommand
from app.model.catalogue import Comment
from app.model.kinds import EvidenceSource, OpportunityStatus, Perspective, Scale
from app.model.method import Opportunity, PainPoint
from app.model.structure import Blueprint, Card, Connector, Step
from app.ui.paste_block import place

# The grid's makers live beside the editing tests; one module for both suites.
sys.path.insert(0, str(Path(__file__).parents[1] / "editing"))
random_edits = importlib.import_module("random_edits")

Maker = Callable[[random.Random, Blueprint], EditCommand | None]

WORDS = ["wait", "call", "letter", "clinic", "form", "", "GP", "nurse", "Ünïcödé ✓", "a\nb"]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))).strip() or "x"


def _cards(bp: Blueprint) -> list[Card]:
    return [card for lane in bp.lanes for card in lane.cards]


def _pain_points(bp: Blueprint) -> list[PainPoint]:
    on_cards = [pain for card in _cards(bp) for pain in card.pain_points]
    return on_cards + [pain for step in bp.steps for pain in step.pain_points]


def _score(rng: random.Random) -> int | None:
    return rng.choice([None, 0, 1, 2, 3, 4, 5])


# -- the card's details -------------------------------------------------------------------


def card_details(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    cards = _cards(bp)
    if not cards:
        return None
    card = rng.choice(cards)
    project = bp.project
    choice = rng.random()
    if choice < 0.4:
        fields = rng.choice(
            [
                {"notes": _text(rng)},
                {"channel": rng.choice(["", "phone", "web", "letter"])},
                {"duration_minutes": rng.choice([None, 0, 15, 240])},
                {"text": _text(rng), "wait_point": rng.random() < 0.5},
            ]
        )
        return EditCardCommand(card.id, **fields)
    if choice < 0.7:
        actors = [actor.id for actor in project.actors]
        return SetCardActorCommand(card.id, rng.choice([None, *actors]))
    systems = [system.id for system in project.systems]
    chosen = rng.sample(systems, rng.randint(0, min(3, len(systems))))
    return SetCardSystemsCommand(card.id, chosen)


# -- the method ------------------------------------------------------------------------------


def pain_points(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    pains = _pain_points(bp)
    choice = rng.random()
    if not pains or choice < 0.4:
        cards = _cards(bp)
        if cards and rng.random() < 0.7:
            on, item_id = "card", rng.choice(cards).id
        elif bp.steps:
            on, item_id = "step", rng.choice(bp.steps).id
        else:
            return None
        return AddPainPointCommand(
            on,
            item_id,
            description=_text(rng),
            severity=rng.randint(1, 5),
            perspective=rng.choice(list(Perspective)).value,
            evidence=rng.choice(list(EvidenceSource)).value,
            people_affected=rng.choice([None, 3, 5000]),
        )
    pain = rng.choice(pains)
    if choice < 0.8:
        fields = rng.choice(
            [
                {"severity": rng.randint(1, 5)},
                {"perspective": rng.choice(list(Perspective)).value},
                {"evidence": rng.choice(list(EvidenceSource)).value},
                {"people_affected": rng.choice([None, 0, 40])},
                {"underserved_group": rng.choice(["", "carers", "homeless people"])},
                {"resolved": rng.random() < 0.5},
                {"description": _text(rng)},
            ]
        )
        return EditPainPointCommand(pain.id, **fields)
    return DeletePainPointsCommand([p.id for p in rng.sample(pains, min(len(pains), 2))])


def emotions(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    if not bp.steps:
        return None
    step = bp.steps[0] if rng.random() < 0.3 else rng.choice(bp.steps)  # drags merge
    values = [None, -2, -1, 0, 1, 2]
    return SetEmotionCommand(step.id, rng.choice(values), rng.choice(values))


def key_moments(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    if not bp.steps:
        return None
    step = rng.choice(bp.steps)
    if rng.random() < 0.3:
        return SetKeyMomentCommand(step.id, None, None)
    note = rng.choice([None, "", _text(rng)])
    return SetKeyMomentCommand(step.id, rng.randint(0, 5), rng.randint(0, 5), note)


def opportunities(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    project = bp.project
    pains = [pain.id for pain in _pain_points(bp)]
    found = list(project.opportunities)
    choice = rng.random()
    if not found or choice < 0.3:
        linked = rng.sample(pains, rng.randint(0, min(3, len(pains))))
        return AddOpportunityCommand(_text(rng), linked, impact=_score(rng))
    opportunity = rng.choice(found)
    if choice < 0.7:
        fields = rng.choice(
            [
                {"title": _text(rng)},
                {"management_interest": _score(rng), "capability": _score(rng)},
                {"operational_capacity": _score(rng), "effort": _score(rng)},
                {"quick_win": rng.random() < 0.5, "exemplar": rng.random() < 0.5},
                {"scale": rng.choice([None, *(s.value for s in Scale)])},
                {"status": rng.choice(list(OpportunityStatus)).value},
                {"owner": _text(rng), "measure": _text(rng)},
                {"target_date": rng.choice([None, date(2027, 3, 31)])},
                {"people_affected": rng.choice([None, 20]), "underserved_group": "carers"},
            ]
        )
        return EditOpportunityCommand(opportunity.id, **fields)
    if choice < 0.9 and pains:
        chosen = rng.sample(pains, rng.randint(1, min(3, len(pains))))
        return LinkPainPointsCommand(opportunity.id, chosen, link=rng.random() < 0.6)
    return DeleteOpportunitiesCommand([opportunity.id])


def comments(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    session = object_session(bp)
    assert session is not None
    project = bp.project
    targets: list[tuple[type, str]] = [(Card, card.id) for card in _cards(bp)]
    targets += [(Step, step.id) for step in bp.steps]
    targets += [(PainPoint, pain.id) for pain in _pain_points(bp)]
    targets += [(Opportunity, opportunity.id) for opportunity in project.opportunities]
    targets += [(Connector, connector.id) for connector in bp.connectors]
    found = list(session.query(Comment).order_by(Comment.id))
    choice = rng.random()
    if not found or choice < 0.5:
        if not targets:
            return None
        kind, item_id = rng.choice(targets)
        return AddCommentCommand(kind, item_id, rng.choice(["Ann", "Bo"]), _text(rng))
    comment = rng.choice(found)
    if choice < 0.8:
        if rng.random() < 0.5:
            return EditCommentCommand(comment.id, resolved=not comment.resolved)
        return EditCommentCommand(comment.id, text=_text(rng))
    return DeleteCommentsCommand([comment.id])


# -- the systems catalogue -----------------------------------------------------------------


def catalogue(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    session = object_session(bp)
    assert session is not None
    systems = list(bp.project.systems)
    choice = rng.random()
    if not systems or choice < 0.15:
        items = [f"record {rng.randint(0, 9)}" for _ in range(rng.randint(0, 3))]
        return AddSystemCommand(f"System {rng.randint(0, 99)}", "IT", _text(rng), items)
    system = rng.choice(systems)
    items = list(system.data_items)
    if choice < 0.3:
        return EditSystemCommand(system.id, **rng.choice([{"name": _text(rng)}, {"owner": "Ops"}]))
    if choice < 0.4:
        return delete_system_command(session, system.id)
    if choice < 0.55 or not items:
        return AddDataItemCommand(system.id, f"item {rng.randint(0, 99)}", _index(rng, len(items)))
    item = rng.choice(items)
    if choice < 0.65:
        return RenameDataItemCommand(item.id, f"item {rng.randint(0, 99)}")
    if choice < 0.75:
        return DeleteDataItemCommand(item.id, item.name)
    if choice < 0.85:
        return MoveDataItemCommand(item.id, rng.randrange(len(items)))
    # The system dialog: fields and the list of data items edited at once.
    wanted: list[tuple[str | None, str]] = [(i.id, i.name) for i in items if rng.random() < 0.8]
    rng.shuffle(wanted)
    wanted.insert(rng.randint(0, len(wanted)), (None, f"new {rng.randint(0, 99)}"))
    fields = {"name": system.name, "owner": rng.choice(["", "IT"]), "description": "d"}
    return edit_system_command(system, fields, wanted)


def _index(rng: random.Random, size: int) -> int | None:
    return rng.choice([None, rng.randint(0, size)])


# -- the ecosystem map ---------------------------------------------------------------------


def ecosystem(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    project = bp.project
    keys = [system_key(system.id) for system in project.systems]
    keys += [actor_key(actor.id) for actor in project.actors]
    keys += [channel_key(card.channel) for card in _cards(bp) if card.channel]
    keys = sorted(set(keys))
    map_id = rng.choice([None, bp.id])
    if not keys or rng.random() < 0.15:
        return ResetEcosystemLayoutCommand(map_id)
    chosen = rng.sample(keys, rng.randint(1, min(3, len(keys))))
    if rng.random() < 0.5:
        chosen = keys[:1]  # the same node nudged again and again: one undo step
    positions = {key: (rng.uniform(-500, 500), rng.uniform(-500, 500)) for key in chosen}
    return MoveEcosystemNodesCommand(map_id, positions, nudge=rng.random() < 0.6)


# -- a block of spreadsheet cells ----------------------------------------------------------


def paste_block(rng: random.Random, bp: Blueprint) -> EditCommand | None:
    if not bp.lanes or not bp.steps:
        return None
    rows, columns = rng.randint(1, 3), rng.randint(1, 3)
    grid = [[rng.choice(["", _text(rng)]) for _ in range(columns)] for _ in range(rows)]
    anchor = (rng.randrange(len(bp.lanes)), rng.randrange(len(bp.steps)))
    size = (len(bp.lanes), len(bp.steps))
    placement = place(grid, rng.random() < 0.5, anchor, size, rng.random() < 0.3)
    if not placement.cells:
        return None
    return PasteBlockCommand(bp.id, placement.cells, placement.new_lanes, placement.new_steps)


# (maker, weight): the grid's as in tests/editing, then the rest of the product.
MAKERS: dict[str, tuple[Maker, int]] = {
    maker.__name__: (maker, weight) for maker, weight in random_edits.MAKERS
} | {
    "card_details": (card_details, 5),
    "pain_points": (pain_points, 5),
    "emotions": (emotions, 3),
    "key_moments": (key_moments, 2),
    "opportunities": (opportunities, 4),
    "comments": (comments, 4),
    "catalogue": (catalogue, 4),
    "ecosystem": (ecosystem, 2),
    "paste_block": (paste_block, 2),
}
KINDS = sorted(MAKERS)
GRID_KINDS = sorted(maker.__name__ for maker, _weight in random_edits.MAKERS)
METHOD_KINDS = [
    "card_details",
    "comments",
    "emotions",
    "key_moments",
    "opportunities",
    "pain_points",
]


def pick_blueprint(rng: random.Random, project) -> Blueprint:
    """A random blueprint, weighted to the first (the one usually on screen)."""
    return rng.choice(project.blueprints[:1] * 3 + list(project.blueprints))


def random_command(
    rng: random.Random, project, kinds: list[str] | None = None
) -> tuple[str, EditCommand | None]:
    """A command of a random kind (among ``kinds``) on a random blueprint, and its kind;
    None when that kind of edit has nothing to work on."""
    names = kinds or KINDS
    weights = [MAKERS[name][1] for name in names]
    name = rng.choices(names, weights)[0]
    return name, MAKERS[name][0](rng, pick_blueprint(rng, project))
