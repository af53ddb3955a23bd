"""``stagecraft analyse`` and ``stagecraft diff``: the findings of a project and the
comparison of an as-is blueprint with its to-be, printed for a person or as JSON, headless
and read-only (the project file is never locked or changed)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.cli.usage import PROG, UsageError

ANALYSE_HELP = "list the findings of a project in plain sentences"
DIFF_HELP = "compare an as-is blueprint with its to-be"

ANALYSE_DESCRIPTION = """\
Analyse FILE and print its findings in plain sentences: data held in more than one
system, the systems and contact points a service user meets, hand-offs between roles,
frontstage actions with nothing behind them, what each key moment depends on and its
single points of failure, rework loops, the longest chain of waiting, evidence gaps and
where pain points concentrate. Every blueprint, unless --blueprint names one.

Examples:
  stagecraft analyse plan.blueprint
  stagecraft analyse plan.blueprint --blueprint "Health check (as-is)" --json"""

DIFF_DESCRIPTION = """\
Compare two blueprints of FILE, normally an as-is and the to-be made from it with
"Duplicate as to-be" (which keeps each card's lineage): cards added, removed, changed and
moved; pain points resolved and remaining; systems retired and added; hand-offs and
contact points before and after. --out also writes the comparison as a PDF report.

Examples:
  stagecraft diff plan.blueprint --from "Health check (as-is)" --to "Health check (to-be)"
  stagecraft diff plan.blueprint --from as-is --to to-be --out changes.pdf"""


def add_parsers(commands: Any) -> None:
    analyse = commands.add_parser(
        "analyse",
        help=ANALYSE_HELP,
        description=ANALYSE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyse.add_argument("file", metavar="FILE", help="the project file to analyse")
    analyse.add_argument("--blueprint", metavar="NAME", help="only this blueprint")
    analyse.add_argument("--json", action="store_true", help="print the findings as JSON")

    diff = commands.add_parser(
        "diff",
        help=DIFF_HELP,
        description=DIFF_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("file", metavar="FILE", help="the project file holding both blueprints")
    diff.add_argument("--from", dest="source", required=True, metavar="NAME", help="as-is")
    diff.add_argument("--to", dest="target", required=True, metavar="NAME", help="to-be")
    diff.add_argument("--json", action="store_true", help="print the comparison as JSON")
    diff.add_argument("--out", metavar="REPORT", help="also write the comparison as a PDF")
    diff.add_argument("--force", action="store_true", help="replace REPORT if it exists")


def cmd_analyse(args: argparse.Namespace) -> int:
    from app.analysis.findings import analyse
    from app.analysis.findings_text import findings_json, findings_text

    with _reading(args.file) as session:
        analysis = analyse(session, args.blueprint)
        _print(analysis, args.json, findings_json, findings_text)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from app.analysis.compare import compare
    from app.analysis.compare_text import comparison_json, comparison_text

    out = _report_target(args.out, args.file, args.force) if args.out else None
    with _reading(args.file) as session:
        comparison = compare(session, args.source, args.target)
        if out is not None:
            from app.export.report_compare import write_comparison_report

            write_comparison_report(comparison, out)
        _print(comparison, args.json, comparison_json, comparison_text)
    if out is not None and not args.json:
        print(f"{PROG}: wrote the comparison report to {out}")
    return 0


def _print(
    result: Any, as_json: bool, to_json: Callable[[Any], dict], to_text: Callable[[Any], str]
) -> None:
    if as_json:
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(to_text(result).rstrip("\n"))


def _report_target(name: str, source: str, force: bool) -> Path:
    out = Path(name)
    if out.suffix.lower() != ".pdf":
        raise UsageError(f"{out} is not a .pdf file; the comparison report is a PDF")
    if out.exists() and not force:
        raise UsageError(f"{out} already exists; use --force to replace it")
    if out.absolute() == Path(source).absolute():
        raise UsageError("--out must not be the project file itself")
    if not out.absolute().parent.is_dir():
        raise UsageError(f"the folder {out.absolute().parent} does not exist")
    return out


@contextmanager
def _reading(name: str) -> Iterator[Any]:
    """The project ``name`` opened read-only: analysis never locks or changes the file."""
    from app.model.project_file import ProjectFile

    source = Path(name)
    if not source.is_file():
        raise UsageError(f"{source} does not exist or is not a file")
    project = ProjectFile.open(source, read_only=True)
    try:
        yield project.session
    finally:
        project.close()
