"""The service-design method in the window: pain points, overlays, emotions and key
moments, opportunities and their priority, comments. Each part adds its actions to the
Method menu (and its docks and View entries) through its ``install(window)``."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMenu

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def method_menu(window: MainWindow) -> QMenu:
    """The window's Method menu (after Blueprint, before Help), made on first use."""
    menu_bar = window.menuBar()
    menu = menu_bar.findChild(QMenu, "methodMenu")
    if menu is None:
        help_menu = menu_bar.findChild(QMenu, "helpMenu")
        menu = QMenu("&Method", menu_bar)
        menu.setObjectName("methodMenu")
        menu_bar.insertMenu(help_menu.menuAction(), menu)
    return menu


def overlays_menu(window: MainWindow) -> QMenu:
    """View → Overlays: the switches of what the canvas draws over the map, made on first
    use (the overlays and the emotion curve both add to it)."""
    view = window.menuBar().findChild(QMenu, "viewMenu")
    menu = view.findChild(QMenu, "overlaysMenu")
    if menu is None:
        menu = QMenu("&Overlays", view)
        menu.setObjectName("overlaysMenu")
        view.addSeparator()
        view.addMenu(menu)
    return menu


def install_method(window: MainWindow) -> None:
    from app.ui.method import comments, moments, opportunities, overlays, pain_points

    method_menu(window)
    for part in (pain_points, moments, overlays, opportunities, comments):
        part.install(window)
    arrange_docks(window)


def arrange_docks(window: MainWindow) -> None:
    """The lists share the bottom as tabs (Table, Pain Points, Opportunities) with the
    prioritisation matrix beside them, so that the ranked list and its matrix show
    together and opening them all still fits a laptop's screen. Each can be dragged
    elsewhere as usual."""
    area = Qt.DockWidgetArea.BottomDockWidgetArea
    lists = [
        dock
        for name in ("opportunitiesDock", "painPointsDock", "tableDock")
        if (dock := window.findChild(QDockWidget, name)) is not None
    ]
    matrix = window.findChild(QDockWidget, "priorityMatrixDock")
    for dock in [*lists, matrix]:
        if dock is not None:
            window.addDockWidget(area, dock)
    if lists and matrix is not None:
        # Split before tabbing: beside a tabbed dock, Qt would make the matrix a tab too.
        window.splitDockWidget(lists[0], matrix, Qt.Orientation.Horizontal)
    for first, second in itertools.pairwise(lists):
        window.tabifyDockWidget(first, second)
