"""``stagecraft import SRC --into FILE [--format csv|json|drawio] [--force]``: bring a
spreadsheet, a JSON export or a draw.io diagram into a project, headless."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.usage import UsageError

IMPORT_HELP = "bring a CSV, JSON or draw.io file into a project"
FORMATS = ("csv", "json", "drawio")


def add_parser(commands: Any) -> None:
    command = commands.add_parser("import", help=IMPORT_HELP, description=IMPORT_HELP)
    command.add_argument("source", metavar="SRC", help="the file to bring in")
    command.add_argument("--into", required=True, metavar="FILE", help="the project file")
    command.add_argument("--format", choices=FORMATS, help="default: from SRC's extension")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")


def cmd_import(args: argparse.Namespace) -> int:
    raise UsageError("importing is not built yet")
