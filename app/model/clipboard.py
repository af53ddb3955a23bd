"""Cards as plain dicts for copy and paste: their fields and the connectors among them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.model.editing_rules import RULES
from app.model.structure import Card

CARD_FIELDS = tuple(RULES["Card"])


def copy_cards(cards: Sequence[Card]) -> list[dict[str, Any]]:
    """One dict per card, top to bottom as given: its editable fields, ``id`` (to match
    connectors), ``actor_id``, ``system_ids`` and ``connectors``, the outgoing connectors
    whose target is among ``cards`` (``{"target": id, "kind": ..., "label": ...}``)."""
    ids = {card.id for card in cards}
    copied = []
    for card in cards:
        data: dict[str, Any] = {name: getattr(card, name) for name in CARD_FIELDS}
        data["id"] = card.id
        data["actor_id"] = card.actor_id
        data["system_ids"] = [system.id for system in card.systems]
        data["connectors"] = [
            {"target": c.target_id, "kind": str(c.kind), "label": c.label}
            for c in card.outgoing
            if c.target_id in ids
        ]
        copied.append(data)
    return copied


def card_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields of a copied card (anything else in the dict is ignored)."""
    return {name: data[name] for name in CARD_FIELDS if name in data}
