"""Which fields of each entity an edit may change, and the checks each value must pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from app.model.errors import ModelError
from app.model.kinds import (
    ActorKind,
    BlueprintKind,
    ConnectorKind,
    EvidenceSource,
    LaneKind,
    OpportunityStatus,
    Perspective,
    Scale,
)

Check = Callable[[str, Any], Any]


def text(limit: int = 200) -> Check:
    def check(field: str, value: Any) -> str:
        if not isinstance(value, str):
            raise ModelError(f"{field} must be text, not {type(value).__name__}")
        if len(value) > limit:
            raise ModelError(f"{field} is longer than {limit:,} characters")
        return value

    return check


def title(field: str, value: Any) -> str:
    value = text(200)(field, value).strip()
    if not value:
        raise ModelError(f"{field} cannot be empty")
    return value


LONG_TEXT = text(20_000_000)


def whole(low: int | None, high: int | None, optional: bool = True) -> Check:
    def check(field: str, value: Any) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ModelError(f"{field} must be a whole number")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise ModelError(f"{field} must be {span}, not {value}")
        return value

    return check


def measure(low: float, high: float) -> Check:
    """A length in scene units: whole or fractional, None for "as tall as it needs"."""

    def check(field: str, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ModelError(f"{field} must be a number")
        if not low <= value <= high:
            raise ModelError(f"{field} must be from {low:g} to {high:g}, not {value}")
        return float(value)

    return check


def flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ModelError(f"{field} must be true or false")
    return value


def choice(kind: type[StrEnum], optional: bool = False) -> Check:
    def check(field: str, value: Any) -> StrEnum | None:
        if value is None and optional:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise ModelError(f"{field} must be one of: {allowed} (not {value!r})") from None

    return check


def day(field: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ModelError(f"{field} must be a date like 2026-03-31, not {value!r}") from None


SCORE = whole(0, 5)

RULES: dict[str, dict[str, Check]] = {
    "Project": {"name": title, "description": LONG_TEXT},
    "Blueprint": {
        "name": title,
        "kind": choice(BlueprintKind),
        "description": LONG_TEXT,
    },
    "Stage": {"title": title},
    "Step": {"title": title},
    "Lane": {"title": title, "kind": choice(LaneKind), "height": measure(20, 5000)},
    "Card": {
        "text": LONG_TEXT,
        "channel": text(),
        "duration_minutes": whole(0, None),
        "fail_point": flag,
        "wait_point": flag,
        "notes": LONG_TEXT,
    },
    "Connector": {"kind": choice(ConnectorKind), "label": text()},
    "PainPoint": {
        "description": LONG_TEXT,
        "severity": whole(1, 5, optional=False),
        "perspective": choice(Perspective),
        "evidence": choice(EvidenceSource),
        "people_affected": whole(0, None),
        "underserved_group": text(),
        "resolved": flag,
    },
    "Opportunity": {
        "title": title,
        "description": LONG_TEXT,
        "management_interest": SCORE,
        "operational_capacity": SCORE,
        "capability": SCORE,
        "impact": SCORE,
        "effort": SCORE,
        "people_affected": whole(0, None),
        "underserved_group": text(),
        "quick_win": flag,
        "exemplar": flag,
        "scale": choice(Scale, optional=True),
        "status": choice(OpportunityStatus),
        "owner": text(),
        "measure": LONG_TEXT,
        "target_date": day,
    },
    "System": {"name": title, "owner": text(), "description": LONG_TEXT},
    "DataItem": {"name": title},
    "Actor": {"name": title, "kind": choice(ActorKind), "description": LONG_TEXT},
    "Comment": {"author": title, "text": LONG_TEXT, "resolved": flag},
}


def checked(entity: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Return ``changes`` with each value checked and normalised, or raise ModelError."""
    rules = RULES[entity]
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in rules:
            raise ModelError(f"a {entity.lower()} has no editable field {field!r}")
        out[field] = rules[field](field.replace("_", " "), value)
    return out
