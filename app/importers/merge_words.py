"""The items of a merge in words a person reads: card “Receives letter” (Invitation letter,
Customer actions), the fields that changed and their values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from app.importers.merge_rows import Key, Row, Rows, where

NOUNS = {
    "project": "project",
    "blueprint": "blueprint",
    "stage": "stage",
    "step": "step",
    "lane": "lane",
    "card": "card",
    "connector": "connector",
    "pain_point": "pain point",
    "emotion": "emotion",
    "key_moment": "key moment",
    "opportunity": "opportunity",
    "system": "system",
    "data_item": "data item",
    "actor": "actor",
    "comment": "comment",
    "ecosystem_position": "place on the ecosystem map",
    "card_system": "card–system link",
    "opportunity_pain_point": "opportunity–pain point link",
}
PLURALS = {"opportunity": "opportunities", "place on the ecosystem map": "places on maps"}
FIELD_NAMES = {
    "lane_id": "lane",
    "step_id": "step",
    "stage_id": "stage",
    "card_id": "card",
    "actor_id": "actor",
    "system_id": "system",
    "source_id": "source card",
    "target_id": "target card",
    "derived_from_id": "the as-is it came from",
    "derived_from": "the item it was copied from",
    "duration_minutes": "duration (minutes)",
    "service_user": "service user’s emotion",
    "staff": "staff emotion",
    "x": "place across",
    "y": "place down",
    "node_key": "node",
}
# The field that names an item of each table.
NAME_FIELD = {
    "project": "name",
    "blueprint": "name",
    "stage": "title",
    "step": "title",
    "lane": "title",
    "card": "text",
    "pain_point": "description",
    "opportunity": "title",
    "system": "name",
    "data_item": "name",
    "actor": "name",
}
SHORT = 60


def plural(table: str, count: int) -> str:
    noun = NOUNS.get(table, table)
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {PLURALS.get(noun, noun + 's')}"


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


def quoted(text: str, limit: int = SHORT) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


class Describer:
    """Names rows, looking them up in the given row sets (first found wins)."""

    def __init__(self, sources: Sequence[Rows]) -> None:
        self.sources = list(sources)

    def row(self, table: str, key: Key) -> Row | None:
        return where(self.sources, table, key)

    def table_of(self, key: str) -> str | None:
        for rows in self.sources:
            for table, found in rows.items():
                if key in found:
                    return table
        return None

    def title(self, table: str, key: Key) -> str:
        row = self.row(table, key)
        if row is None:
            return "(gone)"
        field = NAME_FIELD.get(table)
        if field is not None:
            return quoted(row[field]) if str(row[field]).strip() else "(empty)"
        return ""

    def item(self, table: str, key: Key) -> str:
        """``card “Receives letter” (Invitation letter, Customer actions)``."""
        noun = NOUNS.get(table, table)
        row = self.row(table, key)
        if row is None:
            return noun
        if table == "card":
            where_ = f"{self._plain('step', row['step_id'])}, {self._plain('lane', row['lane_id'])}"
            return f"card {self.title(table, key)} ({where_})"
        if table in ("stage", "step", "lane"):
            return (
                f"{noun} {self.title(table, key)} ({self._plain('blueprint', row['blueprint_id'])})"
            )
        if table == "connector":
            source, target = (
                self.title("card", row["source_id"]),
                self.title("card", row["target_id"]),
            )
            return f"connector from {source} to {target}"
        if table == "pain_point":
            on = (
                self.item("card", row["card_id"])
                if row["card_id"]
                else self.item("step", row["step_id"])
            )
            return f"pain point {self.title(table, key)} on {on}"
        if table in ("emotion", "key_moment"):
            return f"{noun} at {self.item('step', row['step_id'])}"
        if table == "data_item":
            system = self.title("system", row["system_id"])
            return f"data item {self.title(table, key)} of system {system}"
        if table == "comment":
            on = row["item_id"]
            on_table = self.table_of(on)
            target = self.item(on_table, on) if on_table else "an item"
            return f"comment by {row['author']} on {target}"
        if table == "ecosystem_position":
            return f"place of {row['node_key']} on the ecosystem map"
        if table == "card_system":
            card, system = key
            return f"card {self.title('card', card)} using system {self.title('system', system)}"
        if table == "opportunity_pain_point":
            opportunity, pain = key
            return (
                f"opportunity {self.title('opportunity', opportunity)} linked to pain point "
                f"{self.title('pain_point', pain)}"
            )
        if table == "project":
            return f"the project {self.title(table, key)}"
        return f"{noun} {self.title(table, key)}".rstrip()

    def _plain(self, table: str, key: Key) -> str:
        row = self.row(table, key)
        if row is None:
            return "?"
        return " ".join(str(row[NAME_FIELD[table]]).split())[:SHORT]

    def value(self, field: str, value: Any) -> str:
        """A field's value in words: a referenced row by its name, text quoted."""
        if value is None or value == "":
            return "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str) and (field.endswith("_id") or field == "id"):
            table = self.table_of(value)
            if table is not None:
                return self.item(table, value)
        if isinstance(value, str):
            return quoted(value)
        return str(value)

    def change(self, field: str, old: Any, new: Any) -> str:
        return f"{field_name(field)} {self.value(field, old)} → {self.value(field, new)}"
