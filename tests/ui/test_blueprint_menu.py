"""The Blueprint menu, dropping a project file on the window, and the shortcuts list."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample


def names(window) -> list[str]:
    return [bp.name for bp in window.project_file.project.blueprints]


def test_blueprint_menu_duplicates_renames_and_deletes(make_window, monkeypatch) -> None:
    window = make_window(ProjectFile.build(SAMPLE_NAME, lambda s: build_sample(s)))
    window.blueprint_list.select(window.project_file.project.blueprints[0].id)
    before = names(window)
    window.blueprint_actions.duplicate_to_be.trigger()
    assert len(names(window)) == len(before) + 1
    assert window.project_file.project.blueprints[1].kind.value == "to-be"
    monkeypatch.setattr(window.blueprint_menu, "ask", lambda *_: "Renamed map")
    window.blueprint_actions.rename.trigger()
    assert "Renamed map" in names(window)
    window.blueprint_actions.add_lane.trigger()
    window.blueprint_actions.delete.trigger()
    assert "Renamed map" not in names(window)
    while window.edit_actions.undo.isEnabled():
        window.edit_actions.undo.trigger()
    assert names(window) == before


def test_new_blueprint_starts_with_a_lane_and_is_shown(make_window, monkeypatch) -> None:
    window = make_window(ProjectFile.new("Clinic"))
    monkeypatch.setattr(window.blueprint_menu, "ask", lambda *_: "Carer journey")
    window.blueprint_actions.new.trigger()
    assert names(window)[-1] == "Carer journey"
    new = window.project_file.project.blueprints[-1]
    assert [lane.kind.value for lane in new.lanes] == ["customer actions"]
    assert window.workspace.current.blueprint_id == new.id


def test_dropping_a_project_file_opens_it(make_window, saved_file) -> None:
    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(saved_file))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(event)
    assert event.isAccepted()
    window.dropEvent(event)
    assert window.project_file is not None and window.project_file.path == saved_file


def test_the_shortcuts_dialog_lists_the_actions(make_window, qtbot) -> None:
    from app.ui.dialogs.shortcuts import ShortcutsDialog

    window = make_window()
    dialog = ShortcutsDialog(window, window.actions())
    qtbot.addWidget(dialog)
    table = dialog.findChild(type(dialog.children()[0]).__mro__[0], "shortcutsTable")
    keys = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert keys["Undo"] and keys["Save"] and keys["Fit to Window"] == "Ctrl+0"
