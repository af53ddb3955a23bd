"""Starting the editor: the application object, the first window, and what it opens."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.model.working_copy import recoverable
from app.ui.file_chooser import FileChooser
from app.ui.main_window import APP_NAME, MainWindow
from app.ui.settings import Settings


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1] or ["stagecraft"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    return app


def start(
    path: Path | None, settings: Settings | None = None, chooser: FileChooser | None = None
) -> MainWindow:
    """Show the first window and open FILE, or offer work left by a crash, or the sample."""
    window = MainWindow(settings or Settings.in_data_folder(), chooser)
    window.show()
    if path is not None:
        window.files.open_path(path, asked=True)
        return window
    copies = recoverable()
    if not (copies and window.files.offer_recovery(copies)):
        window.files.open_sample(asked=True)
    return window


def run_gui(path: Path | None) -> int:
    """Run the editor until its last window closes; returns the exit code."""
    app = create_application()
    window = start(path)  # held here while the event loop runs
    code = app.exec()
    window.deleteLater()
    return code
