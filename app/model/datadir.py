"""Where Stagecraft keeps working copies: the user's data folder, never beside their files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "STAGECRAFT_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder; ``STAGECRAFT_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Stagecraft"


def working_root() -> Path:
    return data_dir() / "working"
