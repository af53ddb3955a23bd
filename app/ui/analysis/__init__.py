"""The analysis side of the window: the systems catalogue, the findings, the service
ecosystem map and the as-is to to-be comparison. Each part adds its actions to the
Analyse menu (and its docks and View entries) through its ``install(window)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def analysis_menu(window: MainWindow) -> QMenu:
    """The window's Analyse menu (after Method, before Help), made on first use."""
    menu_bar = window.menuBar()
    menu = menu_bar.findChild(QMenu, "analysisMenu")
    if menu is None:
        help_menu = menu_bar.findChild(QMenu, "helpMenu")
        menu = QMenu("&Analyse", menu_bar)
        menu.setObjectName("analysisMenu")
        menu_bar.insertMenu(help_menu.menuAction(), menu)
    return menu


def install_analysis(window: MainWindow) -> None:
    from app.ui.analysis import catalogue, compare, ecosystem, findings

    analysis_menu(window)
    for part in (catalogue, findings, ecosystem, compare):
        part.install(window)
