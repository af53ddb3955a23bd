"""What merging a colleague's copy would do, before anything is written: each row of both
copies compared by UUID and field (with the copy both started from, when there is one),
into what comes in, what goes, and the conflicts a person must choose on."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.importers.merge_rows import (
    LINKS,
    TABLES,
    Children,
    Key,
    Row,
    Rows,
    differing,
    ids,
    parents,
    project_id,
    remapped,
)
from app.importers.merge_words import NOUNS, Describer, field_name
from app.model.errors import StagecraftError

MINE, THEIRS = "mine", "theirs"
Overlay = dict[tuple[str, Key], Row | None]
# Where a conflict's losing side is written down: (table, key of the item, comment text).
Note = tuple[str, Key, str]


class MergeRefused(StagecraftError):
    """The copies cannot be merged (not from the same project, changed meanwhile …)."""


@dataclass(frozen=True)
class FieldDifference:
    field: str  # in words: "text", "severity"
    mine: str  # the value in mine, in words
    theirs: str


@dataclass
class Conflict:
    """One item changed in both copies (or deleted in one and changed in the other)."""

    id: str  # "card:<uuid>": the key of the choice
    table: str
    key: Key
    item: str  # card “Receives letter” (Invitation letter, Customer actions)
    reason: str  # "text changed on both sides"
    fields: tuple[FieldDifference, ...] = ()
    details: tuple[str, ...] = ()  # what was changed under a deleted item
    keep_mine: str = ""  # what each choice does, in words
    take_theirs: str = ""
    deletion: bool = False
    mine_rows: Overlay = field(default_factory=dict)
    theirs_rows: Overlay = field(default_factory=dict)
    mine_note: Note | None = None
    theirs_note: Note | None = None
    described: frozenset[tuple[str, Key]] = frozenset()

    @property
    def summary(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(frozen=True)
class Entry:
    """One line of what comes in: ``words`` is the sentence a person reads."""

    table: str
    key: Key
    words: str


@dataclass
class MergePlan:
    mine_name: str
    theirs_name: str
    base_name: str | None
    mine: Rows  # mine's rows as planned (applying checks they are still so)
    theirs: Rows  # theirs' and base's rows, their UUIDs matched to mine's
    base: Rows | None
    settled: Rows  # the merged rows, every conflict kept as mine
    conflicts: list[Conflict] = field(default_factory=list)
    additions: list[Entry] = field(default_factory=list)
    changes: list[Entry] = field(default_factory=list)
    deletions: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def three_way(self) -> bool:
        return self.base is not None

    @property
    def nothing_to_do(self) -> bool:
        return not (self.additions or self.changes or self.deletions or self.conflicts)

    def counts(self) -> dict[str, int]:
        return {
            "additions": len(self.additions),
            "changes": len(self.changes),
            "deletions": len(self.deletions),
            "conflicts": len(self.conflicts),
        }

    def conflict(self, conflict_id: str) -> Conflict:
        return next(c for c in self.conflicts if c.id == conflict_id)


def related(one: Rows, other: Rows) -> bool:
    """Copies of one project: the same project UUID, or any row UUID in common."""
    if project_id(one) is not None and project_id(one) == project_id(other):
        return True
    return bool((ids(one) - {project_id(one)}) & (ids(other) - {project_id(other)}))


def matching(reference: Rows, other: Rows) -> dict[str, str]:
    """UUIDs of ``other`` to read as ``reference``'s: its project, and rows that are one per
    owner (a step's emotion and key moment, a node's place on a map) made on both sides."""
    mapping: dict[str, str] = {}
    mine, theirs = project_id(reference), project_id(other)
    if mine and theirs and mine != theirs:
        mapping[theirs] = mine
    for table, by in (
        ("emotion", ("step_id",)),
        ("key_moment", ("step_id",)),
        ("ecosystem_position", ("blueprint_id", "node_key")),
    ):
        owners = {tuple(row[c] for c in by): key for key, row in reference[table].items()}
        for key, row in other[table].items():
            found = owners.get(tuple(row[c] for c in by))
            if found is not None and found != key:
                mapping[key] = found
    return mapping


def build_plan(
    mine: Rows, theirs: Rows, base: Rows | None, names: tuple[str, str, str | None]
) -> MergePlan:
    mine_name, theirs_name, base_name = names
    if not related(mine, theirs):
        raise MergeRefused(
            f"{theirs_name} was not copied from the same project as {mine_name}: "
            "nothing in common to merge"
        )
    theirs = remapped(theirs, matching(mine, theirs))
    if base is not None:
        if not related(mine, base):
            raise MergeRefused(
                f"{base_name} was not copied from the same project as {mine_name}: "
                "it cannot be the copy both started from"
            )
        base = remapped(base, matching(mine, base))
        base = remapped(base, matching(theirs, base))
    plan = MergePlan(mine_name, theirs_name, base_name, mine, theirs, base, settled={})
    _Builder(plan).run()
    if base is None:
        plan.notes.append(
            "Without the copy both started from, a deletion cannot be told from an "
            "addition: items in only one copy are kept and nothing is deleted"
        )
    return plan


class _Builder:
    def __init__(self, plan: MergePlan) -> None:
        self.plan = plan
        self.mine, self.theirs, self.base = plan.mine, plan.theirs, plan.base
        self.result: Rows = {t: dict(self.mine[t]) for t in TABLES}
        sources = [self.mine, self.theirs] + ([self.base] if self.base else [])
        self.words = Describer(sources)
        self.names = (plan.mine_name, plan.theirs_name)
        self._children: dict[int, Children] = {}

    def run(self) -> None:
        gone_in_theirs: list[tuple[str, Key]] = []
        gone_in_mine: list[tuple[str, Key]] = []
        for table in TABLES:
            mine, theirs = self.mine[table], self.theirs[table]
            base = self.base[table] if self.base is not None else None
            for key in [*mine, *(k for k in theirs if k not in mine)]:
                m, t = mine.get(key), theirs.get(key)
                b = base.get(key) if base is not None else None
                if m is not None and t is not None:
                    self._both(table, key, m, t, b)
                elif t is not None:
                    if b is None:
                        self.result[table][key] = dict(t)  # added in theirs
                    else:
                        gone_in_mine.append((table, key))
                elif b is not None:
                    gone_in_theirs.append((table, key))
        for table, key in self._roots(gone_in_theirs, self.mine):
            self._deleted_in_theirs(table, key)
        for table, key in self._roots(gone_in_mine, self.theirs):
            self._deleted_in_mine(table, key)
        self.plan.settled = self.result

    # -- both copies hold the row -----------------------------------------------------------

    def _both(self, table: str, key: Key, m: Row, t: Row, b: Row | None) -> None:
        merged, clashing = dict(m), []
        for name in differing(table, m, t):
            if b is not None and m[name] == b[name]:
                merged[name] = t[name]
            elif b is None or t[name] != b[name]:
                clashing.append(name)
        self.result[table][key] = merged
        if not clashing:
            return
        theirs_row = {**merged, **{name: t[name] for name in clashing}}
        mine_name, theirs_name = self.names
        item = self.words.item(table, key)
        fields = tuple(
            FieldDifference(
                field_name(name), self.words.value(name, m[name]), self.words.value(name, t[name])
            )
            for name in clashing
        )
        listed = ", ".join(f.field for f in fields)
        changed = "changed on both sides" if self.base is not None else "different in each copy"
        noun = NOUNS.get(table, table)

        def note(side: str, row: Row) -> str:
            values = "; ".join(f"{field_name(n)} {self.words.value(n, row[n])}" for n in clashing)
            return f"Merge: in {side} this {noun} had {values}"

        target = _commented(table, key, m)
        self.plan.conflicts.append(
            Conflict(
                id=f"{table}:{_key_text(key)}",
                table=table,
                key=key,
                item=item,
                reason=f"{listed} {changed}",
                fields=fields,
                keep_mine=f"keep {listed} as in {mine_name}",
                take_theirs=f"take {listed} from {theirs_name}",
                mine_rows={(table, key): merged},
                theirs_rows={(table, key): theirs_row},
                mine_note=(*target, note(theirs_name, t)),
                theirs_note=(*target, note(mine_name, m)),
            )
        )

    # -- deleted in one copy ------------------------------------------------------------------

    def _roots(self, gone: list[tuple[str, Key]], keeper: Rows) -> list[tuple[str, Key]]:
        """The rows deleted on their own, not with a deleted parent (a lane, not its cards).
        A row's parents are read in ``keeper``, the copy that still has it: a card moved
        there out of a lane the other copy deleted is a deletion of its own."""
        if self.base is None:
            return []
        deleted = {key for table, key in gone if table not in LINKS}
        roots = []
        for table, key in gone:
            row = keeper[table][key]
            if not any(parent in deleted for parent in parents(table, row)):
                roots.append((table, key))
        return roots

    def _touched(self, side: Rows, other: Rows, table: str, key: Key) -> tuple[list, list]:
        """Under ``key`` in ``side``: the rows ``other`` lacks, and which of them ``side``
        added or changed since the base."""
        assert self.base is not None
        children = self._children.get(id(side))
        if children is None:
            children = self._children[id(side)] = Children(side)
        below = [(t, k) for t, k in children.subtree(key) if k not in other[t]]
        touched = []
        for t, k in [(table, key), *below]:
            b = self.base[t].get(k)
            if b is None or differing(t, side[t][k], b):
                touched.append((t, k))
        return below, touched

    def _describe_touched(
        self, side: Rows, touched: list[tuple[str, Key]], root: tuple[str, Key]
    ) -> tuple[str, ...]:
        assert self.base is not None
        lines = []
        for t, k in touched:
            b = self.base[t].get(k)
            if b is None:
                lines.append(f"{self.words.item(t, k)} added")
            else:
                row = side[t][k]
                what = "; ".join(self.words.change(n, b[n], row[n]) for n in differing(t, row, b))
                # The deleted item itself is named by the conflict already.
                lines.append(what if (t, k) == root else f"{self.words.item(t, k)}: {what}")
        return tuple(lines)

    def _deleted_in_theirs(self, table: str, key: Key) -> None:
        _below, touched = self._touched(self.mine, self.theirs, table, key)
        if not touched:
            del self.result[table][key]  # what is below goes with it
            return
        mine_name, theirs_name = self.names
        noun, item = NOUNS.get(table, table), self.words.item(table, key)
        details = self._describe_touched(self.mine, touched, (table, key))
        self.plan.conflicts.append(
            Conflict(
                id=f"{table}:{_key_text(key)}",
                table=table,
                key=key,
                item=item,
                reason=f"deleted in {theirs_name}, but changed in {mine_name}",
                details=details,
                keep_mine=f"keep the {noun} with the changes in {mine_name}",
                take_theirs=f"delete the {noun} as {theirs_name} did",
                deletion=True,
                theirs_rows={(table, key): None},
                mine_note=(
                    *_commented(table, key, self.mine[table][key]),
                    f"Merge: {theirs_name} deleted this {noun}; it was kept because "
                    f"{mine_name} had changed it",
                ),
                theirs_note=(
                    *_commented(table, key, self.mine[table][key]),
                    f"Merge: {item} was deleted as in {theirs_name}; {mine_name} had "
                    f"changed it: {'; '.join(details)}",
                ),
                described=frozenset(touched),
            )
        )

    def _deleted_in_mine(self, table: str, key: Key) -> None:
        below, touched = self._touched(self.theirs, self.mine, table, key)
        if not touched:
            return  # stays deleted
        mine_name, theirs_name = self.names
        noun, item = NOUNS.get(table, table), self.words.item(table, key)
        details = self._describe_touched(self.theirs, touched, (table, key))
        rows = [(table, key), *below]
        for t, k in below:
            self.result[t].pop(k, None)  # its additions in theirs wait for the choice
        self.plan.conflicts.append(
            Conflict(
                id=f"{table}:{_key_text(key)}",
                table=table,
                key=key,
                item=item,
                reason=f"deleted in {mine_name}, but changed in {theirs_name}",
                details=details,
                keep_mine=f"leave the {noun} deleted",
                take_theirs=f"bring the {noun} back with the changes in {theirs_name}",
                deletion=True,
                mine_rows={row: None for row in rows},
                theirs_rows={(t, k): dict(self.theirs[t][k]) for t, k in rows},
                mine_note=(
                    *_commented(table, key, self.theirs[table][key]),
                    f"Merge: {item} was deleted in {mine_name}; {theirs_name} had changed "
                    f"it: {'; '.join(details)}",
                ),
                theirs_note=(
                    *_commented(table, key, self.theirs[table][key]),
                    f"Merge: this {noun} was deleted in {mine_name} and brought back from "
                    f"{theirs_name}, which had changed it",
                ),
                described=frozenset(touched),
            )
        )


def _commented(table: str, key: Key, row: Row) -> tuple[str, Key]:
    """The item a note about this row is written on: the row itself, or for rows that
    cannot carry comments (links, comments, places on a map) the item they belong to."""
    if table == "comment":
        return ("", row["item_id"])
    if table == "card_system":
        return ("card", key[0])
    if table == "opportunity_pain_point":
        return ("opportunity", key[0])
    if table == "ecosystem_position":
        return ("project", row["project_id"])
    return (table, key)


def _key_text(key: Key) -> str:
    return "+".join(key) if isinstance(key, tuple) else str(key)
