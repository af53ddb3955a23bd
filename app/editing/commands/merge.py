"""Merge a colleague's copy as one undo step: apply writes the merge, undo puts every row
of the project back as it was, redo writes the same merged rows again (same UUIDs)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand
from app.importers.merge import ChangeSummary, MergePlan, apply_merge, read_rows
from app.importers.merge_rows import Rows
from app.importers.merge_write import write_rows
from app.model.changes import ChangeSet


class MergeCommand(EditCommand):
    """Bring ``plan`` into the open project with ``choices`` (conflict id -> "mine" or
    "theirs"). The rows before and after are kept, so undo and redo write exactly them."""

    def __init__(self, plan: MergePlan, choices: Mapping[str, str]) -> None:
        super().__init__(f"Merge {plan.theirs_name}")
        self.plan = plan
        self.choices = dict(choices)
        self.summary: ChangeSummary | None = None
        self._before: Rows | None = None
        self._after: Rows | None = None

    def apply(self, session: Session) -> ChangeSet:
        if self._after is None:
            self._before = read_rows(session)
            self.summary = apply_merge(session, self.plan, self.choices)
            self._after = read_rows(session)
        else:
            assert self._before is not None
            write_rows(session, self._before, self._after)
        return merge_changes(self._before, self._after)

    def revert(self, session: Session) -> None:
        assert self._before is not None and self._after is not None
        write_rows(session, self._after, self._before)


def merge_changes(before: Rows, after: Rows) -> ChangeSet:
    """A merge may touch every blueprint, the catalogue and the method: every view
    refreshes (no blueprint named: each canvas lays itself out again)."""
    touched = {
        table
        for table in after
        if before[table].keys() != after[table].keys()
        or any(before[table][key] != row for key, row in after[table].items())
    }
    return ChangeSet(
        None,
        blueprints_changed=True,
        pain_points_changed=bool({"pain_point"} & touched),
        moments_changed=bool({"emotion", "key_moment"} & touched),
        opportunities_changed=bool({"opportunity", "opportunity_pain_point"} & touched),
        comments_changed="comment" in touched,
        catalogue_changed=True,
        ecosystem_changed="ecosystem_position" in touched,
    )
