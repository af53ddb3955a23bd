"""Helpers for the editing tests: a card with everything attached, and undo/redo round trips."""

from app.editing.commands.base import EditCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.ops_catalogue import add_comment
from app.model.ops_grid import add_card, add_connector
from app.model.ops_method import add_opportunity, add_pain_point
from app.model.structure import Blueprint, Card


def blueprint_of(document: EditingDocument, index: int = 0) -> Blueprint:
    return document.project.blueprints[index]


def busy_card(document: EditingDocument) -> Card:
    """A card of the first blueprint with two connectors, a pain point linked to an
    opportunity, and comments on the card, the pain point and a connector."""
    blueprint = blueprint_of(document)
    lanes, steps = blueprint.lanes, blueprint.steps
    card = add_card(lanes[1], steps[0], "Phones surgery")
    before = add_card(lanes[1], steps[0], "Reads letter", index=0)
    after = add_card(lanes[2], steps[1], "Books slot")
    add_card(lanes[1], steps[0], "Waits on hold")
    add_connector(before, card)
    link = add_connector(card, after, "hand-off", "call")
    pain = add_pain_point(card, "Long wait", 4, "service user", "interview")
    add_opportunity(document.project, "Call back", [pain])
    add_comment(card, "Ann", "Seen twice")
    add_comment(pain, "Bo", "Data agrees")
    add_comment(link, "Cy", "Check this")
    document.project_file.commit()
    return card


def round_trip(document: EditingDocument, command: EditCommand) -> tuple[dict, dict]:
    """Push ``command``, then undo, redo, undo, redo: each undo gives back the state before
    it, each redo the state after it. Returns the dumps before and after."""
    before = dump(document.session)
    document.push(command)
    after = dump(document.session)
    assert after != before, f"{command.text()} changed nothing"
    for _cycle in range(2):
        document.undo()
        assert dump(document.session) == before, f"undo {command.text()}"
        document.redo()
        assert dump(document.session) == after, f"redo {command.text()}"
    return before, after
