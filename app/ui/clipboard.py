"""Cut, Copy, Paste and Duplicate of cards through the system clipboard.

The clipboard carries the cards twice: as ``application/x-stagecraft-cards`` (their fields
and the connectors among them, for a paste in any blueprint of any open project) and as
plain text, one card text per line, for a paste into an email or a spreadsheet. Lines of
text copied elsewhere paste as one card per line; a block of spreadsheet cells (rows of
tab-separated columns) pastes as a grid of cards (app/ui/paste_block.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.editing.commands.base import CommandGroup, EditCommand, counted
from app.editing.commands.cards import DeleteCardsCommand
from app.editing.commands.paste import PasteCardsCommand
from app.editing.commands.patterns import CreateCommand
from app.model.base import Base
from app.model.catalogue import Actor, System
from app.model.clipboard import CARD_FIELDS, copy_cards
from app.model.errors import ModelError
from app.model.kinds import ConnectorKind
from app.model.ops_grid import add_connector, cell_cards
from app.model.structure import Card
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.paste_block import parse_block, paste_block

MIME_TYPE = "application/x-stagecraft-cards"
FORMAT = 1  # of the JSON under MIME_TYPE; a paste of another format falls back to the text
MAX_CARDS = 500  # per paste or duplicate: more is a mistake, and a slow one to undo
# Not line breaks or tabs: those become card boundaries or spaces before this applies.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KINDS = {kind.value for kind in ConnectorKind}

Cell = tuple[str, str]


# -- the four edits ------------------------------------------------------------------------


def copy(editor: BlueprintEditor, clipboard: QClipboard | None = None) -> int:
    """Put the selected cards on the clipboard; return how many (0: nothing selected)."""
    cards = selected_cards(editor)
    if cards:
        (clipboard or QGuiApplication.clipboard()).setMimeData(cards_mime(editor, cards))
    return len(cards)


def cut(editor: BlueprintEditor, clipboard: QClipboard | None = None) -> int:
    """Copy the selected cards, then delete them as one undo step "Cut 3 cards". The
    clipboard is left alone when the deletion is refused (a read-only project)."""
    cards = selected_cards(editor)
    if not cards:
        return 0
    mime = cards_mime(editor, cards)
    command = DeleteCardsCommand([card.id for card in cards])
    command.setText(f"Cut {counted(len(cards), 'card')}")
    if not editor.push(command):
        return 0
    (clipboard or QGuiApplication.clipboard()).setMimeData(mime)
    return len(cards)


def paste(editor: BlueprintEditor, clipboard: QClipboard | None = None) -> list[str]:
    """Paste the clipboard's cards (or lines of text) into the target cell as one undo step
    and select them; return their ids ([] when nothing was pasted, with ``editor.failed``
    saying why when there was something)."""
    mime = (clipboard or QGuiApplication.clipboard()).mimeData()
    target = paste_target(editor)
    if target is None:
        editor.failed.emit("there is no cell to paste into: add a lane and a step first")
        return []
    if mime is not None and not mime.hasFormat(MIME_TYPE):
        block = parse_block(mime.text())
        if block is not None:
            return paste_block(editor, block, target[:2])
    try:
        cards = cards_from_mime(mime, editor.document.session)
    except ModelError as error:
        editor.failed.emit(str(error))
        return []
    if not cards:
        return []
    lane_id, step_id, index = target
    command = PasteCardsCommand(lane_id, step_id, cards, index)
    if not editor.push(command):
        return []
    made = [item_id for kind, item_id in command.made if kind is Card]
    _select(editor, made)
    return made


def duplicate(editor: BlueprintEditor) -> list[str]:
    """Ctrl+D: a copy of each selected card right after it in its cell, with the connectors
    among them, as one undo step; the copies are selected. Return their ids."""
    cards = selected_cards(editor)
    if not cards:
        return []
    if len(cards) > MAX_CARDS:
        editor.failed.emit(
            f"cannot duplicate {len(cards):,} cards at once (at most {MAX_CARDS:,}): select fewer"
        )
        return []
    # Each cell's cards top to bottom, so that each copy's index counts the copies
    # already put above it.
    cards = sorted(cards, key=lambda c: (c.lane_id, c.step_id, c.position))
    copied = copy_cards(cards)
    pastes: list[PasteCardsCommand] = []
    added: dict[Cell, int] = {}
    for data, card in zip(copied, cards, strict=True):
        cell = (card.lane_id, card.step_id)
        index = _index(card) + 1 + added.get(cell, 0)
        added[cell] = added.get(cell, 0) + 1
        pastes.append(PasteCardsCommand(*cell, [{**data, "connectors": []}], index))
    order = {card.id: n for n, card in enumerate(cards)}
    links = [
        (order[data["id"]], order[link["target"]], link["kind"], link["label"])
        for data in copied
        for link in data["connectors"]
    ]
    commands: list[EditCommand] = list(pastes)
    if links:
        commands.append(_ConnectCopiesCommand(pastes, links))
    if not editor.push(CommandGroup(f"Duplicate {counted(len(cards), 'card')}", commands)):
        return []
    made = [item_id for paste in pastes for kind, item_id in paste.made if kind is Card]
    _select(editor, made)
    return made


def can_paste(clipboard: QClipboard | None = None) -> bool:
    """The clipboard holds cards or text (for enabling Paste)."""
    mime = (clipboard or QGuiApplication.clipboard()).mimeData()
    return mime is not None and (mime.hasFormat(MIME_TYPE) or bool(mime.text().strip()))


# -- what is copied ------------------------------------------------------------------------


def selected_cards(editor: BlueprintEditor) -> list[Card]:
    """The selected cards in reading order: step by step, each from the top lane down."""
    session = editor.document.session
    cards = [card for i in editor.view.selected_card_ids() if (card := session.get(Card, i))]
    return sorted(cards, key=lambda c: (c.step.position, c.lane.position, c.position))


def cards_mime(editor: BlueprintEditor, cards: Sequence[Card]) -> QMimeData:
    """Our cards for another blueprint or project, and their texts for other programs."""
    payload = {
        "format": FORMAT,
        "project_id": editor.document.project.id,
        "blueprint_id": editor.blueprint_id,
        # Names, so that a paste into another project can find its own actor or system.
        "actors": {card.actor.id: card.actor.name for card in cards if card.actor is not None},
        "systems": {system.id: system.name for card in cards for system in card.systems},
        "cards": copy_cards(cards),
    }
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText(plain_text(card.text for card in cards))
    return mime


def plain_text(texts: Any) -> str:
    """One line per card: line breaks and tabs inside a text become spaces (a tab would
    split a spreadsheet row into columns)."""
    return "\n".join(" ".join(text.replace("\t", " ").splitlines()) for text in texts)


# -- what is pasted ------------------------------------------------------------------------


def cards_from_mime(mime: QMimeData | None, session: Session) -> list[dict[str, Any]]:
    """The cards to paste into the project of ``session``: our own cards when the clipboard
    holds them in a form this version reads, else one card per non-empty line of text.
    Raises ModelError when there are more than MAX_CARDS."""
    if mime is None:
        return []
    if mime.hasFormat(MIME_TYPE):
        cards = _read_payload(bytes(mime.data(MIME_TYPE).data()), session)
        if cards is not None:
            return cards
    return cards_from_text(mime.text())


def cards_from_text(text: str) -> list[dict[str, Any]]:
    """One card per line that holds more than spaces; control characters are dropped and
    tabs become spaces. Raises ModelError past MAX_CARDS lines."""
    lines = [CONTROL.sub("", line.replace("\t", " ")).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_CARDS:
        raise ModelError(_too_many(len(lines), "lines of text"))
    return [{"text": line} for line in lines]


def _read_payload(raw: bytes, session: Session) -> list[dict[str, Any]] | None:
    """Our cards, checked piece by piece (another program may have put anything under our
    MIME type); None when the data is not ours to read."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return None
    raw_cards = payload.get("cards")
    if not isinstance(raw_cards, list):
        return None
    if len(raw_cards) > MAX_CARDS:
        raise ModelError(_too_many(len(raw_cards), "cards"))
    actors = _names(payload.get("actors"), session, Actor)
    systems = _names(payload.get("systems"), session, System)
    cards = [_clean_card(data, n, actors, systems) for n, data in enumerate(raw_cards)]
    return [card for card in cards if card is not None]


