"""Card commands: each round-trips through undo and redo; typing merges; delete gives all back."""

from editing_helpers import blueprint_of, busy_card, round_trip
from sqlalchemy import func, select

from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardCommand,
    EditCardTextCommand,
    MoveCardsCommand,
    set_card_flag,
)
from app.editing.commands.paste import PasteCardsCommand
from app.editing.document import EditingDocument
from app.model import ops_grid as ops
from app.model.clipboard import copy_cards
from app.model.dump import dump
from app.model.ops_catalogue import comments_on
from app.model.schema import Card, Comment, Connector, PainPoint, opportunity_pain_point


def cell_texts(document: EditingDocument, lane: int, step: int) -> list[str]:
    blueprint = blueprint_of(document)
    return [c.text for c in ops.cell_cards(blueprint.lanes[lane], blueprint.steps[step])]


def test_add_card(document: EditingDocument) -> None:
    blueprint = blueprint_of(document)
    lane, step = blueprint.lanes[1], blueprint.steps[0]
    round_trip(document, AddCardCommand(lane.id, step.id, "Phones surgery", channel="phone"))
    round_trip(document, AddCardCommand(lane.id, step.id, "Reads letter", index=0))
    assert cell_texts(document, 1, 0) == ["Reads letter", "Phones surgery"]
    assert document.undo_stack.undoText() == "Add card"


def test_type_in_card_merges_into_one_undo_step(document: EditingDocument) -> None:
    card = busy_card(document)
    before = dump(document.session)
    for text in ("Phones", "Phones the", "Phones the surgery"):
        document.push(EditCardTextCommand(card.id, text))
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Type in card"
    after = dump(document.session)
    document.undo()
    assert dump(document.session) == before
    document.redo()
    assert dump(document.session) == after
    assert document.session.get(Card, card.id).text == "Phones the surgery"


def test_typing_in_another_card_is_another_step(document: EditingDocument) -> None:
    card = busy_card(document)
    other = blueprint_of(document).lanes[2].cards[0]
    document.push(EditCardTextCommand(card.id, "a"))
    document.push(EditCardTextCommand(other.id, "b"))
    document.push(EditCardTextCommand(card.id, "c"))
    assert document.undo_stack.count() == 3


def test_typing_after_saving_starts_a_new_step(document: EditingDocument) -> None:
    card = busy_card(document)
    document.push(EditCardTextCommand(card.id, "a"))
    document.saved()
    document.push(EditCardTextCommand(card.id, "ab"))
    assert document.undo_stack.count() == 2
    document.undo()
    assert not document.modified


def test_typing_back_to_the_start_leaves_nothing_to_undo(document: EditingDocument) -> None:
    card = busy_card(document)
    document.push(EditCardTextCommand(card.id, "Phones surgery!"))
    document.push(EditCardTextCommand(card.id, "Phones surgery"))
    assert document.undo_stack.count() == 0
    assert document.session.get(Card, card.id).text == "Phones surgery"


def test_edit_card_fields(document: EditingDocument) -> None:
    card = busy_card(document)
    command = EditCardCommand(card.id, channel="phone", duration_minutes=15, notes="busy line")
    round_trip(document, command)
    assert command.text() == "Edit card"


def test_fail_and_wait_points(document: EditingDocument) -> None:
    card = busy_card(document)
    others = [c.id for c in blueprint_of(document).lanes[1].cards]
    command = set_card_flag([card.id], "fail_point", True)
    assert command.text() == "Mark fail point"
    round_trip(document, command)
    assert document.session.get(Card, card.id).fail_point
    several = set_card_flag(others, "wait_point", True)
    assert several.text() == f"Mark {len(others)} wait points"
    round_trip(document, several)
    assert set_card_flag([card.id], "fail_point", False).text() == "Clear fail point"


def test_move_one_card_to_another_cell(document: EditingDocument) -> None:
    card = busy_card(document)
    blueprint = blueprint_of(document)
    target = CardMove(card.id, blueprint.lanes[3].id, blueprint.steps[4].id)
    command = MoveCardsCommand([target])
    assert command.text() == "Move card"
    round_trip(document, command)
    assert cell_texts(document, 1, 0) == ["Reads letter", "Waits on hold"]
    assert cell_texts(document, 3, 4) == ["Phones surgery"]


