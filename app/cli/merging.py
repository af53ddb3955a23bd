"""``stagecraft merge MINE THEIRS --out MERGED [--base BASE]``: bring what changed in a
colleague's copy of a project into one's own, headless."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.usage import UsageError

MERGE_HELP = "merge a colleague's copy of a project into yours"


def add_parser(commands: Any) -> None:
    merge = commands.add_parser("merge", help=MERGE_HELP, description=MERGE_HELP)
    merge.add_argument("mine", metavar="MINE", help="your copy of the project")
    merge.add_argument("theirs", metavar="THEIRS", help="the colleague's copy")
    merge.add_argument("--out", required=True, metavar="MERGED", help="the file to write")
    merge.add_argument("--base", metavar="BASE", help="the copy both started from")
    merge.add_argument("--force", action="store_true", help="replace MERGED if it exists")


def cmd_merge(args: argparse.Namespace) -> int:
    raise UsageError("merging is not built yet")
