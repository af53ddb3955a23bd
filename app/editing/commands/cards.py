"""Commands on cards: add, type in, edit fields, fail and wait points, move, delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.editing.commands.base import CommandGroup, EditCommand, counted, fetch
from app.editing.commands.patterns import CreateCommand, DeleteCommand, EditFieldsCommand
from app.model.base import Base
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.ops_grid import add_card, cell_cards, move_card
from app.model.put_back import put_back_positions
from app.model.structure import Card, Lane, Step

# Commands that merge with the one before them (QUndoCommand.id); unique in the app.
TYPING_ID = 1001

FLAG_NAMES = {"fail_point": "fail point", "wait_point": "wait point"}


class AddCardCommand(CreateCommand):
    """A new card in the cell (lane, step), at ``index`` (None: last)."""

    def __init__(
        self, lane_id: str, step_id: str, text: str = "", index: int | None = None, **fields: Any
    ) -> None:
        super().__init__("Add card")
        self.lane_id, self.step_id, self.index = lane_id, step_id, index
        self.fields = {"text": text, **fields}

    def siblings(self, session: Session) -> list[Card]:
        return cell_cards(fetch(session, Lane, self.lane_id), fetch(session, Step, self.step_id))

    def create(self, session: Session) -> list[Base]:
        lane = fetch(session, Lane, self.lane_id)
        step = fetch(session, Step, self.step_id)
        return [add_card(lane, step, index=self.index, **self.fields)]


class EditCardTextCommand(EditFieldsCommand):
    """Typing in a card; consecutive typing in the same card is one undo step."""

    kind = Card

    def __init__(self, card_id: str, text: str) -> None:
        super().__init__("Type in card", card_id, {"text": text})

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCardTextCommand) or other.item_id != self.item_id:
            return False
        self.new = dict(other.new)
        # Typed and then erased back to where it was: nothing left to undo.
        self.setObsolete(self.new["text"] == self.old.get("text"))
        return True


class EditCardCommand(EditFieldsCommand):
    """Change any editable fields of a card (text, channel, duration, notes, flags)."""

    kind = Card

    def __init__(self, card_id: str, **changes: Any) -> None:
        super().__init__("Edit card", card_id, changes)


def set_card_flag(card_ids: Sequence[str], flag: str, value: bool) -> EditCommand:
    """Mark (or clear) the fail point or wait point flag of one or more cards."""
    if flag not in FLAG_NAMES:
        raise ValueError(f"not a card flag: {flag!r}")
    verb = "Mark" if value else "Clear"
    text = f"{verb} {counted(len(card_ids), FLAG_NAMES[flag])}"
    edits: list[EditCommand] = [EditCardCommand(card_id, **{flag: value}) for card_id in card_ids]
    if len(edits) == 1:
        edits[0].setText(text)
        return edits[0]
    return CommandGroup(text, edits)


class CardMove(NamedTuple):
    """Where one card goes: its new cell and its index there (None: last)."""

    card_id: str
    lane_id: str
    step_id: str
    index: int | None = None


class MoveCardsCommand(EditCommand):
    """Cards dragged to new cells or positions, pushed once when the drag ends.

    The moves are done in the order given (to put several cards into one cell, give them
    in ascending index); undo moves each card back to the cell and index it came from, in
    reverse order, then gives the cards of those cells their old position numbers.
    """

    def __init__(self, moves: Sequence[CardMove]) -> None:
        super().__init__(f"Move {counted(len(moves), 'card')}")
        self.moves = [CardMove(*move) for move in moves]
        self.origins: list[CardMove] = []
        self.numbering: dict[str, int] = {}

    def apply(self, session: Session) -> ChangeSet:
        self.origins, self.numbering = [], {}
        blueprint_id = None
        for move in self.moves:
            card = fetch(session, Card, move.card_id)
            if blueprint_id not in (None, card.lane.blueprint_id):
                raise ModelError("move cards of one blueprint at a time")
            blueprint_id = card.lane.blueprint_id
            lane, step = fetch(session, Lane, move.lane_id), fetch(session, Step, move.step_id)
            for sibling in cell_cards(card.lane, card.step) + cell_cards(lane, step):
                self.numbering.setdefault(sibling.id, sibling.position)
            index = cell_cards(card.lane, card.step).index(card)
            self.origins.append(CardMove(card.id, card.lane_id, card.step_id, index))
            move_card(card, lane, step, move.index)
        return ChangeSet(blueprint_id, cards_changed=frozenset(m.card_id for m in self.moves))

    def revert(self, session: Session) -> None:
        for origin in reversed(self.origins):
            card = fetch(session, Card, origin.card_id)
            lane = fetch(session, Lane, origin.lane_id)
            move_card(card, lane, fetch(session, Step, origin.step_id), origin.index)
        put_back_positions(session, Card, self.numbering)


class DeleteCardsCommand(DeleteCommand):
    """Delete cards with their pain points, connectors and comments."""

    kind = Card

    def __init__(self, card_ids: Sequence[str]) -> None:
        super().__init__(f"Delete {counted(len(set(card_ids)), 'card')}", card_ids)