def _names(
    given: object, session: Session, kind: type[Actor] | type[System]
) -> dict[str, str | None]:
    """For each copied actor (or system) id, the id of the same one here: the same id (a
    project and its copies share ids), else one of the same name, else None."""
    if not isinstance(given, dict):
        return {}
    here = {item.id: item.name for item in session.scalars(select(kind))}
    by_name = {name.casefold(): item_id for item_id, name in here.items()}
    found: dict[str, str | None] = {}
    for item_id, name in given.items():
        if item_id in here:
            found[item_id] = item_id
        elif isinstance(name, str):
            found[item_id] = by_name.get(name.casefold())
    return found


def _clean_card(
    data: object, n: int, actors: Mapping[str, str | None], systems: Mapping[str, str | None]
) -> dict[str, Any] | None:
    """The editable fields (the model checks their values), an id to match connectors
    (any string), this project's actor and systems, and well-formed connectors."""
    if not isinstance(data, dict):
        return None
    card: dict[str, Any] = {}
    for name in CARD_FIELDS:
        if name in data:
            value = data[name]
            card[name] = CONTROL.sub("", value) if isinstance(value, str) else value
    card["id"] = data["id"] if isinstance(data.get("id"), str) else f"card {n}"
    actor = data.get("actor_id")
    card["actor_id"] = actors.get(actor) if isinstance(actor, str) else None
    given = data.get("system_ids")
    ids = given if isinstance(given, list) else []
    card["system_ids"] = [systems[i] for i in ids if isinstance(i, str) and systems.get(i)]
    links = data.get("connectors")
    card["connectors"] = [
        {"target": link["target"], "kind": link["kind"], "label": link.get("label", "")}
        for link in (links if isinstance(links, list) else [])
        if isinstance(link, dict)
        and isinstance(link.get("target"), str)
        and link.get("kind") in KINDS
        and isinstance(link.get("label", ""), str)
    ]
    return card


