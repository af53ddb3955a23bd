"""A card's actor and systems: set, change and clear through commands that undo exactly."""

import pytest
from editing_helpers import blueprint_of, busy_card, round_trip

from app.editing.commands.card_links import SetCardActorCommand, SetCardSystemsCommand
from app.editing.document import EditingDocument
from app.model.errors import ModelError
from app.model.ops_catalogue import add_actor, add_system
from app.model.project_file import ProjectFile
from app.model.structure import Card


def test_set_change_and_clear_actor(document: EditingDocument) -> None:
    card = busy_card(document)
    nurse = add_actor(document.project, "Practice nurse", "staff role")
    patient = add_actor(document.project, "Patient", "service user")
    document.project_file.commit()

    round_trip(document, SetCardActorCommand(card.id, nurse.id))
    assert document.undo_stack.undoText() == "Set actor"
    assert document.session.get(Card, card.id).actor_id == nurse.id
    round_trip(document, SetCardActorCommand(card.id, patient.id))
    round_trip(document, SetCardActorCommand(card.id, None))
    assert document.undo_stack.undoText() == "Clear actor"
    assert document.session.get(Card, card.id).actor is None
    document.undo()
    assert document.session.get(Card, card.id).actor_id == patient.id


def test_set_and_clear_systems(document: EditingDocument) -> None:
    card = busy_card(document)
    lab = add_system(document.project, "Pathology lab system")
    gp = add_system(document.project, "GP clinical system")
    sms = add_system(document.project, "SMS reminder service")
    document.project_file.commit()

    round_trip(document, SetCardSystemsCommand(card.id, [lab.id, gp.id]))
    assert [s.name for s in document.session.get(Card, card.id).systems] == [
        "GP clinical system",
        "Pathology lab system",
    ]
    round_trip(document, SetCardSystemsCommand(card.id, [sms.id, gp.id, sms.id]))
    round_trip(document, SetCardSystemsCommand(card.id, []))
    assert document.undo_stack.undoText() == "Clear systems"
    document.undo()
    assert {s.id for s in document.session.get(Card, card.id).systems} == {sms.id, gp.id}


def test_change_reports_the_card(document: EditingDocument) -> None:
    card = busy_card(document)
    actor = add_actor(document.project, "Receptionist", "staff role")
    document.project_file.commit()
    seen = []
    document.changed.connect(seen.append)
    document.push(SetCardActorCommand(card.id, actor.id))
    document.undo()
    assert [c.cards_changed for c in seen] == [frozenset({card.id})] * 2
    assert {c.blueprint_id for c in seen} == {blueprint_of(document).id}


def test_refused_links_change_nothing(document: EditingDocument) -> None:
    card = busy_card(document)
    other = ProjectFile.new("Other")
    try:
        stranger = add_system(other.project, "Someone else's system")
        other.commit()
        with pytest.raises(ModelError, match="no longer exists"):
            document.push(SetCardSystemsCommand(card.id, [stranger.id]))
        with pytest.raises(ModelError, match="no longer exists"):
            document.push(SetCardActorCommand(card.id, "no-such-actor"))
    finally:
        other.close()
    assert document.undo_stack.count() == 0
    assert document.session.get(Card, card.id).systems == []
