"""What every command shares: the program's name, one-line usage errors and failures."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

PROG = "stagecraft"


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not a usage block and a message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def fail(message: str, status: int = 2) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return status
