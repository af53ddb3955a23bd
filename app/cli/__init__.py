"""The command line: ``stagecraft [FILE]`` opens the editor; subcommands work headless.

Every failure prints one line, ``stagecraft: error: <what is wrong and what to do>``, and
exits non-zero; no traceback, no change to the input file, nothing left beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.cli import analysis, importing, merging
from app.cli.usage import PROG, Parser, UsageError, fail

__all__ = ["PROG", "Parser", "UsageError", "build_parser", "fail", "main"]


# -- commands -----------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from app.model.project_file import ProjectFile

    target = _writable_target(args.file, args.force)
    project = ProjectFile.new(args.name or target.stem, template=args.template)
    return _save_and_close(project, target, args.force, "created")


def cmd_sample(args: argparse.Namespace) -> int:
    from app.model.project_file import ProjectFile
    from app.model.sample import SAMPLE_NAME, build_sample

    if args.scale is not None and not 1 <= args.scale <= 200_000:
        raise UsageError("--scale must be a number of cards from 1 to 200000")
    target = _writable_target(args.file, args.force)
    project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, args.scale))
    return _save_and_close(project, target, args.force, "wrote the sample project to")


def cmd_check(args: argparse.Namespace) -> int:
    from app.model.check import Health, check_file

    report = check_file(Path(args.file))
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return int(report.health)
    if report.health is Health.UNREADABLE:
        return fail(report.problems[0], int(report.health))
    state = "healthy" if report.health is Health.HEALTHY else "problems found"
    print(f"{args.file}: {state}")
    version = "unknown" if report.format_version is None else report.format_version
    print(f"  file format {version} (this Stagecraft reads up to {report.readable_format})")
    for problem in report.problems:
        print(f"  problem: {problem}")
    for note in report.notes:
        print(f"  note: {note}")
    for kind, count in report.counts.items():
        print(f"  {kind}: {count}")
    return int(report.health)


def _writable_target(name: str, force: bool) -> Path:
    from app.model.project_file import ensure_extension

    target = ensure_extension(Path(name))
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name such as plan.blueprint")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to replace it")
    if not target.absolute().parent.is_dir():
        raise UsageError(f"the folder {target.absolute().parent} does not exist")
    return target


def _save_and_close(project, target: Path, force: bool, verb: str) -> int:
    try:
        project.save_as(target, replace=force)
    finally:
        project.close()
    print(f"{PROG}: {verb} {target}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.export.service import ExportRequest, run_export
    from app.model.loading import load_blueprints
    from app.model.project_file import ProjectFile

    source, out = Path(args.file), Path(args.out)
    if not source.is_file():
        raise UsageError(f"{source} does not exist or is not a file")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; use --force to replace it")
    if out.absolute() == source.absolute():
        raise UsageError("--out must not be the project file itself")
    request = ExportRequest(
        format=args.format,
        blueprint=args.blueprint,
        paper=args.paper,
        orientation=args.orientation,
        scale=args.scale,
        margin_mm=args.margin,
        tile=args.tile,
        overlap_mm=args.overlap,
        overlay=args.overlay,
        perspective=args.perspective,
        report=args.report,
        dpi=args.dpi,
        ecosystem=args.ecosystem,
    )
    # Read-only: an export never locks or changes the project file.
    project = ProjectFile.open(source, read_only=True)
    try:
        load_blueprints(project.session)
        summary = run_export(project.session, out, request, file_name=source.name)
    finally:
        project.close()
    print(f"{PROG}: {summary}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file else None
    if path is not None and not path.exists():
        raise UsageError(f"{path} does not exist; to create it, run '{PROG} new {path}'")
    from app.ui.app import run_gui

    return run_gui(path)


# -- parser -------------------------------------------------------------------------------

COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "new": ("create a new project file from a template", cmd_new),
    "sample": ("write the bundled sample project to a file", cmd_sample),
    "check": ("check that a file is a healthy Stagecraft project", cmd_check),
    "export": ("export a blueprint as PDF, PNG, SVG or CSV, or the project as JSON", cmd_export),
    "analyse": (analysis.ANALYSE_HELP, analysis.cmd_analyse),
    "diff": (analysis.DIFF_HELP, analysis.cmd_diff),
    "import": (importing.IMPORT_HELP, importing.cmd_import),
    "merge": (merging.MERGE_HELP, merging.cmd_merge),
}

EXPORT_DESCRIPTION = """\
Export a blueprint of FILE (the first one unless --blueprint names another). The format
comes from OUT's extension unless --format is given: pdf, png, svg, csv (one row per
card, for Excel) or json (the whole project, every field).

PDF pages can be as large as PDF viewers show, 14,400 points (5.08 m) a side. A larger
page is refused with a message suggesting --tile, which prints the poster at true scale
over sheets of A4, A3 or letter, with an assembly page first.

Examples:
  stagecraft export plan.blueprint --out wall.pdf --paper A0 --overlay pain-points
  stagecraft export plan.blueprint --out wall.pdf --tile A4 --overlay pain-points
  stagecraft export plan.blueprint --out map.png --dpi 150
  stagecraft export plan.blueprint --out report.pdf --report pain-points
  stagecraft export plan.blueprint --out ecosystem.pdf --ecosystem --paper A3"""

DESCRIPTION = """\
Stagecraft: a desktop editor for service blueprints.

  stagecraft [FILE]            open the editor (on FILE; with no FILE, offer to recover
                               unsaved work after a crash, or else open the sample project)
  stagecraft COMMAND --help    help on one command

