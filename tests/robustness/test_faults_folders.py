"""The folder or the file under an open project changes: it turns read-only, the file is
deleted or renamed, the folder is gone. A clear message, the work kept, nothing written
half, the user's file as it was.

A read-only folder is a real one (a bind mount remounted read-only; root only): root
ignores permission bits, so ``chmod`` would prove nothing here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from robust_files import add, listing, sha256, texts

from app.model.datadir import working_root
from app.model.errors import ReadOnlyError, SaveError
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile
from app.ui.dialogs.error import ErrorDialog
from tests.ui.conftest import add_card, answers, make_window, press, settings, windows

__all__ = ["add_card", "answers", "make_window", "press", "settings", "windows"]

CTRL = Qt.KeyboardModifier.ControlModifier


def save_project(folder: Path) -> Path:
    project_file = ProjectFile.new("Clinic", template="minimal")
    add(project_file, "Phones surgery")
    target = folder / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def read_only(folder) -> Iterator[callable]:
    """``read_only()`` turns ``folder`` read-only for real (root only; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root; test_project_file injects EROFS")
    mounted = []

    def turn() -> None:
        for command in (
            ["mount", "--bind", str(folder), str(folder)],
            ["mount", "-o", "remount,ro,bind", str(folder)],
        ):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                pytest.skip(f"cannot make a read-only mount here ({done.stderr.strip()})")
            mounted.append(True)

    yield turn
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_folder_turning_read_only_while_open(folder, tmp_path, read_only) -> None:
    target = save_project(folder)
    project_file = ProjectFile.open(target)
    add(project_file, "Precious work")
    before = sha256(target)
    read_only()
    with pytest.raises(SaveError) as raised:
        project_file.save()
    assert str(raised.value) == (
        f"could not save clinic.blueprint: {folder} is read-only; use Save As to choose "
        "another folder (your work is kept)"
    )
    assert sha256(target) == before
    assert listing(folder) == [lock_path(target).name, target.name]
    assert project_file.modified and "Precious work" in texts(project_file)
    # Save As elsewhere carries on; the lock it cannot remove is left to go stale.
    rescued = tmp_path / "rescued.blueprint"
    project_file.save_as(rescued)
    project_file.close()
    assert list(working_root().iterdir()) == []
    reopened = ProjectFile.open(rescued)
    assert "Precious work" in texts(reopened)
    reopened.close()


def test_closing_when_the_folder_went_read_only_leaves_no_working_copy(folder, read_only):
    target = save_project(folder)
    project_file = ProjectFile.open(target)
    read_only()
    project_file.close()  # the lock cannot be removed: no error, the working copy goes
    assert list(working_root().iterdir()) == []


def test_a_file_in_a_read_only_folder_opens_read_only(folder, read_only) -> None:
    target = save_project(folder)
    before = sha256(target)
    read_only()
    project_file = ProjectFile.open(target)
    assert project_file.read_only and project_file.lock is None
    assert project_file.notices[0] == (
        "clinic.blueprint is open read-only: its folder does not let you write there; "
        "use Save As to keep a copy you can edit"
    )
    with pytest.raises(ReadOnlyError, match="use Save As"):
        project_file.save()
    project_file.close()
    assert listing(folder) == [target.name]
    assert sha256(target) == before


def test_a_file_renamed_while_open_is_saved_under_its_name_leaving_the_renamed_one(folder):
    target = save_project(folder)
    project_file = ProjectFile.open(target)
    add(project_file, "Mine")
    renamed = folder / "clinic (old).blueprint"
    target.rename(renamed)
    theirs = sha256(renamed)
    project_file.save()
    assert sha256(renamed) == theirs
    project_file.close()
    assert listing(folder) == [renamed.name, target.name]
    reopened = ProjectFile.open(target)
    assert texts(reopened) == {"Phones surgery", "Mine"}
    reopened.close()


def test_the_window_saves_a_file_deleted_while_open(qtbot, press, make_window, add_card, folder):
    target = save_project(folder)
    window = make_window(ProjectFile.open(target))
    add_card(window.project_file, "Mine")
    window.project_edited()
    target.unlink()
    press(window, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified() and not window.project_file.modified
    reopened = ProjectFile.open(target, read_only=True)
    assert texts(reopened) == {"Phones surgery", "Mine"}
    reopened.close()


def test_the_window_says_the_folder_is_gone_and_save_as_rescues_the_work(
    qtbot, press, make_window, answers, add_card, folder, tmp_path
) -> None:
    target = save_project(folder)
    window = make_window(ProjectFile.open(target))
    add_card(window.project_file, "Mine")
    window.project_edited()
    shutil.rmtree(folder)
    answers.click(ErrorDialog, "okButton")
    press(window, Qt.Key.Key_S, CTRL)
    (dialog,) = answers.seen
    assert dialog.text() == (
        f"Could not save clinic.blueprint: the folder {folder} no longer exists; use Save As "
        "to choose another folder (your work is kept)."
    )
    assert window.isWindowModified() and window.project_file.modified
    assert "Mine" in texts(window.project_file)

    rescued = tmp_path / "rescued.blueprint"
    answers.choose_file(rescued)
    press(window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.isWindowModified())
    assert window.project_file.path == rescued
    window.files.release()
    reopened = ProjectFile.open(rescued)
    assert texts(reopened) == {"Phones surgery", "Mine"}
    reopened.close()
