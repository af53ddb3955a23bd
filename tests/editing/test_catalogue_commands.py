"""The systems catalogue's commands: each one's do, undo and redo; a deleted system comes
back with its data items and every card's link under the same UUIDs; a rename reaches the
system hint of the cards naming it, on every canvas, and undo puts the old name back."""

from __future__ import annotations

from editing_helpers import blueprint_of, round_trip
from sqlalchemy import select

from app.editing.commands.catalogue import (
    AddDataItemCommand,
    AddSystemCommand,
    DeleteDataItemCommand,
    DeleteSystemCommand,
    EditSystemCommand,
    MoveDataItemCommand,
    RenameDataItemCommand,
    delete_system_command,
    edit_system_command,
)
from app.editing.document import EditingDocument
from app.model.catalogue import DataItem, System, card_system
from app.model.ops_catalogue import add_system, set_card_systems
from app.model.ops_grid import add_blueprint, add_card, add_lane, add_step
from app.model.structure import Card
from app.ui.blueprint_editor import BlueprintEditor


def catalogue(document: EditingDocument) -> dict[str, list[str]]:
    """Each system's name with its data items, in order."""
    session = document.session
    session.expire_all()
    return {
        system.name: [item.name for item in system.data_items]
        for system in session.scalars(select(System))
    }


def gp_system(document: EditingDocument) -> System:
    """A system with three data items, named by two cards of the first blueprint and one
    of a second blueprint."""
    project = document.project
    system = add_system(
        project,
        "GP clinical system",
        ["contact details", "appointments", "test results"],
        owner="GP practice",
    )
    add_system(project, "SMS service", ["mobile numbers"])
    lanes, steps = blueprint_of(document).lanes, blueprint_of(document).steps
    first = add_card(lanes[5], steps[0], "Looks up patient")
    second = add_card(lanes[5], steps[1], "Books slot")
    set_card_systems(first, [system])
    set_card_systems(second, [system, project.systems[1]])
    other = add_blueprint(project, "To-be")
    third = add_card(add_lane(other, "systems"), add_step(other, "Check"), "Shared record")
    set_card_systems(third, [system])
    document.project_file.commit()
    return system


def links(document: EditingDocument) -> set[tuple[str, str]]:
    return set(document.session.execute(select(card_system.c.card_id, card_system.c.system_id)))


def test_add_system_round_trip_keeps_its_uuids(document: EditingDocument):
    command = AddSystemCommand("Lab system", "Hospital trust", "Results", ["orders", "results"])
    round_trip(document, command)
    system = document.session.get(System, command.system_id)
    assert (system.name, system.owner, system.description) == (
        "Lab system",
        "Hospital trust",
        "Results",
    )
    assert [item.name for item in system.data_items] == ["orders", "results"]
    assert command.changes.catalogue_changed and command.changes.blueprint_id is None
    ids = [item.id for item in system.data_items]
    document.undo()
    assert document.session.get(System, command.system_id) is None
    document.redo()
    assert [item.id for item in document.session.get(System, command.system_id).data_items] == (ids)


def test_edit_system_fields_round_trip(document: EditingDocument):
    system = gp_system(document)
    command = EditSystemCommand(system.id, owner="ICB", description="Primary care record")
    round_trip(document, command)
    assert (system.owner, system.description) == ("ICB", "Primary care record")
    assert command.text() == "Edit system"
    # Owner and description are not on the cards: no card is re-laid out.
    assert command.changes.cards_changed == frozenset()
    document.undo()
    assert system.owner == "GP practice"


def test_rename_names_every_card_using_the_system(document: EditingDocument):
    system = gp_system(document)
    users = {card_id for card_id, system_id in links(document) if system_id == system.id}
    command = EditSystemCommand(system.id, name="EMIS")
    round_trip(document, command)
    assert command.text() == "Rename system"
    assert command.changes.cards_changed == users and len(users) == 3
    assert "EMIS" in catalogue(document)