Commands that write a project file refuse to replace an existing file unless --force,
and write through the same atomic save as the editor."""


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage=f"{PROG} [FILE] | {PROG} COMMAND [options]",
    )
    parser.add_argument("--version", action="version", version=f"Stagecraft {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser, prog=PROG
    )

    new = commands.add_parser("new", help=COMMANDS["new"][0], description=COMMANDS["new"][0])
    new.add_argument("file", metavar="FILE", help="the project file to create (.blueprint)")
    new.add_argument(
        "--template",
        choices=("standard", "minimal"),
        default="standard",
        help="standard: the six standard lanes and three lines (default); "
        "minimal: customer actions, frontstage, backstage, systems",
    )
    new.add_argument("--name", help="the project's name (default: the file name)")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")

    sample = commands.add_parser(
        "sample", help=COMMANDS["sample"][0], description=COMMANDS["sample"][0]
    )
    sample.add_argument("file", metavar="FILE", help="the project file to write")
    sample.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="grow the sample to about N cards by repeating its journey (for big maps)",
    )
    sample.add_argument("--force", action="store_true", help="replace FILE if it exists")

    check = commands.add_parser(
        "check",
        help=COMMANDS["check"][0],
        description="Check a project file: is it a Stagecraft project, its file format, "
        "its integrity, and how many of each kind of item it holds. Exit status: 0 healthy, "
        "1 problems found (including made by a newer version), 2 unreadable, not a "
        "project, or bad usage.",
    )
    check.add_argument("file", metavar="FILE", help="the project file to check")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    _export_parser(commands)
    analysis.add_parsers(commands)
    importing.add_parser(commands)
    merging.add_parser(commands)
    return parser


def _export_parser(commands) -> None:
    from app.export.service import FORMATS, OVERLAYS, REPORTS

    export = commands.add_parser(
        "export",
        help=COMMANDS["export"][0],
        description=EXPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("file", metavar="FILE", help="the project file to export from")
    export.add_argument("--out", required=True, metavar="OUT", help="the file to write")
    export.add_argument("--format", choices=FORMATS, help="default: from OUT's extension")
    export.add_argument("--blueprint", metavar="NAME", help="default: the first blueprint")
    export.add_argument(
        "--paper",
        default="fit",
        metavar="PAPER",
        help="fit (a page the map's size at 100%%, the default), A4, A3, A2, A1, A0, "
        "letter, tabloid or WIDTHxHEIGHTmm",
    )
    export.add_argument("--orientation", choices=("auto", "landscape", "portrait"), default="auto")
    export.add_argument(
        "--scale", type=float, metavar="PERCENT", help="default: fit the paper (100 on tiles)"
    )
    export.add_argument(
        "--margin", type=float, default=10, metavar="MM", help="page margin (default 10)"
    )
    export.add_argument(
        "--tile",
        metavar="SHEET",
        help="print the poster at true scale over A4, A3 or letter sheets",
    )
    export.add_argument(
        "--overlap", type=float, default=10, metavar="MM", help="tile overlap (default 10)"
    )
    export.add_argument("--overlay", choices=OVERLAYS, help="badges, shading and a key")
    export.add_argument(
        "--perspective",
        metavar="WHO",
        help="only the pain points of one perspective: service user, staff or partner",
    )
    export.add_argument("--report", choices=REPORTS, help="a report instead of the map")
    export.add_argument(
        "--ecosystem",
        action="store_true",
        help="the service ecosystem map (PDF or PNG) of the project, or of --blueprint",
    )
    export.add_argument(
        "--dpi", type=float, default=150, metavar="N", help="PNG resolution (default 150)"
    )
    export.add_argument("--force", action="store_true", help="replace OUT if it exists")


def build_gui_parser() -> Parser:
    parser = Parser(prog=PROG, usage=f"{PROG} [FILE]", add_help=False)
    parser.add_argument("file", nargs="?", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and (args_list[0] in COMMANDS or args_list[0].startswith("-")):
            args = build_parser().parse_args(args_list)
            if args.command is None:
                raise UsageError(f"no command given (see '{PROG} --help')")
            return COMMANDS[args.command][1](args)
        if len(args_list) > 1:
            known = ", ".join(COMMANDS)
            raise UsageError(f"unknown command {args_list[0]!r}; the commands are {known}")
        return cmd_gui(build_gui_parser().parse_args(args_list))
    except UsageError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        # The reader went away (``stagecraft analyse FILE | head``): stop quietly, and keep
        # Python from complaining when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:
        return fail(_describe(error))


def _describe(error: Exception) -> str:
    from app.model.errors import StagecraftError

    if isinstance(error, StagecraftError):
        return str(error)
    if isinstance(error, MemoryError):
        return "not enough memory for that; close other programs and try again"
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}"
    return f"unexpected {type(error).__name__}: {error}; please report this to the developers"


if __name__ == "__main__":
    sys.exit(main())
