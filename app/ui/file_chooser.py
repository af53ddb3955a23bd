"""The Open and Save As file dialogs. Built as QFileDialog objects (not the static helpers)
so a test can find the open dialog, pick a file and accept it; users still get the
platform's own dialog where there is one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.model.project_file import EXTENSION

FILTER = f"Stagecraft projects (*{EXTENSION})"


class FileChooser:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def choose_open(self, folder: Path) -> Path | None:
        dialog = QFileDialog(self.parent, "Open project", str(folder), FILTER)
        dialog.setObjectName("openFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return _run(dialog)

    def choose_save(self, suggested: Path) -> Path | None:
        dialog = QFileDialog(self.parent, "Save project as", str(suggested.parent), FILTER)
        dialog.setObjectName("saveFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(EXTENSION.lstrip("."))
        dialog.selectFile(suggested.name)
        chosen = _run(dialog)
        if chosen is not None and not chosen.suffix:
            chosen = chosen.with_suffix(EXTENSION)
        return chosen


def _run(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return Path(files[0]) if files else None
    finally:
        dialog.deleteLater()


def choose_export(
    parent: QWidget,
    title: str,
    folder: Path,
    name_filter: str,
    object_name: str,
    suggested: str,
    suffix: str,
) -> Path | None:
    """Ask where to write an export: a save dialog named ``object_name`` (tests find it by
    that name) in ``folder``, offering ``suggested``; the file chosen, ending in
    ``.suffix`` by default; None when the user cancels."""
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setObjectName(object_name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    return _run(dialog)


IMPORT_FILTERS = ";;".join(
    [
        "Files Stagecraft can import (*.csv *.tsv *.txt *.json *.drawio *.xml)",
        "CSV spreadsheets (*.csv *.tsv *.txt)",
        "JSON exports (*.json)",
        "draw.io diagrams (*.drawio *.xml)",
        "All files (*)",
    ]
)


def choose_import(parent: QWidget, folder: Path) -> Path | None:
    """Ask which file to import (CSV, JSON or draw.io): an open dialog named
    "importFileDialog" (tests find it by that name) in ``folder``; None when cancelled."""
    return _choose_existing(parent, "Import", folder, IMPORT_FILTERS, "importFileDialog")


def choose_merge(parent: QWidget, folder: Path) -> Path | None:
    """Ask for a colleague's copy to merge: an open dialog named "mergeFileDialog";
    None when cancelled."""
    name_filter = f"Stagecraft projects (*{EXTENSION})"
    return _choose_existing(parent, "Merge a copy", folder, name_filter, "mergeFileDialog")


def _choose_existing(
    parent: QWidget, title: str, folder: Path, name_filter: str, object_name: str
) -> Path | None:
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setObjectName(object_name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)
