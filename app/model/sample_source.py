"""Reading the sample project's JSON source: checked fields, short keys ("refs") and the
builders of items the as-is and the to-be share (cards, connectors, emotions, comments)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from app.model.base import Base
from app.model.catalogue import Actor, System
from app.model.editing_rules import RULES
from app.model.errors import StagecraftError
from app.model.ops_catalogue import add_comment, set_card_actor, set_card_systems
from app.model.ops_grid import add_card, add_connector
from app.model.ops_method import set_emotion
from app.model.structure import Card, Lane, Step

FORMAT = "stagecraft-sample"
VERSION = 1
CARD_FIELDS = tuple(RULES["Card"])


class SampleError(StagecraftError):
    """The sample's source file is missing or malformed; the message says where."""


@contextmanager
def at(where: str) -> Iterator[None]:
    """Report a value the model refuses while building ``where`` as a SampleError there."""
    try:
        yield
    except SampleError:
        raise
    except (ValueError, TypeError, KeyError) as error:  # ModelError is a ValueError
        raise SampleError(f"{where}: {error}") from error


def read_source(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SampleError(f"cannot read it: {error}") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SampleError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    record(
        data,
        "the file",
        required=("format", "version", "project", "actors", "systems", "as_is", "to_be"),
        optional=("about", "opportunities", "comments"),
    )
    if data["format"] != FORMAT or data["version"] != VERSION:
        raise SampleError(f"format must be {FORMAT!r} version {VERSION}")
    return data


def record(
    value: Any, where: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    """``value`` as a JSON object with all ``required`` keys and no keys but those listed."""
    if not isinstance(value, dict):
        raise SampleError(f"{where} must be an object, not {type(value).__name__}")
    missing = [key for key in required if key not in value]
    if missing:
        raise SampleError(f"{where} lacks {', '.join(missing)}")
    unknown = sorted(set(value) - set(required) - set(optional))
    if unknown:
        raise SampleError(f"{where} has unknown field(s): {', '.join(unknown)}")
    return value


def entries(value: dict[str, Any], key: str, where: str) -> list[tuple[Any, str]]:
    """The items of the list ``value[key]`` (empty when absent), each with its place."""
    items = value.get(key, [])
    if not isinstance(items, list):
        raise SampleError(f"{where}.{key} must be a list" if where else f"{key} must be a list")
    place = f"{where}.{key}" if where else key
    return [(item, f"{place}[{index}]") for index, item in enumerate(items)]


def texts(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SampleError(f"{where} must be a list of texts")
    return value


def pick(spec: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: spec[name] for name in fields if name in spec}


class Refs:
    """The items of the sample by their short keys, unique in one scope."""

    def __init__(self, items: dict[str, Base] | None = None) -> None:
        self.items: dict[str, Base] = dict(items or {})

    def add(self, ref: Any, item: Base, where: str) -> None:
        if not isinstance(ref, str) or not ref.strip():
            raise SampleError(f"{where}: ref must be a non-empty text")
        if ref in self.items:
            raise SampleError(f"{where}: ref {ref!r} is used twice")
        self.items[ref] = item

    def drop(self, ref: str) -> None:
        self.items.pop(ref, None)

    def get(self, ref: Any, kind: type | tuple[type, ...], where: str) -> Any:
        item = self.items.get(ref) if isinstance(ref, str) else None
        if item is None:
            raise SampleError(f"{where}: no item has the ref {ref!r}")
        if not isinstance(item, kind):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            wanted = " or ".join(k.__name__.lower() for k in kinds)
            raise SampleError(f"{where}: {ref!r} is a {type(item).__name__.lower()}, not {wanted}")
        return item


# -- builders shared by the as-is and the to-be ------------------------------------------------


def add_card_from(
    spec: Any, step: Step, refs: Refs, where: str, extra: tuple[str, ...] = ()
) -> Card:
    record(spec, where, ("ref", "lane", "text"), (*CARD_FIELDS, "actor", "systems", *extra))
    lane = refs.get(spec["lane"], Lane, f"{where}.lane")
    with at(where):
        card = add_card(lane, step, index=spec.get("index"), **pick(spec, CARD_FIELDS))
    link_card(card, spec, refs, where)
    refs.add(spec["ref"], card, where)
    return card


def link_card(card: Card, spec: dict[str, Any], refs: Refs, where: str) -> None:
    """Set the card's actor and catalogue systems named in ``spec``."""
    if "actor" in spec:
        actor = spec["actor"]
        set_card_actor(card, None if actor is None else refs.get(actor, Actor, f"{where}.actor"))
    if "systems" in spec:
        names = texts(spec["systems"], f"{where}.systems")
        set_card_systems(card, [refs.get(name, System, f"{where}.systems") for name in names])


def add_connector_from(spec: Any, refs: Refs, where: str) -> None:
    record(spec, where, ("from", "to", "kind"), ("label",))
    source = refs.get(spec["from"], Card, f"{where}.from")
    target = refs.get(spec["to"], Card, f"{where}.to")
    with at(where):
        add_connector(source, target, spec["kind"], spec.get("label", ""))


def set_emotion_from(step: Step, spec: Any, where: str, extra: tuple[str, ...] = ()) -> None:
    record(spec, where, (), ("service_user", "staff", *extra))
    with at(where):
        set_emotion(step, spec.get("service_user"), spec.get("staff"))


def add_comments_from(spec: dict[str, Any], refs: Refs, where: str) -> None:
    for comment, there in entries(spec, "comments", where):
        record(comment, there, ("on", "author", "at", "text"))
        item = refs.get(comment["on"], Base, f"{there}.on")
        with at(there):
            when = datetime.fromisoformat(comment["at"])
            add_comment(item, comment["author"], comment["text"], at=when)
