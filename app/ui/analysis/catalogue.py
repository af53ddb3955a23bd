"""The catalogue part of the Analyse menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Add this part's actions and docks to the window."""
