"""The window's actions and menus. Every action has an objectName (tests find it by name)
and the platform's standard shortcut, with the usual key where a platform has none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export: QAction
    print: QAction
    close: QAction
    quit: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [
            self.new,
            self.open,
            self.save,
            self.save_as,
            self.export,
            self.print,
            self.close,
            self.quit,
            self.about,
        ]


def build_actions(parent: QWidget) -> Actions:
    def action(name: str, text: str, standard: Key | None, fallback: str = "") -> QAction:
        made = QAction(text, parent)
        made.setObjectName(name)
        keys = QKeySequence.keyBindings(standard) if standard is not None else []
        if not keys and fallback:
            keys = [QKeySequence(fallback)]
        made.setShortcuts(keys)
        parent.addAction(made)
        return made

    actions = Actions(
        new=action("newAction", "&New…", Key.New, "Ctrl+N"),
        open=action("openAction", "&Open…", Key.Open, "Ctrl+O"),
        save=action("saveAction", "&Save", Key.Save, "Ctrl+S"),
        save_as=action("saveAsAction", "Save &As…", Key.SaveAs, "Ctrl+Shift+S"),
        export=action("exportAction", "&Export…", None, "Ctrl+E"),
        print=action("printAction", "&Print…", Key.Print, "Ctrl+P"),
        close=action("closeAction", "&Close", Key.Close, "Ctrl+W"),
        quit=action("quitAction", "&Quit", Key.Quit, "Ctrl+Q"),
        about=action("aboutAction", "&About Stagecraft", None),
    )
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    return actions


class RecentFilesMenu(QMenu):
    """File → Open Recent, filled from the settings each time it opens."""

    open_requested = Signal(Path)
    clear_requested = Signal()

    def __init__(self, recent: Callable[[], list[Path]], parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("openRecentMenu")
        self.menuAction().setObjectName("openRecentAction")
        self._recent = recent
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        paths = self._recent()
        for number, path in enumerate(paths, start=1):
            entry = self.addAction(f"&{number % 10}  {path.name}")
            entry.setObjectName(f"openRecent{number}")
            entry.setToolTip(str(path))
            entry.setStatusTip(str(path))
            entry.triggered.connect(lambda _checked=False, p=path: self.open_requested.emit(p))
        if paths:
            self.addSeparator()
        clear = self.addAction("Clear Menu")
        clear.setObjectName("clearRecentAction")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.clear_requested.emit)
        self.menuAction().setEnabled(bool(paths))


def build_menus(menu_bar: QMenuBar, actions: Actions, recent: RecentFilesMenu) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.setObjectName("fileMenu")
    file_menu.addAction(actions.new)
    file_menu.addAction(actions.open)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addAction(actions.save)
    file_menu.addAction(actions.save_as)
    file_menu.addSeparator()
    file_menu.addAction(actions.export)
    file_menu.addAction(actions.print)
    file_menu.addSeparator()
    file_menu.addAction(actions.close)
    file_menu.addAction(actions.quit)

    help_menu = menu_bar.addMenu("&Help")
    help_menu.setObjectName("helpMenu")
    help_menu.addAction(actions.about)
