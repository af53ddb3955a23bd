"""(being built)"""

from __future__ import annotations

from typing import Any


def install(window: Any) -> None:
    """Add this part's actions and docks to the main window."""