def test_delete_system_undo_gives_back_data_items_and_links(document: EditingDocument):
    system = gp_system(document)
    system_id = system.id
    items = [(item.id, item.name, item.position) for item in system.data_items]
    before = links(document)
    command = delete_system_command(document.session, system_id)
    assert command.text() == "Delete system “GP clinical system” (3 cards lose the link)"
    round_trip(document, command)
    document.undo()
    assert links(document) == before
    back = document.session.get(System, system_id)
    assert [(item.id, item.name, item.position) for item in back.data_items] == items
    card = document.session.scalars(select(Card).where(Card.text == "Books slot")).one()
    assert sorted(s.name for s in card.systems) == ["GP clinical system", "SMS service"]
    document.redo()
    assert document.session.get(System, system_id) is None
    assert document.session.scalar(select(DataItem).where(DataItem.system_id == system_id)) is None
    assert [s.name for s in card.systems] == ["SMS service"]
    assert command.changes.cards_changed == {c for c, s in before if s == system_id}


def test_delete_text_counts_one_card_and_none():
    assert DeleteSystemCommand("x", "Lab", 1).text() == (
        "Delete system “Lab” (1 card loses the link)"
    )
    assert DeleteSystemCommand("x", "Lab", 0).text() == "Delete system “Lab”"


def test_data_item_commands_round_trip(document: EditingDocument):
    system = gp_system(document)
    add = AddDataItemCommand(system.id, "care plan", 1)
    round_trip(document, add)
    assert catalogue(document)["GP clinical system"] == [
        "contact details",
        "care plan",
        "appointments",
        "test results",
    ]
    item_id = add.data_item_id
    rename = RenameDataItemCommand(item_id, "shared care plan")
    round_trip(document, rename)
    assert document.session.get(DataItem, item_id).name == "shared care plan"
    move = MoveDataItemCommand(item_id, 3)
    round_trip(document, move)
    assert catalogue(document)["GP clinical system"][-1] == "shared care plan"
    document.undo()
    assert catalogue(document)["GP clinical system"][1] == "shared care plan"
    document.redo()
    delete = DeleteDataItemCommand(item_id, "shared care plan")
    round_trip(document, delete)
    document.undo()
    assert document.session.get(DataItem, item_id).position == 3
    for command in (add, rename, move, delete):
        assert command.changes.catalogue_changed
        assert command.changes.blueprint_id is None


def test_the_dialog_s_edit_is_one_undo_step(document: EditingDocument):
    system = gp_system(document)
    ids = {item.name: item.id for item in system.data_items}
    command = edit_system_command(
        system,
        {"name": "GP clinical system", "owner": "GP surgery", "description": ""},
        [
            (ids["test results"], "test results"),
            (None, "medication list"),
            (ids["contact details"], "patient contact details"),
        ],
    )
    round_trip(document, command)
    assert command.text() == "Edit system “GP clinical system”"
    assert catalogue(document)["GP clinical system"] == [
        "test results",
        "medication list",
        "patient contact details",
    ]
    assert system.owner == "GP surgery"
    assert document.session.get(DataItem, ids["appointments"]) is None
    assert document.session.get(DataItem, ids["contact details"]) is not None
    same = [(item.id, item.name) for item in system.data_items]
    fields = {"name": system.name, "owner": system.owner, "description": ""}
    assert edit_system_command(system, fields, same) is None


def test_the_canvas_hint_follows_a_rename_and_its_undo(qapp, document: EditingDocument):
    system = gp_system(document)
    first, second = document.project.blueprints
    editors = [BlueprintEditor(document, blueprint.id) for blueprint in (first, second)]
    card = document.session.scalars(select(Card).where(Card.text == "Books slot")).one()
    other = document.session.scalars(select(Card).where(Card.text == "Shared record")).one()

    def hint(editor: BlueprintEditor, card_id: str) -> str:
        return editor.layout_engine.shape.cards[card_id].hint

    assert hint(editors[0], card.id) == "GP clinical system, SMS service"
    document.push(EditSystemCommand(system.id, name="EMIS Web"))
    assert hint(editors[0], card.id) == "EMIS Web, SMS service"
    assert hint(editors[1], other.id) == "EMIS Web"
    document.undo()
    assert hint(editors[0], card.id) == "GP clinical system, SMS service"
    assert hint(editors[1], other.id) == "GP clinical system"
    document.redo()
    document.push(delete_system_command(document.session, system.id))
    assert hint(editors[0], card.id) == "SMS service"
    assert hint(editors[1], other.id) == ""
    document.undo()
    assert hint(editors[1], other.id) == "EMIS Web"
    for editor in editors:
        editor.deleteLater()
