"""Help → Keyboard Shortcuts lists every key of the window, the method's included, with
its menu; and no two actions of the window share a key."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableWidget

from app.model.project_file import ProjectFile
from app.ui.dialogs.shortcuts import ShortcutsDialog
from app.ui.main_window import MainWindow

METHOD_KEYS = {
    "P": "Add Pain Point",
    "K": "Mark Key Moment",
    "Ctrl+Shift+P": "Pain Points",
    "Ctrl+Shift+O": "Opportunities",
    "Ctrl+Alt+O": "New Opportunity",
    "Ctrl+Alt+M": "Add Comment",
    "Ctrl+Shift+M": "Comments",
}


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    return make_window(sample_file)


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_f1_lists_the_method_s_keys_with_their_menu(qtbot, window: MainWindow, press, answers):
    rows: list[tuple[str, str, str]] = []

    def read(dialog: ShortcutsDialog) -> None:
        table = dialog.findChild(QTableWidget, "shortcutsTable")
        rows.extend(
            tuple(table.item(row, column).text() for column in range(3))
            for row in range(table.rowCount())
        )
        dialog.reject()

    answers.expect(ShortcutsDialog, read)
    press(window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: bool(rows))
    by_keys = {keys: (what, menu) for what, keys, menu in rows}
    for keys, what in METHOD_KEYS.items():
        assert by_keys.get(native(keys), ("", ""))[0] == what, keys
    assert by_keys[native("K")][1] == "Method"
    assert by_keys[native("Ctrl+Alt+M")][1] == "Method"
    assert by_keys[native("Ctrl+Z")] == ("Undo", "Edit")
    assert by_keys[native("F1")] == ("Keyboard Shortcuts", "Help")
    assert ("Connect two selected cards", "C", "Canvas") in rows
    # Each action once, though some are in two menus (Method and View).
    assert len(rows) == len(set(rows))


def every_action(window: MainWindow) -> list[QAction]:
    """Every QAction of the window: its children, those added to it, and its menus'."""
    found: list[QAction] = []
    menus = [window.menuBar(), *window.findChildren(QMenu)]
    for action in [*window.findChildren(QAction), *window.actions()] + [
        item for menu in menus for item in menu.actions()
    ]:
        if action not in found:
            found.append(action)
    return found


def test_no_two_actions_of_the_window_share_a_key(qtbot, window: MainWindow) -> None:
    # Every part of the window made: both blueprints drawn, the method's docks shown.
    for blueprint in window.project_file.project.blueprints:
        window.blueprint_list.select(blueprint.id)
        qtbot.waitUntil(lambda b=blueprint: window.workspace.current.blueprint_id == b.id)
    for name in ("showPainPointsAction", "showOpportunitiesAction", "showCommentsAction"):
        window.findChild(QAction, name).trigger()
    owners: dict[str, list[str]] = defaultdict(list)
    for action in every_action(window):
        for keys in action.shortcuts():
            if not keys.isEmpty():
                owners[keys.toString()].append(action.objectName() or action.text())
    assert len(owners) > 40
    shared = {keys: names for keys, names in owners.items() if len(names) > 1}
    assert shared == {}
