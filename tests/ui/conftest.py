"""UI test helpers: isolated settings, a shown main window, saved project files, and a way
to answer modal dialogs by clicking their buttons (a stray dialog fails the test, never
hangs it)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QPushButton, QWidget

from app.model import ops_grid as ops
from app.model.project_file import ProjectFile
from app.ui.app import start
from app.ui.main_window import MainWindow
from app.ui.settings import SETTINGS_FILE, Settings

STRAY_AFTER = 3.0  # seconds an unexpected modal dialog may stay before it is closed


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings(QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat))


def _add_card(project_file: ProjectFile, text: str) -> None:
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[1], blueprint.steps[0], text)
    project_file.commit()


@pytest.fixture
def add_card() -> Callable[[ProjectFile, str], None]:
    """Change a project the way an edit will: a model operation, then commit."""
    return _add_card


@pytest.fixture
def saved_file(tmp_path: Path) -> Path:
    """A saved project (standard template, one card) that nobody has open."""
    project_file = ProjectFile.new("Clinic")
    _add_card(project_file, "Phones surgery")
    target = tmp_path / "clinic.blueprint"
    project_file.save_as(target)
    project_file.close()
    return target


@dataclass
class _Answer:
    kind: type[QWidget]
    respond: Callable[[QWidget], None]


@dataclass
class Answers:
    """Answers modal dialogs in the order they are expected, as a user would."""

    qtbot: object
    pending: list[_Answer] = field(default_factory=list)
    seen: list[QWidget] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    _stray_since: float | None = None

    def __post_init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def expect(self, kind: type[QWidget], respond: Callable[[QWidget], None]) -> None:
        self.pending.append(_Answer(kind, respond))

    def click(self, kind: type[QWidget], button: str) -> None:
        """Expect a dialog of ``kind`` and click its button named ``button``."""

        def respond(dialog: QWidget) -> None:
            target = dialog.findChild(QPushButton, button)
            assert target is not None, f"{kind.__name__} has no button {button!r}"
            self.qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

        self.expect(kind, respond)

    def choose_file(self, path: Path) -> None:
        """Expect a file dialog: go to ``path``'s folder, type its name, press Enter."""

        def respond(dialog: QFileDialog) -> None:
            dialog.setDirectory(str(path.parent))
            edit = dialog.findChild(QLineEdit, "fileNameEdit")
            edit.clear()
            self.qtbot.keyClicks(edit, path.name)
            self.qtbot.keyClick(edit, Qt.Key.Key_Return)

        self.expect(QFileDialog, respond)

    def cancel_file(self) -> None:
        self.expect(QFileDialog, lambda dialog: dialog.reject())

    def kinds(self) -> list[type]:
        return [type(dialog) for dialog in self.seen]

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            self._stray_since = None
            return
        if self.pending and isinstance(dialog, self.pending[0].kind):
            answer = self.pending.pop(0)
            self.seen.append(dialog)
            self._stray_since = None
            # Answer from a fresh timer: a reply that opens a nested dialog must not block
            # this one (Qt never re-enters a timer that is still in its callback).
            QTimer.singleShot(0, lambda: answer.respond(dialog))
            return
        now = time.monotonic()
        if self._stray_since is None:
            self._stray_since = now
        elif now - self._stray_since > STRAY_AFTER:
            text = getattr(dialog, "text", lambda: "")()
            self.strays.append(f"{type(dialog).__name__}: {text}")
            self._stray_since = None
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def answers(qtbot) -> Iterator[Answers]:
    helper = Answers(qtbot)
    yield helper
    helper.stop()
    assert not helper.strays, f"unexpected dialogs: {helper.strays}"
    assert not helper.pending, f"dialogs that never came: {[a.kind for a in helper.pending]}"


def show_window(qtbot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def windows(answers: Answers) -> Iterator[list[MainWindow]]:
    """Main windows made by a test; any project left open is dropped without asking."""
    made: list[MainWindow] = []
    yield made
    # pytest-qt would close added widgets before this teardown, and a window with unsaved
    # work would ask; drop the work first, then close.
    for window in made:
        window.files.release()
        window.close()
        window.deleteLater()


@pytest.fixture
def make_window(qtbot, settings: Settings, windows: list[MainWindow]) -> Callable[..., MainWindow]:
    """A shown main window, showing ``project_file`` if given."""

    def make(project_file: ProjectFile | None = None) -> MainWindow:
        window = MainWindow(settings)
        windows.append(window)
        if project_file is not None:
            window.files.set_project_file(project_file)
        return show_window(qtbot, window)

    return make


@pytest.fixture
def launch(settings: Settings, windows: list[MainWindow]) -> Callable[[Path | None], MainWindow]:
    """Start the editor as run_gui does (FILE, else recovery, else the sample)."""

    def launch(path: Path | None = None) -> MainWindow:
        window = start(path, settings)
        windows.append(window)
        return window

    return launch


@pytest.fixture
def press(qtbot) -> Callable[..., None]:
    """Press a shortcut in a window as the user would (the window is brought to the front
    first: with no window manager, closing a dialog leaves no window active)."""

    def press(window: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.ControlModifier):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, key, modifiers)

    return press