def test_move_several_cards_is_one_step(document: EditingDocument) -> None:
    card = busy_card(document)
    blueprint = blueprint_of(document)
    cell = blueprint.lanes[1], blueprint.steps[0]
    ids = [c.id for c in ops.cell_cards(*cell)]  # Reads letter, Phones surgery, Waits on hold
    lane, step = blueprint.lanes[2].id, blueprint.steps[1].id
    moves = [
        CardMove(ids[2], cell[0].id, cell[1].id, 0),  # within its cell, to the top
        CardMove(card.id, lane, step, 0),  # above Books slot
        CardMove(ids[0], lane, step, 1),
    ]
    command = MoveCardsCommand(moves)
    assert command.text() == "Move 3 cards"
    round_trip(document, command)
    assert cell_texts(document, 1, 0) == ["Waits on hold"]
    assert cell_texts(document, 2, 1) == ["Phones surgery", "Reads letter", "Books slot"]
    assert document.undo_stack.count() == 1


def test_delete_card_and_undo_gives_back_connectors_pain_points_comments(
    document: EditingDocument,
) -> None:
    card = busy_card(document)
    session = document.session
    card_id = card.id
    pain_id = card.pain_points[0].id
    command = DeleteCardsCommand([card_id])
    assert command.text() == "Delete card"
    round_trip(document, command)
    assert session.get(Card, card_id) is None
    assert session.scalar(select(func.count()).select_from(Connector)) == 0
    assert session.scalar(select(func.count()).select_from(Comment)) == 0
    document.undo()
    card = session.get(Card, card_id)
    assert [p.id for p in card.pain_points] == [pain_id]
    assert [c.source.text for c in card.incoming] == ["Reads letter"]
    assert [(c.target.text, c.label) for c in card.outgoing] == [("Books slot", "call")]
    assert [c.text for c in comments_on(card)] == ["Seen twice"]
    assert [c.text for c in comments_on(card.pain_points[0])] == ["Data agrees"]
    assert [c.text for c in comments_on(card.outgoing[0])] == ["Check this"]
    links = session.execute(select(opportunity_pain_point)).all()
    assert [link.pain_point_id for link in links] == [pain_id]
    assert cell_texts(document, 1, 0) == ["Reads letter", "Phones surgery", "Waits on hold"]


def test_delete_several_cards_is_one_step(document: EditingDocument) -> None:
    busy_card(document)
    blueprint = blueprint_of(document)
    ids = [c.id for lane in blueprint.lanes for c in lane.cards]
    command = DeleteCardsCommand(ids)
    assert command.text() == "Delete 4 cards"
    round_trip(document, command)
    assert document.session.scalar(select(func.count()).select_from(Card)) == 0
    assert document.session.scalar(select(func.count()).select_from(PainPoint)) == 0


def test_paste_cards_with_the_connectors_among_them(document: EditingDocument) -> None:
    card = busy_card(document)
    blueprint = blueprint_of(document)
    copied = copy_cards(ops.cell_cards(blueprint.lanes[1], blueprint.steps[0]))
    assert [len(c["connectors"]) for c in copied] == [1, 0, 0]  # Phones -> Books is not copied
    lane, step = blueprint.lanes[4], blueprint.steps[2]
    command = PasteCardsCommand(lane.id, step.id, copied)
    assert command.text() == "Paste 3 cards"
    round_trip(document, command)
    pasted = ops.cell_cards(lane, step)
    assert [c.text for c in pasted] == ["Reads letter", "Phones surgery", "Waits on hold"]
    assert card.id not in {c.id for c in pasted}
    assert [(c.source.text, c.target.text) for c in pasted[0].outgoing] == [
        ("Reads letter", "Phones surgery")
    ]
    assert pasted[1].pain_points == []  # pain points are not part of a copy
    round_trip(document, PasteCardsCommand(lane.id, step.id, copied[1:2], index=0))
    assert cell_texts(document, 4, 2)[:2] == ["Phones surgery", "Reads letter"]
