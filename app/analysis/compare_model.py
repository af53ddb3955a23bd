"""What an as-is to to-be comparison found, as plain frozen values (ids, names and texts,
no model objects), so the terminal, the JSON, the PDF report and the compare view read
the same thing without a session."""

from __future__ import annotations

from dataclasses import dataclass

# The fields of a card a comparison tells apart, in the order they are listed.
CARD_FIELDS = ("text", "actor", "channel", "systems", "duration", "flags", "notes")
FIELD_NAMES = {
    "text": "text",
    "actor": "actor or role",
    "channel": "channel",
    "systems": "systems",
    "duration": "duration",
    "flags": "fail and wait points",
    "notes": "notes",
}

# How an as-is pain point came to be resolved, in the words the comparison uses.
MARKED_RESOLVED = "marked resolved in the to-be"
CARD_REMOVED = "its card was removed"
CARD_CHANGED = "its card was changed"
STEP_REMOVED = "its step was removed"
TAKEN_OFF = "taken off the to-be"


@dataclass(frozen=True)
class CardRef:
    """One card where it stands in its blueprint: lane and step by their titles."""

    id: str
    blueprint_id: str
    text: str
    lane: str
    step: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a card, before and after, as the user reads it ("" when empty)."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class CardChange:
    before: CardRef
    after: CardRef
    fields: tuple[FieldChange, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(change.field for change in self.fields)


@dataclass(frozen=True)
class CardMove:
    """A card now in another lane or step than the one its as-is card was in (titles:
    ``before`` of the as-is, ``after`` of the to-be)."""

    before: CardRef
    after: CardRef
    lane_moved: bool
    step_moved: bool


@dataclass(frozen=True)
class PainRef:
    """A pain point and where it is: on a card (its text) or on a step (its title)."""

    id: str
    blueprint_id: str
    description: str
    severity: int
    perspective: str
    where: str
    card_id: str | None
    step_id: str | None


@dataclass(frozen=True)
class ResolvedPain:
    """An open pain point of the as-is that the to-be resolves, and how."""

    pain: PainRef
    how: str
    to_be: PainRef | None  # its copy in the to-be, when there still is one


@dataclass(frozen=True)
class RemainingPain:
    """An open pain point of the to-be; ``new`` when the as-is did not have it."""

    pain: PainRef
    new: bool


@dataclass(frozen=True)
class HandOffRef:
    """A hand-off between roles or teams along a connector."""

    connector_id: str
    source: CardRef
    target: CardRef
    from_role: str
    to_role: str


@dataclass(frozen=True)
class ContactRef:
    """A contact point a service user meets: a channel or a system, by name."""

    kind: str  # "channel" or "system"
    name: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """One blueprint of the comparison with its counts of hand-offs and contact points."""

    id: str
    name: str
    kind: str
    cards: int
    hand_offs: tuple[HandOffRef, ...]
    contact_points: tuple[ContactRef, ...]
    systems: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """The as-is (``before``) and to-be (``after``) and what changed between them.

    ``lineage`` says the to-be was duplicated from the as-is, so cards and pain points
    are matched through it; without it nothing is matched (every card counts as removed
    or added, no pain point as resolved) and ``note`` says so.
    """

    before: Side
    after: Side
    lineage: bool
    note: str
    added: tuple[CardRef, ...]
    removed: tuple[CardRef, ...]
    changed: tuple[CardChange, ...]
    moved: tuple[CardMove, ...]
    resolved: tuple[ResolvedPain, ...]
    remaining: tuple[RemainingPain, ...]
    systems_retired: tuple[str, ...]
    systems_added: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.moved
            or self.resolved
            or self.systems_retired
            or self.systems_added
        )
