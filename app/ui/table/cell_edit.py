"""A cell of the table as lines of text, one card per line, and the commands that turn an
edited cell back into cards: changed lines edit their card, new lines add cards, removed
lines delete theirs, all as one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from app.editing.commands.base import CommandGroup, EditCommand, counted
from app.editing.commands.cards import AddCardCommand, DeleteCardsCommand, EditCardTextCommand

# A line break inside one card's text, shown within its line (a card is one line here).
LINE_BREAK = "↵"


def card_line(text: str) -> str:
    """A card's text as one line of the cell."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", LINE_BREAK)


def card_text(line: str) -> str:
    """The card text a line of the cell stands for."""
    return line.replace(LINE_BREAK, "\n")


def cell_text(texts: Sequence[str]) -> str:
    return "\n".join(card_line(text) for text in texts)


def cell_edit_command(
    lane_id: str, step_id: str, cards: Sequence[tuple[str, str]], edited: str
) -> EditCommand | None:
    """The one undo step that makes the cell's ``cards`` ((id, text), top to bottom) read
    as the ``edited`` lines; None when nothing changed.

    Lines are matched to cards in order, the way a diff matches them, so deleting or
    inserting a line leaves the other cards (with their connectors, pain points and
    comments) as they were rather than shifting every text by one. A line left blank does
    not make an empty card; a card's line emptied deletes the card.
    """
    old = [card_line(text) for _card_id, text in cards]
    new = edited.split("\n")
    edits: list[tuple[str, str]] = []
    deletes: list[str] = []
    adds: list[tuple[int, str]] = []  # (index in the finished cell, text)
    index = 0  # where the next kept or added card ends up
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            index += old_end - old_start
            continue
        olds, news = range(old_start, old_end), new[new_start:new_end]
        for k in range(max(len(olds), len(news))):
            line = news[k] if k < len(news) else None
            if k < len(olds):
                card_id = cards[olds[k]][0]
                if line is None or not line.strip():
                    deletes.append(card_id)
                    continue
                if line != old[olds[k]]:
                    edits.append((card_id, card_text(line)))
                index += 1
            elif line is not None and line.strip():
                adds.append((index, card_text(line)))
                index += 1
    commands: list[EditCommand] = [EditCardTextCommand(i, text) for i, text in edits]
    if deletes:
        commands.append(DeleteCardsCommand(deletes))
    # Deleted first, then added from the top: each new card's index is its final place.
    commands += [AddCardCommand(lane_id, step_id, text, at) for at, text in adds]
    if not commands:
        return None
    return CommandGroup(_describe(len(edits), len(deletes), len(adds)), commands)


def _describe(edited: int, deleted: int, added: int) -> str:
    if edited and not (deleted or added):
        return "Type in card" if edited == 1 else f"Edit {edited} cards"
    if added and not (edited or deleted):
        return f"Add {counted(added, 'card')}"
    if deleted and not (edited or added):
        return f"Delete {counted(deleted, 'card')}"
    return "Edit cell"