def paste_target(editor: BlueprintEditor) -> tuple[str, str, int | None] | None:
    """Where a paste goes: (lane id, step id, index in the cell; None: below its cards).
    The current cell; else right after the first selected card; else the first cell."""
    view = editor.view
    if view.current_cell is not None:
        return (*view.current_cell, None)
    session = editor.document.session
    for card_id in view.selected_card_ids():
        card = session.get(Card, card_id)
        if card is not None:
            return (card.lane_id, card.step_id, _index(card) + 1)
    blueprint = editor.blueprint
    if blueprint is None or not blueprint.lanes or not blueprint.steps:
        return None
    return (blueprint.lanes[0].id, blueprint.steps[0].id, None)


# -- inside ---------------------------------------------------------------------------------


class _ConnectCopiesCommand(CreateCommand):
    """The connectors among duplicated cards, between their copies. Runs after the paste
    commands of the same group, so their ``made`` name the copies."""

    def __init__(
        self, pastes: Sequence[PasteCardsCommand], links: Sequence[tuple[int, int, str, str]]
    ) -> None:
        super().__init__("Connect copies")
        self.pastes, self.links = list(pastes), list(links)

    def create(self, session: Session) -> list[Base]:
        copies = [session.get(Card, paste.made[0][1]) for paste in self.pastes]
        return [
            add_connector(copies[source], copies[target], kind, label)
            for source, target, kind, label in self.links
        ]


def _index(card: Card) -> int:
    """Where the card is in its cell's stack, from the top."""
    return cell_cards(card.lane, card.step).index(card)


def _select(editor: BlueprintEditor, card_ids: list[str]) -> None:
    view = editor.view
    view.blueprint_scene.select_cards(card_ids)
    cards = view.blueprint_scene.geometry.cards
    if card_ids and card_ids[0] in cards:
        view.reveal(cards[card_ids[0]].rect)


def _too_many(count: int, what: str) -> str:
    return (
        f"cannot paste {count:,} {what} at once (at most {MAX_CARDS:,} cards): "
        "copy fewer and paste them in parts"
    )
