"""The method's parts outlive nothing: deleting the window (as at shut-down) with the
focus in it runs no handler of a part against the deleted window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow
from app.ui.settings import Settings


def test_deleting_the_window_with_focus_in_it_raises_nothing(
    qtbot, settings: Settings, sample_file: ProjectFile
) -> None:
    window = MainWindow(settings)
    window.files.set_project_file(sample_file)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.workspace.current.view
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(view.hasFocus)
    gone: list[bool] = []
    window.destroyed.connect(lambda _obj=None: gone.append(True))
    with qtbot.captureExceptions() as exceptions:
        window.files.release()
        window.deleteLater()  # still shown, the focus in it
        qtbot.waitUntil(lambda: bool(gone))
        QApplication.processEvents()
    assert not isValid(window)
    assert [str(error[1]) for error in exceptions] == []
