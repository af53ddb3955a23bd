"""What the File menu does to the window's one project: new, open, save, save as, close and
recover, with the questions each may need to ask. The window shows; this decides.

Every failure is shown as one sentence and leaves the user's file and the open work as
they were; nothing here lets an exception reach Qt.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.model.errors import (
    ChangedOnDiskError,
    FileLockedError,
    NotAProjectError,
    StagecraftError,
)
from app.model.lockfile import LockHolder
from app.model.project_file import EXTENSION, ProjectFile
from app.model.working_copy import WorkingCopy
from app.ui.dialogs.changed_on_disk import ChangedChoice, ChangedOnDiskDialog
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.locked_file import LockedChoice, LockedFileDialog
from app.ui.dialogs.new_project import NewProjectDialog
from app.ui.dialogs.recovery import RecoveryChoice, RecoveryDialog
from app.ui.dialogs.unsaved_changes import UnsavedChangesDialog, UnsavedChoice
from app.ui.file_chooser import FileChooser
from app.ui.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

NOTHING_CHANGED = "Nothing was changed."
WORK_KEPT = "Your work is kept in this window; the file on disk is as it was."
RECOVERY_KEPT = "The unsaved work is kept and offered again at the next start."
SAVED_MESSAGE_MS = 4000


class _Failed:
    """What ``_attempt`` returns when the action failed and the user has been told."""


FAILED = _Failed()


def build_sample_project() -> ProjectFile:
    from app.model.sample import SAMPLE_NAME, build_sample

    return ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))


class FileCommands(QObject):
    project_replaced = Signal()  # another project, or none, is now open
    saved = Signal()  # written to its file: maybe renamed, or no longer read-only
    notice = Signal(str)  # something for the message bar
    recent_changed = Signal()

    def __init__(self, window: QWidget, settings: Settings, chooser: FileChooser) -> None:
        super().__init__(window)
        self.setObjectName("fileCommands")
        self.window = window
        self.settings = settings
        self.chooser = chooser
        self.project_file: ProjectFile | None = None

    # -- asking about unsaved work --------------------------------------------------------

    def may_discard(self) -> bool:
        """True when the open work is saved, or the user chose to let it go."""
        project_file = self.project_file
        if project_file is None or not project_file.modified:
            return True
        choice = UnsavedChangesDialog(self.window, project_file.display_name).ask()
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    # -- starting work --------------------------------------------------------------------

    def new_project(self) -> bool:
        if not self.may_discard():
            return False
        request = NewProjectDialog(self.window).ask()
        if request is None:
            return False
        made = self._attempt(
            "create the project",
            lambda: ProjectFile.new(request.name, request.template),
            NOTHING_CHANGED,
        )
        return self._replace(made)

    def open_sample(self, *, asked: bool = False) -> bool:
        if not asked and not self.may_discard():
            return False
        made = self._attempt("open the sample project", build_sample_project, NOTHING_CHANGED)
        return self._replace(made)

    def open_project(self) -> bool:
        """File → Open…: ask about unsaved work, then for a file."""
        if not self.may_discard():
            return False
        path = self.chooser.choose_open(self.settings.last_folder())
        return path is not None and self.open_path(path, asked=True)

    def open_path(self, path: Path, *, asked: bool = False) -> bool:
        path = Path(path).absolute()
        if self._raise_window_showing(path):
            return False
        if not asked and not self.may_discard():
            return False
        opened = self._open_file(path)
        if not self._replace(opened):
            return False
        self.settings.remember_recent(path)
        self.recent_changed.emit()
        return True

    def _open_file(self, path: Path) -> ProjectFile | _Failed:
        try:
            return ProjectFile.open(path)
        except FileLockedError as error:
            return self._open_locked(path, error.holder)
        except StagecraftError as error:
            if isinstance(error, NotAProjectError) and not path.exists():
                self.settings.forget_recent(path)
                self.recent_changed.emit()
            self._show_error(str(error), NOTHING_CHANGED)
            return FAILED
        except Exception as error:
            return self._unexpected("open the file", error, NOTHING_CHANGED)

    def _open_locked(self, path: Path, holder: LockHolder) -> ProjectFile | _Failed:
        if holder.is_mine and self._raise_window_showing(path):
            return FAILED
        choice = LockedFileDialog(self.window, path.name, holder).ask()
        if choice is LockedChoice.CANCEL:
            return FAILED
        return self._attempt(
            "open the file",
            lambda: ProjectFile.open(
                path,
                read_only=choice is LockedChoice.READ_ONLY,
                as_copy=choice is LockedChoice.COPY,
            ),
            NOTHING_CHANGED,
        )

    def _raise_window_showing(self, path: Path) -> bool:
        """One project per window: if a window already has ``path`` open, bring it up."""
        for widget in QApplication.topLevelWidgets():
            commands = widget.findChild(FileCommands, "fileCommands")
            if commands is None or commands.project_file is None:
                continue
            if _same_file(commands.project_file.path, path):
                widget.raise_()
                widget.activateWindow()
                name = commands.project_file.path.name  # by the name it was opened under
                commands.notice.emit(f"{name} is already open in this window")
                return True
        return False

    # -- recovering after a crash ---------------------------------------------------------

    def offer_recovery(self, copies: list[WorkingCopy]) -> bool:
        """Ask what to do with work left by a crash; True when some is now open here."""
        while copies:
            choice, copy = RecoveryDialog(self.window, copies).ask()
            if choice is RecoveryChoice.NOT_NOW or copy is None:
                return False
            if choice is RecoveryChoice.DISCARD:
                copy.remove()
                copies = [other for other in copies if other is not copy]
                continue
            return self._replace(self._recover(copy))
        return False

    def _recover(self, copy: WorkingCopy) -> ProjectFile | _Failed:
        try:
            return ProjectFile.recover(copy)
        except FileLockedError as error:
            name = copy.record.origin_path.name if copy.record.origin_path else copy.record.name
            recovered = self._attempt(
                "recover the work", lambda: ProjectFile.recover(copy, as_copy=True), RECOVERY_KEPT
            )
            if isinstance(recovered, ProjectFile):
                recovered.notices.append(
                    f"{name} is open by {error.holder.describe()}, so your recovered work "
                    "is a copy: save it under a new name"
                )
            return recovered
        except StagecraftError as error:
            self._show_error(str(error), RECOVERY_KEPT)
            return FAILED
        except Exception as error:
            return self._unexpected("recover the work", error, RECOVERY_KEPT)

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        project_file = self.project_file
        if project_file is None:
            return False
        if project_file.path is None or project_file.read_only:
            return self.save_as()
        try:
            self._saving(project_file.display_name, project_file.save)
        except ChangedOnDiskError:
            return self._save_changed_on_disk(project_file)
        except StagecraftError as error:
            self._show_error(str(error), WORK_KEPT)
            return False
        except Exception as error:
            self._unexpected("save", error, WORK_KEPT)
            return False
        self.saved.emit()
        return True

    def _save_changed_on_disk(self, project_file: ProjectFile) -> bool:
        theirs = project_file.path
        choice = ChangedOnDiskDialog(self.window, theirs.name).ask()
        if choice is ChangedChoice.SAVE_COPY:
            return self.save_as(keep=theirs)
        if choice is ChangedChoice.OVERWRITE:
            saved = self._attempt(
                "save",
                lambda: self._saving(theirs.name, lambda: project_file.save(overwrite=True)),
                WORK_KEPT,
            )
            if saved is FAILED:
                return False
            self.saved.emit()
            return True
        return False

    def save_as(self, *, keep: Path | None = None) -> bool:
        """File → Save As…; ``keep`` is a file that must not be written (someone else's)."""
        project_file = self.project_file
        if project_file is None:
            return False
        path = self.chooser.choose_save(self._suggested_path(project_file, copy=keep is not None))
        if path is None:
            return False
        path = path.absolute()
        if keep is not None and path == keep:
            self._show_error(
                f"{path.name} is the file someone else changed; choose another name to keep "
                "both versions",
                WORK_KEPT,
            )
            return False
        if path == project_file.path and not project_file.read_only:
            return self.save()  # the same file: check for changes on disk first
        saved = self._attempt(
            "save", lambda: self._saving(path.name, lambda: project_file.save_as(path)), WORK_KEPT
        )
        if saved is FAILED:
            return False
        self.settings.remember_recent(path)
        self.recent_changed.emit()
        self.saved.emit()
        return True

    def _suggested_path(self, project_file: ProjectFile, *, copy: bool) -> Path:
        if project_file.path is not None:
            stem = project_file.path.stem
            if copy or project_file.read_only:
                stem = f"{stem} (my copy)"
            return project_file.path.with_name(f"{stem}{EXTENSION}")
        return self.settings.last_folder() / f"{file_stem(project_file.display_name)}{EXTENSION}"

    # -- closing --------------------------------------------------------------------------

    def close_project(self) -> bool:
        if not self.may_discard():
            return False
        self._replace(None)
        return True

    def set_project_file(self, project_file: ProjectFile) -> None:
        """Show a project opened elsewhere (start-up code, tests); closes the one shown."""
        self._replace(project_file)

    def release(self) -> None:
        """Close the project without asking (the caller has asked)."""
        self._replace(None)

    # -- helpers --------------------------------------------------------------------------

    def _saving(self, name: str, write: Callable[[], T]) -> T:
        """Write with the window showing that it is busy: a save to a slow disk or network
        drive can take seconds, and the window cannot take edits until it is done."""
        bar = self.window.statusBar() if isinstance(self.window, QMainWindow) else None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        if bar is not None:
            bar.showMessage(f"Saving {name}…")
            bar.repaint()
        try:
            done = write()
        except BaseException:
            if bar is not None:
                bar.clearMessage()
            raise
        finally:
            QApplication.restoreOverrideCursor()
        if bar is not None:
            bar.showMessage(f"Saved {name}", SAVED_MESSAGE_MS)
        return done

    def _replace(self, new: ProjectFile | _Failed | None) -> bool:
        if isinstance(new, _Failed):
            return False
        old, self.project_file = self.project_file, new
        if old is not None:
            try:
                old.close()
            except Exception:
                log.exception("closing %s failed", old.display_name)
        self.project_replaced.emit()
        return True

    def _attempt(self, what: str, action: Callable[[], T], outcome: str) -> T | _Failed:
        try:
            return action()
        except StagecraftError as error:
            self._show_error(str(error), outcome)
        except Exception as error:
            self._unexpected(what, error, outcome)
        return FAILED

    def _unexpected(self, what: str, error: Exception, outcome: str) -> _Failed:
        log.exception("could not %s", what)
        self._show_error(f"could not {what}: {error}", outcome)
        return FAILED

    def _show_error(self, message: str, outcome: str) -> None:
        ErrorDialog(self.window, message, outcome).ask()


def _same_file(open_path: Path | None, path: Path) -> bool:
    """The same file, however it is spelt (a link, a relative part, another case on a
    file system that ignores case)."""
    if open_path is None:
        return False
    if open_path == path:
        return True
    try:
        return os.path.samefile(open_path, path)
    except OSError:
        return False


def file_stem(name: str) -> str:
    """A project name made safe as a file name on every platform."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .-")
    return stem[:120] or "Untitled project"
