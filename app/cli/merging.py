"""``stagecraft merge MINE THEIRS --out MERGED [--base BASE]``: bring what changed in a
colleague's copy of a project into one's own, headless.

MINE, THEIRS and BASE are only read. MERGED starts as a copy of MINE and takes what
THEIRS added and changed (and, with BASE, deleted); where both changed the same thing,
MINE is kept and THEIRS' version is written down as a comment on the item, so nothing is
lost. MERGED is written by the same atomic save as the editor.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.usage import PROG, UsageError

MERGE_HELP = "merge a colleague's copy of a project into yours"

MERGE_DESCRIPTION = """\
Merge THEIRS (a colleague's copy of the same project) into MINE and write the result to
MERGED; MINE and THEIRS are not changed. Items added or changed in THEIRS come in. Where
both copies changed the same item, yours is kept and theirs is kept as a comment on it
(by "Stagecraft merge"), so nothing is lost.

Without --base a deletion cannot be told from an addition, so nothing is deleted. With
--base (the copy both started from), items deleted in THEIRS and unchanged in MINE are
deleted too; an item deleted in one copy and changed in the other is kept.

Examples:
  stagecraft merge mine.blueprint sams-copy.blueprint --out merged.blueprint
  stagecraft merge mine.blueprint sams-copy.blueprint --out merged.blueprint \\
      --base original.blueprint"""


def add_parser(commands: Any) -> None:
    merge = commands.add_parser(
        "merge",
        help=MERGE_HELP,
        description=MERGE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    merge.add_argument("mine", metavar="MINE", help="your copy of the project")
    merge.add_argument("theirs", metavar="THEIRS", help="the colleague's copy")
    merge.add_argument("--out", required=True, metavar="MERGED", help="the file to write")
    merge.add_argument("--base", metavar="BASE", help="the copy both started from")
    merge.add_argument("--force", action="store_true", help="replace MERGED if it exists")


def cmd_merge(args: argparse.Namespace) -> int:
    from app.importers.merge import apply_merge, plan_merge
    from app.model.project_file import ProjectFile, ensure_extension

    mine, theirs = _input(args.mine), _input(args.theirs)
    base = _input(args.base) if args.base else None
    out = ensure_extension(Path(args.out))
    inputs = [path for path in (mine, theirs, base) if path is not None]
    if any(_same_file(out, path) for path in inputs):
        raise UsageError("--out must be a new file, not one of the copies being merged")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name such as merged.blueprint")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; use --force to replace it")
    if not out.absolute().parent.is_dir():
        raise UsageError(f"the folder {out.absolute().parent} does not exist")

    opened: list[ProjectFile] = []
    try:
        # MERGED starts as a copy of MINE (its own working copy: MINE is only read).
        merged = ProjectFile.open(mine, as_copy=True)
        opened.append(merged)
        their_copy = ProjectFile.open(theirs, read_only=True)
        opened.append(their_copy)
        base_copy = ProjectFile.open(base, read_only=True) if base is not None else None
        if base_copy is not None:
            opened.append(base_copy)
        names = (mine.name, theirs.name, base.name if base is not None else None)
        plan = plan_merge(
            merged.session,
            their_copy.session,
            base_copy.session if base_copy is not None else None,
            names=names,
        )
        summary = apply_merge(merged.session, plan)  # every conflict: mine, theirs noted
        merged.commit()
        merged.save_as(out, replace=args.force)
    finally:
        for project in opened:
            project.close()
    if plan.nothing_to_do:
        print(
            f"{PROG}: nothing to merge: {theirs.name} holds nothing that {mine.name} does "
            f"not; {out} is a copy of {mine.name}"
        )
        return 0
    print(f"{PROG}: merged {theirs.name} into {mine.name} as {out}")
    for note in plan.notes:
        print(f"  note: {note}")
    for line in summary.lines():
        print(f"  {line}")
    return 0


def _input(name: str) -> Path:
    """An input copy: it exists, is a file, and this Stagecraft can read all of it."""
    from app.model.base import SCHEMA_VERSION
    from app.model.sqlite_guard import read_header

    path = Path(name)
    header = read_header(path)  # one line for a missing, empty or foreign file
    if header.user_version > SCHEMA_VERSION:
        raise UsageError(
            f"{path} was saved by a newer Stagecraft (file format {header.user_version}; "
            f"this one reads format {SCHEMA_VERSION} at most): install a newer Stagecraft "
            "to merge it"
        )
    return path


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and one.samefile(other)
    except OSError:
        return False
