"""Save and Save As from the keyboard, and what happens when the file changed on disk."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.model import ops_grid as ops
from app.model.project_file import ProjectFile
from app.ui.dialogs.changed_on_disk import ChangedOnDiskDialog
from app.ui.dialogs.error import ErrorDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outline(project_file: ProjectFile) -> list[tuple]:
    return [
        (b.name, b.kind.value, len(b.stages), len(b.steps), [len(lane.cards) for lane in b.lanes])
        for b in project_file.project.blueprints
    ]


def someone_else_saves(path: Path, text: str) -> None:
    """Another person's Stagecraft replaces the file while it is open here."""
    theirs = ProjectFile.open(path, as_copy=True)
    blueprint = theirs.project.blueprints[0]
    ops.add_card(blueprint.lanes[2], blueprint.steps[1], text)
    theirs.commit()
    other = path.with_name("theirs.tmp.blueprint")
    theirs.save_as(other)
    theirs.close()
    os.replace(other, path)


def test_save_as_writes_a_file_that_opens_with_the_same_blueprints(
    qtbot, press, make_window, answers, add_card, settings, tmp_path
) -> None:
    project_file = ProjectFile.new("Clinic")
    add_card(project_file, "Phones surgery")
    window = make_window(project_file)
    target = tmp_path / "clinic.blueprint"

    answers.choose_file(target)
    press(window, Qt.Key.Key_S, CTRL_SHIFT)

    assert target.exists()
    assert window.windowTitle() == "clinic.blueprint[*] — Stagecraft"
    assert not window.isWindowModified()
    assert window.path_label.text() == str(target)
    assert settings.recent_files() == [target]
    expected = outline(project_file)
    window.files.close_project()
    reopened = ProjectFile.open(target)
    assert outline(reopened) == expected
    reopened.close()


def test_save_of_an_untitled_project_asks_for_a_name(qtbot, press, make_window, answers, tmp_path):
    window = make_window(ProjectFile.new("Clinic"))
    answers.cancel_file()
    press(window, Qt.Key.Key_S, CTRL)
    assert window.project_file.path is None
    assert list(tmp_path.iterdir()) == []

    answers.choose_file(tmp_path / "named")
    press(window, Qt.Key.Key_S, CTRL)
    assert window.project_file.path == tmp_path / "named.blueprint"
    assert (tmp_path / "named.blueprint").exists()


def test_save_writes_the_open_file(qtbot, press, make_window, add_card, saved_file) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Waits on hold")
    window.project_edited()
    assert window.isWindowModified()

    press(window, Qt.Key.Key_S, CTRL)

    assert not window.isWindowModified()
    window.files.close_project()
    reopened = ProjectFile.open(saved_file)
    texts = [card.text for card in reopened.project.blueprints[0].lanes[1].cards]
    assert sorted(texts) == ["Phones surgery", "Waits on hold"]
    reopened.close()


def test_a_file_changed_on_disk_is_saved_as_a_copy_leaving_theirs_alone(
    qtbot, press, make_window, answers, add_card, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    window.project_edited()
    someone_else_saves(saved_file, "Theirs")
    their_bytes = sha256(saved_file)
    mine = saved_file.with_name("clinic (mine).blueprint")

    answers.click(ChangedOnDiskDialog, "saveCopyButton")
    answers.choose_file(mine)
    press(window, Qt.Key.Key_S, CTRL)

    assert answers.kinds()[0] is ChangedOnDiskDialog
    assert sha256(saved_file) == their_bytes
    assert window.project_file.path == mine
    assert not window.isWindowModified()
    window.files.close_project()
    copy = ProjectFile.open(mine)
    texts = {card.text for lane in copy.project.blueprints[0].lanes for card in lane.cards}
    assert "Mine" in texts and "Theirs" not in texts
    copy.close()


def test_a_copy_may_not_be_saved_over_their_file(
    qtbot, press, make_window, answers, add_card, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    window.project_edited()
    someone_else_saves(saved_file, "Theirs")
    their_bytes = sha256(saved_file)

    answers.click(ChangedOnDiskDialog, "saveCopyButton")
    answers.choose_file(saved_file)
    # The file dialog itself asks before naming an existing file.
    answers.expect(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    answers.click(ErrorDialog, "okButton")
    press(window, Qt.Key.Key_S, CTRL)

    assert sha256(saved_file) == their_bytes
    assert window.isWindowModified()


def test_overwrite_replaces_their_change_when_the_user_chooses(
    qtbot, press, make_window, answers, add_card, saved_file
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    someone_else_saves(saved_file, "Theirs")

    answers.click(ChangedOnDiskDialog, "overwriteButton")
    press(window, Qt.Key.Key_S, CTRL)

    assert not window.project_file.changed_on_disk()
    window.files.close_project()
    reopened = ProjectFile.open(saved_file)
    texts = {card.text for lane in reopened.project.blueprints[0].lanes for card in lane.cards}
    assert "Mine" in texts and "Theirs" not in texts
    reopened.close()


def test_a_failed_save_shows_one_sentence_and_keeps_file_and_work(
    qtbot, press, make_window, answers, add_card, saved_file, monkeypatch
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    window.project_edited()
    before = sha256(saved_file)

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("app.model.project_file.replace_atomically", disk_full)
    answers.click(ErrorDialog, "okButton")
    press(window, Qt.Key.Key_S, CTRL)

    (dialog,) = answers.seen
    assert dialog.text() == "Could not save clinic.blueprint: No space left on device."
    assert sha256(saved_file) == before
    assert window.isWindowModified() and window.project_file.modified
    assert sorted(p.name for p in saved_file.parent.iterdir()) == [
        f".~lock.{saved_file.name}#",
        saved_file.name,
    ]


@pytest.mark.parametrize("error", [RuntimeError("boom"), ValueError("bad value")])
def test_an_unexpected_error_is_a_message_not_a_traceback(
    qtbot, press, make_window, answers, add_card, saved_file, monkeypatch, error
) -> None:
    window = make_window(ProjectFile.open(saved_file))
    add_card(window.project_file, "Mine")
    before = sha256(saved_file)

    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr("app.model.project_file.replace_atomically", fail)
    answers.click(ErrorDialog, "okButton")
    press(window, Qt.Key.Key_S, CTRL)

    (dialog,) = answers.seen
    assert dialog.text() == f"Could not save: {error}."
    assert sha256(saved_file) == before
    assert window.project_file.modified


def test_save_as_of_a_read_only_file_gives_an_editable_copy(
    press, make_window, answers, saved_file
) -> None:
    before = sha256(saved_file)
    window = make_window(ProjectFile.open(saved_file, read_only=True))
    assert window.message_bar.notices()
    copy = saved_file.with_name("clinic (my copy).blueprint")

    answers.choose_file(copy)
    press(window, Qt.Key.Key_S, CTRL)

    assert window.project_file.path == copy and not window.project_file.read_only
    assert window.windowTitle() == "clinic (my copy).blueprint[*] — Stagecraft"
    assert window.message_bar.notices() == []
    assert sha256(saved_file) == before
