"""The columns a spreadsheet of cards may have (the CSV export's, app/export/csv_export.py),
found by their headings with case, spaces and punctuation aside, and each cell read as the
export wrote it: yes/no flags, whole minutes, "user 5, provider 4" key moments, pain
points as "4 (staff, data): description"."""

from __future__ import annotations

import math
import re

from app.importers.plan import ImportFailed, PainPlan
from app.model.kinds import BlueprintKind, EvidenceSource, Perspective

# Normalised heading -> field. Several headings may name one field.
HEADINGS: dict[str, str] = {
    "blueprint": "blueprint",
    "kind": "kind",
    "stage": "stage",
    "step": "step",
    "lane": "lane",
    "card": "card",
    "cardtext": "card",
    "text": "card",
    "failpoint": "fail_point",
    "waitpoint": "wait_point",
    "actor": "actor",
    "actorrole": "actor",
    "role": "actor",
    "channel": "channel",
    "systems": "systems",
    "system": "systems",
    "durationminutes": "duration",
    "duration": "duration",
    "painpoints": "pain_count",
    "painpointdetails": "pain_details",
    "stepemotionserviceuser": "emotion_user",
    "stepemotionstaff": "emotion_staff",
    "keymoment": "key_moment",
    "notes": "notes",
    "cardid": "key",
    "id": "key",
}
REQUIRED = (("lane", "Lane"), ("step", "Step"), ("card", "Card"))

# The formula guard of the CSV export: an apostrophe before what a spreadsheet acts on.
_GUARDED = re.compile(r"^'(?=[=+\-@\t\r])")
_YES = {"yes", "y", "true", "1", "x", "✓", "✔"}
_NO = {"no", "n", "false", "0", ""}
_PAIN = re.compile(
    r"^\s*([1-5])\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*(,\s*resolved\s*)?\)\s*(?::\s?(.*))?$",
    re.DOTALL,
)
_MOMENT = re.compile(r"^\s*user\s+(\d)\s*,\s*provider\s+(\d)", re.IGNORECASE)


def normalise(heading: str) -> str:
    return re.sub(r"[^a-z0-9]", "", heading.casefold())


def map_headings(headings: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field (the first of two alike wins), and the headings of
    columns that are not brought in. ImportFailed names a missing required column."""
    fields: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(headings):
        field = HEADINGS.get(normalise(unguard(heading)))
        if field is None or field in fields:
            if heading.strip():
                ignored.append(heading.strip())
        else:
            fields[field] = index
    missing = [title for field, title in REQUIRED if field not in fields]
    if missing:
        found = ", ".join(h.strip()[:40] for h in headings if h.strip())[:200] or "none"
        raise ImportFailed(
            f"the first row has no {' or '.join(missing)} column (found: {found}); "
            "the first row must name the columns, with at least Lane, Step and Card"
        )
    return fields, ignored


def unguard(cell: str) -> str:
    """The cell without the export's formula guard."""
    return _GUARDED.sub("", cell, count=1)


def flag(cell: str, column: str, line: int) -> bool:
    word = cell.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ImportFailed(f"line {line}: {column} is {cell[:40]!r}; write yes or no")


def minutes(cell: str, line: int) -> int | None:
    text = cell.strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = -1.0
    # 'inf', '1e400' and 'nan' read as floats that are no number of minutes.
    if not math.isfinite(number) or number < 0 or number > 10**9 or number != int(number):
        raise ImportFailed(
            f"line {line}: the duration {text[:40]!r} is not a whole number of minutes; "
            "write it like 15"
        )
    return int(number)


def blueprint_kind(cell: str, line: int) -> BlueprintKind:
    word = normalise(cell)
    if word in ("", "asis"):
        return BlueprintKind.AS_IS
    if word == "tobe":
        return BlueprintKind.TO_BE
    raise ImportFailed(f"line {line}: the kind {cell[:40]!r} is neither as-is nor to-be")


def emotion(cell: str) -> int | None:
    """An emotion from -2 to 2, or None when blank or not one."""
    try:
        value = int(cell.strip())
    except ValueError:
        return None
    return value if -2 <= value <= 2 else None


def key_moment(cell: str) -> tuple[int, int, str] | None:
    found = _MOMENT.match(cell)
    if not found:
        return None
    user, provider = int(found.group(1)), int(found.group(2))
    if user > 5 or provider > 5:
        return None
    return user, provider, ""


def pain_points(cell: str) -> tuple[tuple[PainPlan, ...], int]:
    """The pain points of a "Pain point details" cell, one a line, and how many lines
    could not be read as one."""
    found = []
    unread = 0
    for line in cell.splitlines():
        if not line.strip():
            continue
        match = _PAIN.match(line)
        pain = _pain(match) if match else None
        if pain is None:
            unread += 1
        else:
            found.append(pain)
    return tuple(found), unread


def _pain(match: re.Match[str]) -> PainPlan | None:
    try:
        perspective = Perspective(match.group(2).casefold())
        evidence = EvidenceSource(match.group(3).casefold())
    except ValueError:
        return None
    return PainPlan(
        description=match.group(5) or "",
        severity=int(match.group(1)),
        perspective=perspective,
        evidence=evidence,
        resolved=match.group(4) is not None,
    )
