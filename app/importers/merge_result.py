"""The merged rows for a person's choices: the conflicts resolved, rows whose parent went
taken along (as the database would), positions among siblings dense again, and each
conflict's losing side written down as a comment on the item."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from app.importers.merge_plan import MINE, THEIRS, Conflict, Entry, MergePlan, MergeRefused
from app.importers.merge_rows import (
    KIND_OF,
    LINKS,
    ORDERED,
    TABLES,
    Key,
    Row,
    Rows,
    differing,
    parents,
    project_id,
    references,
)
from app.importers.merge_words import Describer, plural
from app.model.base import new_uuid

AUTHOR = "Stagecraft merge"


def resolve(
    plan: MergePlan, choices: Mapping[str, str], *, notes: bool = True
) -> tuple[Rows, list[tuple[Conflict, str]]]:
    """The merged rows and each conflict with the side chosen ("mine" unless chosen)."""
    known = {conflict.id for conflict in plan.conflicts}
    for conflict_id, side in choices.items():
        if conflict_id not in known:
            raise MergeRefused(f"there is no conflict {conflict_id!r} in this merge")
        if side not in (MINE, THEIRS):
            raise MergeRefused(f"a conflict is resolved as mine or theirs, not {side!r}")
    result: Rows = {t: {k: dict(r) for k, r in plan.settled[t].items()} for t in TABLES}
    outcome = [(c, choices.get(c.id, MINE)) for c in plan.conflicts]
    # Field conflicts first: a deletion chosen afterwards takes the item away whatever it held.
    for conflict, side in sorted(outcome, key=lambda pair: pair[0].deletion):
        overlay = conflict.theirs_rows if side == THEIRS else conflict.mine_rows
        for (table, key), row in overlay.items():
            if row is None:
                result[table].pop(key, None)
            else:
                result[table][key] = dict(row)
    words = Describer([result, plan.mine, plan.theirs] + ([plan.base] if plan.base else []))
    copies = [plan.mine, plan.theirs] + ([plan.base] if plan.base else [])
    dropped = _take_along(result, copies)
    _order(plan, result)
    if notes:
        described = {row for conflict, _side in outcome for row in conflict.described}
        for conflict, side in outcome:
            note = conflict.theirs_note if side == THEIRS else conflict.mine_note
            if note is not None:
                _comment(result, words, *note)
        for table, key, row in dropped:
            if (table, key) not in described and _touched(plan, table, key, row):
                _comment(
                    result,
                    words,
                    table,
                    key,
                    f"Merge: {words.item(table, key)} could not be kept: what held it was "
                    "deleted in one of the copies",
                )
    return result, outcome


def _take_along(result: Rows, copies: list[Rows]) -> list[tuple[str, Key, Row]]:
    """Drop rows whose parent is gone (references that delete) and clear references that
    only point (a step's stage, a card's actor); comments go with their item. A row moved
    in one copy into a parent gone from the result stays where another copy has it (a
    card moved into a lane the other copy deleted stays in its old lane)."""
    present = {key for table in TABLES if table not in LINKS for key in result[table]}
    dropped = []
    for table in [t for t in TABLES if t != "comment"] + ["comment"]:
        for key, row in list(result[table].items()):
            goes = table == "comment" and row["item_id"] not in present
            for ref in references(table):
                value = row[ref.column]
                if value is None or value in present:
                    continue
                if ref.cascade:
                    elsewhere = [
                        other[ref.column]
                        for copy in copies
                        if (other := copy[table].get(key)) is not None
                        and other[ref.column] in present
                    ]
                    if elsewhere:
                        row[ref.column] = elsewhere[0]
                        continue
                    goes = True
                    break
                row[ref.column] = None
            if goes:
                del result[table][key]
                present.discard(key)
                dropped.append((table, key, row))
    return dropped


def _touched(plan: MergePlan, table: str, key: Key, row: Row) -> bool:
    """Was this dropped row added or changed in a copy (so dropping it loses work)?"""
    if plan.base is None:
        return True
    base = plan.base[table].get(key)
    return base is None or bool(differing(table, row, base))


def _order(plan: MergePlan, result: Rows) -> None:
    """Positions 0, 1, 2 … among siblings: mine's order, theirs' if only theirs reordered,
    and rows from the other copy after the sibling they followed there."""
    for table, group_by in ORDERED.items():
        groups = _groups(result[table], group_by)
        sides = [_groups(plan.mine[table], group_by), _groups(plan.theirs[table], group_by)]
        if plan.base is not None:
            sides.append(_groups(plan.base[table], group_by))
        for group, keys in groups.items():
            members = set(keys)
            mine, theirs, *base = (
                [k for k in side.get(group, ()) if k in members] for side in sides
            )
            primary, other = mine, theirs
            if base:
                common = set(mine) & set(theirs) & set(base[0])
                kept = [k for k in mine if k in common] == [k for k in base[0] if k in common]
                moved = [k for k in theirs if k in common] != [k for k in base[0] if k in common]
                if kept and moved:
                    primary, other = theirs, mine
            order = list(primary)
            placed = set(order)
            for index, key in enumerate(other):
                if key in placed:
                    continue
                before = next((k for k in reversed(other[:index]) if k in placed), None)
                order.insert(0 if before is None else order.index(before) + 1, key)
                placed.add(key)
            rest = [k for k in keys if k not in placed]
            order += sorted(rest, key=lambda k: (result[table][k]["position"], str(k)))
            for position, key in enumerate(order):
                if result[table][key]["position"] != position:
                    result[table][key] = {**result[table][key], "position": position}


def _groups(rows: dict[Key, Row], group_by: tuple[str, ...]) -> dict[tuple, list[Key]]:
    """The keys of ``rows`` per group of siblings, each group in order of position."""
    groups: dict[tuple, list[Key]] = {}
    for key, row in rows.items():
        groups.setdefault(tuple(row[c] for c in group_by), []).append(key)
    for keys in groups.values():
        keys.sort(key=lambda k: (rows[k]["position"], str(k)))
    return groups


def anchor(result: Rows, words: Describer, table: str, key: Key) -> tuple[str, Key]:
    """The item itself if it is in the result, else the nearest one holding it that is."""
    for _ in range(16):
        if not table:
            table = words.table_of(key) or "project"
        if table not in LINKS and key in result.get(table, {}):
            return table, key
        row = words.row(table, key)
        up = parents(table, row) if row is not None else []
        if not up:
            break
        table, key = "", up[0]
    return "project", project_id(result)


def _comment(result: Rows, words: Describer, table: str, key: Key, text: str) -> None:
    table, key = anchor(result, words, table, key)
    comment_id = new_uuid()
    result["comment"][comment_id] = {
        "id": comment_id,
        "item_id": key,
        "item_kind": KIND_OF[table],
        "author": AUTHOR,
        "created_at": datetime.now(UTC).replace(tzinfo=None),
        "text": text,
        "resolved": False,
    }


def entries(plan: MergePlan) -> None:
    """Fill the plan's lists of what comes in (conflicts aside), from mine to the merged
    rows with every conflict kept as mine; rows inside an added or deleted item are
    counted in its line."""
    merged, _outcome = resolve(plan, {}, notes=False)
    # A field conflict's other fields changed in theirs come in whatever is chosen.
    deletions = [c for c in plan.conflicts if c.deletion]
    conflicted = {(c.table, c.key) for c in deletions}
    conflicted |= {row for c in deletions for row in [*c.mine_rows, *c.theirs_rows]}
    words_in = Describer([merged, plan.theirs, plan.mine])
    words_out = Describer([plan.mine, merged, plan.theirs])
    theirs = plan.theirs_name
    added = _outer(merged, plan.mine, conflicted)
    for (table, key), inside in added.items():
        plan.additions.append(Entry(table, key, f"{words_in.item(table, key)}{inside}"))
    deleted = _outer(plan.mine, merged, conflicted)
    for (table, key), inside in deleted.items():
        words = f"{words_out.item(table, key)}{inside}: deleted in {theirs}"
        plan.deletions.append(Entry(table, key, words))
    for table in TABLES:
        for key, row in merged[table].items():
            old = plan.mine[table].get(key)
            if old is None or (table, key) in conflicted:
                continue
            changed = differing(table, old, row)
            if changed:
                what = "; ".join(words_out.change(n, old[n], row[n]) for n in changed)
                plan.changes.append(Entry(table, key, f"{words_out.item(table, key)}: {what}"))


def _outer(present: Rows, absent: Rows, skip: set) -> dict[tuple[str, Key], str]:
    """Rows of ``present`` missing from ``absent``, those inside another such row folded
    into its line (" with 3 cards, 1 connector")."""
    missing = {
        (table, key)
        for table in TABLES
        for key in present[table]
        if key not in absent[table] and (table, key) not in skip
    }
    missing_ids = {key for _table, key in missing}
    inside: dict[tuple[str, Key], dict[str, int]] = {}
    outer: dict[tuple[str, Key], str] = {}
    owner_of: dict[Key, tuple[str, Key]] = {}
    for table in [t for t in TABLES if t != "comment"] + ["comment"]:
        for key in present[table]:
            if (table, key) not in missing:
                continue
            up = [p for p in parents(table, present[table][key]) if p in missing_ids]
            if up and up[0] in owner_of:
                owner = owner_of[up[0]]
                owner_of[key] = owner
                counts = inside.setdefault(owner, {})
                counts[table] = counts.get(table, 0) + 1
            else:
                owner_of[key] = (table, key)
                outer[(table, key)] = ""
    for owner, counts in inside.items():
        listed = ", ".join(plural(t, n) for t, n in counts.items() if t not in LINKS)
        outer[owner] = f" with {listed}" if listed else ""
    return outer
