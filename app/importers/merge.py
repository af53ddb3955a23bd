"""Merge a colleague's copy of a project into one's own.

``plan_merge`` compares the two copies (and the copy both started from, when there is
one) row by row, by UUID, and says in words what would come in and which items are in
conflict; ``apply_merge`` writes that into the open project in one transaction, with the
person's choice for each conflict. Nothing is lost silently: the side not chosen is kept
as a comment on the item (author "Stagecraft merge").

The window pushes it as one undoable MergeCommand; ``stagecraft merge`` runs it headless,
keeping mine in every conflict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.importers.merge_plan import (
    MINE,
    THEIRS,
    Conflict,
    Entry,
    FieldDifference,
    MergePlan,
    MergeRefused,
    build_plan,
)
from app.importers.merge_result import AUTHOR, entries, resolve
from app.importers.merge_rows import UNCOMPARED, Rows, compared, read_rows
from app.importers.merge_words import plural
from app.importers.merge_write import write_rows

__all__ = [
    "AUTHOR",
    "MINE",
    "THEIRS",
    "ChangeSummary",
    "Conflict",
    "Entry",
    "FieldDifference",
    "MergePlan",
    "MergeRefused",
    "apply_merge",
    "plan_merge",
    "read_rows",
]


def plan_merge(
    mine: Session,
    theirs: Session,
    base: Session | None = None,
    *,
    names: tuple[str, str, str | None] = ("your copy", "their copy", None),
) -> MergePlan:
    """What merging ``theirs`` into ``mine`` would do. ``names`` are the copies' names for
    the words (file names). Raises MergeRefused for copies of different projects."""
    base_rows = read_rows(base) if base is not None else None
    return plan_rows(read_rows(mine), read_rows(theirs), base_rows, names)


def plan_rows(
    mine: Rows,
    theirs: Rows,
    base: Rows | None,
    names: tuple[str, str, str | None] = ("your copy", "their copy", None),
) -> MergePlan:
    plan = build_plan(mine, theirs, base, names)
    entries(plan)
    return plan


@dataclass
class ChangeSummary:
    """What a merge wrote, counted per kind of item, and how each conflict was kept."""

    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)  # one line per conflict
    comments: int = 0  # the comments keeping the side not chosen

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted or self.comments)

    def lines(self) -> list[str]:
        def listed(counts: Counter) -> str:
            return ", ".join(plural(t, n) for t, n in counts.most_common()) or "nothing"

        lines = [
            f"added: {listed(self.added)}",
            f"changed: {listed(self.changed)}",
            f"deleted: {listed(self.deleted)}",
            f"conflicts: {len(self.kept)}",
        ]
        lines += [f"  {line}" for line in self.kept]
        if self.comments:
            lines.append(f"{plural('comment', self.comments)} by {AUTHOR} keep what was not chosen")
        return lines


def apply_merge(
    session: Session, plan: MergePlan, choices: Mapping[str, str] | None = None
) -> ChangeSummary:
    """Write the merge into MINE's open ``session`` (not committed: the caller commits).
    ``choices``: conflict id -> "mine" or "theirs"; a conflict not named keeps mine.
    Checks first that the project is as planned; on any failure nothing is written."""
    current = read_rows(session)
    if not _same(current, plan.mine):
        raise MergeRefused(f"{plan.mine_name} changed since the merge was prepared; merge again")
    target, outcome = resolve(plan, choices or {})
    write_rows(session, current, target)
    return summarise(current, target, outcome, plan)


def _same(one: Rows, other: Rows) -> bool:
    if one.keys() != other.keys():
        return False
    for table, rows in one.items():
        if rows.keys() != other[table].keys():
            return False
        for key, row in rows.items():
            if row != other[table][key] and compared(table, row) != compared(
                table, other[table][key]
            ):
                return False
    return True


def summarise(
    before: Rows, after: Rows, outcome: list[tuple[Conflict, str]], plan: MergePlan
) -> ChangeSummary:
    summary = ChangeSummary()
    for table, rows in after.items():
        for key, row in rows.items():
            old = before[table].get(key)
            if old is None:
                if table == "comment" and row["author"] == AUTHOR:
                    summary.comments += 1
                else:
                    summary.added[table] += 1
            elif any(old[n] != v for n, v in row.items() if n not in UNCOMPARED):
                summary.changed[table] += 1
        summary.deleted.update(table for key in before[table] if key not in rows)
    for conflict, side in outcome:
        how = conflict.keep_mine if side == MINE else conflict.take_theirs
        summary.kept.append(f"{conflict.summary}: {how}")
    return summary
