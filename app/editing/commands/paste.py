"""Paste copied cards into a cell, with the connectors among them; paste a block of
spreadsheet cells as a grid of cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.editing.commands.base import counted, fetch
from app.editing.commands.patterns import CreateCommand
from app.model.base import Base
from app.model.catalogue import Actor, System
from app.model.clipboard import card_fields
from app.model.errors import ModelError
from app.model.ops_catalogue import set_card_actor, set_card_systems
from app.model.ops_grid import add_card, add_connector, add_lane, add_step, cell_cards
from app.model.structure import Blueprint, Card, Lane, Step


class PasteCardsCommand(CreateCommand):
    """New cards from ``clipboard.copy_cards`` dicts, stacked into one cell from ``index``
    (None: below the cards there). Connectors whose both ends are pasted come along; the
    actor and systems are kept when this project has them (a paste from another project
    keeps only the fields)."""

    def __init__(
        self,
        lane_id: str,
        step_id: str,
        cards: Sequence[Mapping[str, Any]],
        index: int | None = None,
    ) -> None:
        super().__init__(f"Paste {counted(len(cards), 'card')}")
        if not cards:
            raise ModelError("nothing to paste: the clipboard holds no cards")
        self.lane_id, self.step_id, self.index = lane_id, step_id, index
        self.cards = [dict(card) for card in cards]

    def siblings(self, session: Session) -> list[Card]:
        return cell_cards(fetch(session, Lane, self.lane_id), fetch(session, Step, self.step_id))

    def create(self, session: Session) -> list[Base]:
        lane = fetch(session, Lane, self.lane_id)
        step = fetch(session, Step, self.step_id)
        pasted: dict[str, Card] = {}
        made: list[Base] = []
        for offset, data in enumerate(self.cards):
            index = None if self.index is None else self.index + offset
            card = add_card(lane, step, index=index, **card_fields(data))
            self._keep_links(session, card, data)
            pasted[str(data.get("id", card.id))] = card
            made.append(card)
        for data in self.cards:
            source = pasted[str(data.get("id"))] if data.get("id") else None
            for link in data.get("connectors", ()):
                target = pasted.get(link["target"])
                if source is not None and target is not None and target is not source:
                    made.append(
                        add_connector(
                            source, target, link.get("kind", "flow"), link.get("label", "")
                        )
                    )
        return made

    @staticmethod
    def _keep_links(session: Session, card: Card, data: Mapping[str, Any]) -> None:
        actor_id = data.get("actor_id")
        actor = session.get(Actor, actor_id) if actor_id else None
        if actor is not None:
            set_card_actor(card, actor)
        systems = [session.get(System, system_id) for system_id in data.get("system_ids", ())]
        if any(systems):
            set_card_systems(card, [system for system in systems if system is not None])


class PasteBlockCommand(CreateCommand):
    """Cards from a block of spreadsheet cells, one per (lane, step) cell, each below the
    cards already there; ``new_lanes`` and ``new_steps`` are added at the end of the
    blueprint first, for the cells that reach past the map. ``cells`` name their lane and
    step by index among the blueprint's lanes and steps once those are added."""

    def __init__(
        self,
        blueprint_id: str,
        cells: Sequence[tuple[int, int, str]],
        new_lanes: int = 0,
        new_steps: int = 0,
    ) -> None:
        super().__init__(f"Paste {counted(len(cells), 'card')}")
        if not cells:
            raise ModelError("nothing to paste: every cell of the block is empty")
        self.blueprint_id = blueprint_id
        self.cells = list(cells)
        self.new_lanes, self.new_steps = new_lanes, new_steps

    def create(self, session: Session) -> list[Base]:
        blueprint = fetch(session, Blueprint, self.blueprint_id)
        made: list[Base] = []
        for _ in range(self.new_lanes):
            made.append(add_lane(blueprint))
        for _ in range(self.new_steps):
            made.append(add_step(blueprint, f"Step {len(blueprint.steps) + 1}"))
        lanes, steps = list(blueprint.lanes), list(blueprint.steps)
        for lane_at, step_at, text in self.cells:
            if not (0 <= lane_at < len(lanes) and 0 <= step_at < len(steps)):
                raise ModelError("the block reaches past the map: add lanes or steps first")
            made.append(add_card(lanes[lane_at], steps[step_at], text))
        return made
