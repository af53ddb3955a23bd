"""What a finding is: its kind, a short title, plain-language sentences and the items it
names; and the words the families share to name things (lists, durations, cards)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.analysis.facts import CardFact, ProjectFacts


class FindingKind(StrEnum):
    """Each kind belongs to one family of issue 6 §3 (``FAMILY_OF``)."""

    DUPLICATED_DATA = "duplicated data"
    FRAGMENTATION = "fragmentation"
    HAND_OFFS = "hand-offs"
    UNSUPPORTED_FRONTSTAGE = "frontstage with nothing behind"
    ORPHAN_CARDS = "orphan cards"
    MOMENT_DEPENDENCIES = "key moment dependencies"
    SINGLE_POINT_OF_FAILURE = "single point of failure"
    REWORK_LOOP = "rework loop"
    WAITING_CHAIN = "longest wait"
    ASSUMED_PAIN_POINTS = "pain points on assumptions"
    UNEVIDENCED_MOMENT = "key moment without evidence"
    PAIN_CONCENTRATION = "pain points concentrated"
    TO_BE_IMPROVEMENTS = "to-be improvements"


class FindingFamily(StrEnum):
    AS_IS_TO_BE = "As-is to to-be"
    DUPLICATED_DATA = "Duplicated data"
    FRAGMENTATION = "Fragmentation"
    HAND_OFFS = "Hand-offs"
    UNSUPPORTED = "Unsupported and orphan cards"
    KEY_MOMENTS = "Key moments"
    LOOPS_AND_WAITS = "Rework and waiting"
    EVIDENCE = "Evidence and pain points"


FAMILY_OF: dict[FindingKind, FindingFamily] = {
    FindingKind.DUPLICATED_DATA: FindingFamily.DUPLICATED_DATA,
    FindingKind.FRAGMENTATION: FindingFamily.FRAGMENTATION,
    FindingKind.HAND_OFFS: FindingFamily.HAND_OFFS,
    FindingKind.UNSUPPORTED_FRONTSTAGE: FindingFamily.UNSUPPORTED,
    FindingKind.ORPHAN_CARDS: FindingFamily.UNSUPPORTED,
    FindingKind.MOMENT_DEPENDENCIES: FindingFamily.KEY_MOMENTS,
    FindingKind.SINGLE_POINT_OF_FAILURE: FindingFamily.KEY_MOMENTS,
    FindingKind.REWORK_LOOP: FindingFamily.LOOPS_AND_WAITS,
    FindingKind.WAITING_CHAIN: FindingFamily.LOOPS_AND_WAITS,
    FindingKind.ASSUMED_PAIN_POINTS: FindingFamily.EVIDENCE,
    FindingKind.UNEVIDENCED_MOMENT: FindingFamily.EVIDENCE,
    FindingKind.PAIN_CONCENTRATION: FindingFamily.EVIDENCE,
    FindingKind.TO_BE_IMPROVEMENTS: FindingFamily.AS_IS_TO_BE,
}
FAMILIES: tuple[FindingFamily, ...] = tuple(FindingFamily)
KINDS: tuple[FindingKind, ...] = tuple(FindingKind)

NBSP = "\u00a0"  # keeps a number with its unit when a sentence wraps
ITEM_KINDS = ("card", "step", "stage", "system", "data item", "actor", "pain point")


@dataclass(frozen=True)
class ItemRef:
    """One item a finding names; ``kind`` is one of ``ITEM_KINDS``."""

    kind: str
    id: str
    name: str
    blueprint_id: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing the analysis found, said in words a service manager understands."""

    kind: FindingKind
    title: str
    sentence: str
    items: tuple[ItemRef, ...]
    blueprint_id: str | None = None  # None: about the whole project
    blueprint_name: str | None = None

    @property
    def family(self) -> FindingFamily:
        return FAMILY_OF[self.kind]


# -- words ------------------------------------------------------------------------------------


def listed(names: list[str] | tuple[str, ...], limit: int = 6, conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"; past ``limit`` names, "a, b … and 4 more"."""
    names = list(names)
    if len(names) > limit:
        rest = len(names) - (limit - 1)
        return f"{', '.join(names[: limit - 1])} {conjunction} {rest} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def quoted(text: str, limit: int = 60) -> str:
    """A card's text, on one line, in quotes, shortened past ``limit`` characters."""
    one = " ".join(text.split()) or "(no text)"
    if len(one) > limit:
        one = one[: limit - 1].rstrip() + "…"
    return f"“{one}”"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def duration(minutes: int) -> str:
    """45 min, 1 h, 1 h 25 min, 2 days 3 h."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(plural(days, "day").replace(" ", NBSP))
    if hours:
        parts.append(f"{hours}{NBSP}h")
    if mins or not parts:
        parts.append(f"{mins}{NBSP}min")
    return " ".join(parts)


def card_ref(card: CardFact) -> ItemRef:
    return ItemRef("card", card.id, " ".join(card.text.split()), card.blueprint_id)


def card_name(card: CardFact) -> str:
    return quoted(card.text)


def stage_ref(facts: ProjectFacts, stage_id: str) -> ItemRef:
    stage = facts.stages[stage_id]
    return ItemRef("stage", stage.id, stage.title, stage.blueprint_id)


def step_ref(facts: ProjectFacts, step_id: str) -> ItemRef:
    step = facts.steps[step_id]
    return ItemRef("step", step.id, step.title, step.blueprint_id)


def system_ref(facts: ProjectFacts, system_id: str, blueprint_id: str | None) -> ItemRef:
    return ItemRef("system", system_id, facts.systems[system_id].name, blueprint_id)
