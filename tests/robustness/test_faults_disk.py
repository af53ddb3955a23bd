"""A full disk during a save or an edit: a clear message, the working copy kept, nothing
lost, no half-written file, and the user's file byte for byte as it was.

Two kinds of full disk: ``OSError(ENOSPC)`` injected at each step of a save (the copy's
write and fsync, the note of what is being written, the rename), and a real small
filesystem (a tmpfs mounted with ``size=``, root only) holding either the user's folder or
Stagecraft's data folder with the working copies.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from robust_files import add, listing, sha256, texts

from app.editing.commands.cards import AddCardCommand
from app.model import atomic, working_copy
from app.model import ops_grid as ops
from app.model.errors import SaveError, WorkingCopyError
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile
from app.ui.dialogs.error import ErrorDialog
from tests.ui.conftest import answers, make_window, settings, windows

__all__ = ["answers", "make_window", "settings", "windows"]

CHUNK = 64 * 1024


def working_intact(project_file: ProjectFile) -> bool:
    connection = sqlite3.connect(project_file.working.database)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def save_project(folder: Path, cards: int = 1) -> Path:
    project_file = ProjectFile.new("Clinic", template="minimal")
    for index in range(cards):
        add(project_file, f"Card {index} " + "interview notes " * 20)
    target = folder / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``folder`` until fewer than ``leave`` bytes are free."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave:
            try:
                os.write(fd, b"\0" * CHUNK)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                break
        if leave == 0:
            for size in (4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
    finally:
        os.close(fd)
    return filler


# -- injected ------------------------------------------------------------------------------


def _fail_once(real, when=lambda *args: True):
    calls = {"failed": False}

    def failing(*args, **kwargs):
        if not calls["failed"] and when(*args):
            calls["failed"] = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    return failing


def _is_temp(path) -> bool:
    return str(path).endswith(atomic.SUFFIX)


INJECTION_POINTS = {
    # the first write of the copy beside the file
    "write": lambda patch: patch.setattr(atomic.os, "write", _fail_once(os.write)),
    # flushing the copy to disk
    "fsync": lambda patch: patch.setattr(atomic.os, "fsync", _fail_once(os.fsync)),
    # the note in the working copy's record of what is about to replace the file
    "note": lambda patch: patch.setattr(
        working_copy.os, "replace", _fail_once(os.replace, lambda source, _target: True)
    ),
    # the rename over the user's file
    "rename": lambda patch: patch.setattr(
        atomic.os, "replace", _fail_once(os.replace, lambda source, _target: _is_temp(source))
    ),
}


@pytest.mark.parametrize("point", sorted(INJECTION_POINTS))
def test_disk_full_at_each_step_of_a_save(tmp_path, monkeypatch, point) -> None:
    target = save_project(tmp_path)
    before = sha256(target)
    project_file = ProjectFile.open(target)
    add(project_file, "Precious work")
    with monkeypatch.context() as patch:
        INJECTION_POINTS[point](patch)
        with pytest.raises(SaveError) as raised:
            project_file.save()
    message = str(raised.value)
    assert message.startswith("could not save clinic.blueprint: ")
    assert "disk is full" in message and "your work is kept" in message
    assert "free some space or save elsewhere" in message
    # No half-written file, the original untouched, the work kept and unsaved.
    assert sha256(target) == before
    assert listing(tmp_path) == [lock_path(target).name, target.name]
    assert project_file.modified and "Precious work" in texts(project_file)
    assert working_intact(project_file)
    # Once there is room, the same save goes through.
    project_file.save()
    project_file.close()
    reopened = ProjectFile.open(target)
    assert "Precious work" in texts(reopened)
    reopened.close()


# -- a real small disk -----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (needs root; skipped otherwise)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the injected ENOSPC tests cover this")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_real_full_disk_under_the_users_folder(small_disk) -> None:
    target = save_project(small_disk, cards=20)
    before = sha256(target)
    project_file = ProjectFile.open(target)
    add(project_file, "Precious work")
    filler = fill(small_disk, leave=target.stat().st_size // 2)
    with pytest.raises(SaveError, match="the disk is full; free some space or save elsewhere"):
        project_file.save()
    assert sha256(target) == before
    assert listing(small_disk) == sorted([lock_path(target).name, target.name, filler.name])
    assert project_file.modified and "Precious work" in texts(project_file)
    assert working_intact(project_file)
    filler.unlink()
    project_file.save()
    project_file.close()
    reopened = ProjectFile.open(target, read_only=True)
    assert "Precious work" in texts(reopened)
    reopened.close()


def test_a_real_full_disk_under_the_working_copies(small_disk, tmp_path, monkeypatch) -> None:
    target = save_project(tmp_path, cards=3)
    before = sha256(target)
    monkeypatch.setenv("STAGECRAFT_DATA_DIR", str(small_disk))
    project_file = ProjectFile.open(target)
    add(project_file, "Kept before the disk filled")
    filler = fill(small_disk)
    blueprint = project_file.project.blueprints[0]
    refused = None
    for index in range(200):  # SQLite may fit a few rows in pages it already has
        ops.add_card(blueprint.lanes[0], blueprint.steps[0], f"Too much {index} " + "x" * 4000)
        try:
            project_file.commit()
        except WorkingCopyError as error:
            refused = str(error)
            break
    assert refused is not None, "the full disk never refused a change"
    assert refused.startswith("could not keep this change: the disk holding Stagecraft's")
    assert f"({small_disk / 'working'}) is full; free some space there" in refused
    assert "the change was undone and the work before it is kept" in refused
    # The session goes on, with the work done before the refused change.
    assert "Kept before the disk filled" in texts(project_file)
    assert f"Too much {index} " + "x" * 4000 not in texts(project_file)
    with pytest.raises(SaveError, match="the disk holding Stagecraft's working copies"):
        project_file.save()
    assert sha256(target) == before
    assert listing(tmp_path) == sorted([lock_path(target).name, target.name, small_disk.name])
    filler.unlink()
    add(project_file, "After freeing space")
    project_file.save()
    project_file.close()
    reopened = ProjectFile.open(target, read_only=True)
    assert {"Kept before the disk filled", "After freeing space"} <= texts(reopened)
    assert f"Too much {index} " + "x" * 4000 not in texts(reopened)
    reopened.close()


def test_the_window_says_the_working_copies_disk_is_full_and_keeps_the_work(
    small_disk, tmp_path, monkeypatch, make_window, answers
) -> None:
    target = save_project(tmp_path)
    monkeypatch.setenv("STAGECRAFT_DATA_DIR", str(small_disk))
    window = make_window(ProjectFile.open(target))
    blueprint = window.project_file.project.blueprints[0]
    lane_id, step_id = blueprint.lanes[0].id, blueprint.steps[0].id
    assert window._push(AddCardCommand(lane_id, step_id, "Kept before the disk filled"))
    filler = fill(small_disk)
    answers.click(ErrorDialog, "okButton")
    for index in range(200):  # SQLite may fit a few rows in pages it already has
        if not window._push(AddCardCommand(lane_id, step_id, f"Big {index} " + "x" * 4000)):
            break
    (dialog,) = answers.seen
    assert dialog.text().startswith(
        "Could not keep this change: the disk holding Stagecraft's working copies ("
    )
    assert "is full; free some space there, then save" in dialog.text()
    stack = window.workspace.document.undo_stack
    assert stack.count() == index + 1  # the refused change is not on the undo stack
    assert "Kept before the disk filled" in texts(window.project_file)
    assert f"Big {index} " + "x" * 4000 not in texts(window.project_file)
    filler.unlink()
    assert window.files.save()
    assert not window.isWindowModified()
    window.files.release()
    reopened = ProjectFile.open(target, read_only=True)
    assert "Kept before the disk filled" in texts(reopened)
    reopened.close()


def test_a_full_disk_refusing_the_unsaved_mark_refuses_the_change(tmp_path, monkeypatch) -> None:
    target = save_project(tmp_path)
    project_file = ProjectFile.open(target)
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "Not kept")
    with monkeypatch.context() as patch:
        patch.setattr(working_copy.os, "replace", _fail_once(os.replace))
        with pytest.raises(WorkingCopyError, match=r"working copies .* is full"):
            project_file.commit()
    # Neither the change nor a mark of unsaved work: the working copy is as it was.
    assert not project_file.modified and texts(project_file) == {
        "Card 0 " + "interview notes " * 20
    }
    connection = sqlite3.connect(project_file.working.database)
    assert connection.execute("SELECT COUNT(*) FROM card").fetchone() == (1,)
    connection.close()
    add(project_file, "Kept")
    assert project_file.modified
    project_file.close()
