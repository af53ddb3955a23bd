"""Keep ``position`` fields of sibling rows dense (0, 1, 2 …) as rows are added, moved, removed."""

from collections.abc import Sequence
from typing import Any, Protocol


class Positioned(Protocol):
    position: int


def renumber(items: Sequence[Positioned]) -> None:
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index


def place(siblings: list, item: Positioned, index: int | None) -> int:
    """Put ``item`` into ``siblings`` (already sorted, without ``item``) at ``index``; return it."""
    at = len(siblings) if index is None else max(0, min(index, len(siblings)))
    siblings.insert(at, item)
    renumber(siblings)
    return at


def insert_ordered(collection: list, item: Any, index: int | None) -> None:
    """Add ``item`` to an ordered relationship at ``index`` and keep the list in order."""
    siblings = list(collection)
    collection.append(item)
    place(siblings, item, index)
    collection.sort(key=lambda s: s.position)


def move_ordered(collection: list, item: Any, index: int) -> None:
    """Move ``item`` within an ordered relationship to ``index``."""
    place([s for s in collection if s is not item], item, index)
    collection.sort(key=lambda s: s.position)


def remove_ordered(collection: list, item: Any) -> None:
    collection.remove(item)
    renumber(collection)
