"""The records the overlay index is made of and hands out: a pain point as plain data,
a badge, a key moment, the marks the canvas draws, and what one update changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from app.layout.overlay_values import WaitTotal
from app.model.kinds import EvidenceSource, Perspective

# An owner's place in reading order: (step index, lane index, position in its cell, id);
# a step's own pain points come before its cards' (lane and position -1).
Key = tuple[int, int, int, str]
Cell = tuple[str, str]  # (lane id, step id)


class PainRecord(NamedTuple):
    """One pain point as the overlay reads it: on a card (``card_id``) or a step."""

    id: str
    card_id: str | None
    step_id: str | None  # the step it is on; None for a pain point on a card
    description: str
    severity: int
    perspective: Perspective
    evidence: EvidenceSource
    people_affected: int | None
    underserved_group: str
    resolved: bool


def _reading(pain: PainRecord) -> tuple[int, str, str]:
    return (-pain.severity, pain.description, pain.id)


class BadgeMark(NamedTuple):
    """One badge as drawn: its number (0 for a resolved pain point, drawn unnumbered)."""

    number: int
    pain: PainRecord

    @property
    def resolved(self) -> bool:
        return self.number == 0


class Moment(NamedTuple):
    """A step's key moment: both importances at or above the threshold is the sweet spot."""

    importance_to_user: int
    importance_to_provider: int
    note: str
    sweet_spot: bool


@dataclass
class OverlayMarks:
    """What the overlay draws, by card, step and cell (the canvas reads these)."""

    # Each card's and step's badges in slot order: numbered ones, then resolved ones.
    card_badges: Mapping[str, tuple[BadgeMark, ...]] = field(default_factory=dict)
    step_badges: Mapping[str, tuple[BadgeMark, ...]] = field(default_factory=dict)
    step_cards: dict[str, set[str]] = field(default_factory=dict)  # cards with badges
    step_totals: dict[str, int] = field(default_factory=dict)  # summed severity (heat)
    cell_totals: dict[Cell, int] = field(default_factory=dict)
    gaps: dict[str, str] = field(default_factory=dict)  # step id -> NO_EVIDENCE, ...
    moments: dict[str, Moment] = field(default_factory=dict)
    wait_minutes: dict[str, int | None] = field(default_factory=dict)  # by wait card
    step_waits: dict[str, WaitTotal] = field(default_factory=dict)
    journey_wait: WaitTotal = field(default_factory=WaitTotal)


@dataclass
class OverlayChange:
    """Which marks an update changed (``full``: any of them may have)."""

    full: bool = False
    cards: set[str] = field(default_factory=set)  # their badges (which, colours, text)
    # The steps (first and last index) over which badges of cards were renumbered.
    renumbered: tuple[int, int] | None = None
    steps: set[str] = field(default_factory=set)  # their headers: badges, total, gap, moment
    heat: set[str] = field(default_factory=set)  # steps whose summed severity changed
    cells: set[Cell] = field(default_factory=set)
    gaps: set[str] = field(default_factory=set)
    moments: set[str] = field(default_factory=set)
    waits: set[str] = field(default_factory=set)  # wait cards come, gone or re-timed
    step_waits: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (
            self.full
            or self.cards
            or self.renumbered
            or self.steps
            or self.heat
            or self.cells
            or self.gaps
            or self.moments
            or self.waits
            or self.step_waits
        )
