"""``stagecraft import SRC --into FILE [--format csv|json|drawio] [--force]``: bring a
spreadsheet, a JSON export or a draw.io diagram into a project, headless.

SRC is read and checked whole before FILE is touched, so a broken or hostile SRC writes
nothing. An existing FILE gets the imported blueprints added to what it holds (saved
atomically, like the editor saves); a new FILE is a new project of SRC's content (a JSON
export comes back whole, with its ids); ``--force`` replaces an existing FILE with that
new project instead."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.usage import PROG, UsageError

IMPORT_HELP = "bring a CSV, JSON or draw.io file into a project"
FORMATS = ("csv", "json", "drawio")

DESCRIPTION = """\
Bring SRC into the project FILE: a CSV (the CSV export's columns, or a sheet with Lane,
Step and Card columns; comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252),
a JSON export of a project, or a draw.io diagram (.drawio or .xml; one blueprint per
page). The format comes from SRC's extension unless --format is given.

An existing FILE keeps everything it holds and gets the imported blueprints added; a new
FILE becomes a new project. --force replaces an existing FILE with a new project instead.
What cannot be brought in is listed, never dropped silently.

Examples:
  stagecraft import journey.csv --into plan.blueprint
  stagecraft import swimlanes.drawio --into plan.blueprint
  stagecraft import backup.json --into restored.blueprint"""


def add_parser(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help=IMPORT_HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("source", metavar="SRC", help="the file to bring in")
    command.add_argument("--into", required=True, metavar="FILE", help="the project file")
    command.add_argument("--format", choices=FORMATS, help="default: from SRC's extension")
    command.add_argument(
        "--force", action="store_true", help="replace FILE with a new project of SRC"
    )


def cmd_import(args: argparse.Namespace) -> int:
    from app.importers.service import format_of, read_plan
    from app.model.project_file import ensure_extension

    source = Path(args.source)
    if not source.is_file():
        raise UsageError(f"{source} does not exist or is not a file")
    target = ensure_extension(Path(args.into))
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name such as plan.blueprint")
    if not target.absolute().parent.is_dir():
        raise UsageError(f"the folder {target.absolute().parent} does not exist")
    if target.absolute() == source.absolute():
        raise UsageError("--into must not be the file being imported")
    kind = format_of(source, args.format)
    plan = read_plan(source, kind, _progress(source.name))
    if target.exists() and not args.force:
        print(f"{PROG}: {target}: {_add_into(target, plan)}")
    else:
        print(f"{PROG}: {target} (a new project): {_new_project(target, source, kind, plan)}")
        if kind == "json":
            return 0  # the whole export came back: nothing was left out
    for line in plan.skipped:
        print(f"  not brought in: {line}")
    return 0


def _add_into(target: Path, plan: Any) -> str:
    from app.importers.build import build_plan
    from app.model.errors import FileLockedError
    from app.model.project_file import ProjectFile

    try:
        project = ProjectFile.open(target)
    except FileLockedError as error:
        raise UsageError(f"{error}; import when it is closed, or into a copy") from None
    try:
        if project.read_only:
            raise UsageError(f"{target} cannot be changed here (read-only); import into a copy")
        result = build_plan(project.project, plan)
        project.commit()
        project.save()
    finally:
        project.close()
    return result.summary()


def _new_project(target: Path, source: Path, kind: str, plan: Any) -> str:
    from app.importers.build import build_plan
    from app.model.ops_grid import create_project
    from app.model.project_file import ProjectFile

    if kind == "json":
        from app.importers.json_import import restore_json

        made = ProjectFile.build(source.stem, lambda session: restore_json(session, source))
        what = f"the whole project of {source.name}, every field and id"
    else:
        results = []

        def fill(session: Any) -> None:
            project = create_project(session, source.stem)
            results.append(build_plan(project, plan))

        made = ProjectFile.build(source.stem, fill)
        what = results[0].summary()
    try:
        made.save_as(target, replace=True)
    finally:
        made.close()
    return what


def _progress(name: str):
    """A progress line on a terminal for long imports (nothing when output is a file)."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 0
        if percent != shown[0]:
            shown[0] = percent
            end = "\n" if done >= total else ""
            print(f"\rreading {name}: {percent}%", end=end, file=sys.stderr, flush=True)

    return report
