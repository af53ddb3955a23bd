"""File → Export… and File → Print… in the window: the dialog's preview and page count
before writing, the file written through the same service as the command line, and a
failure told in one sentence with nothing written."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.export_dialog import KINDS, SHEETS, ExportDialog


def _sample_window(make_window):
    project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    load_blueprints(project.session)
    return make_window(project)


def _fill(dialog: ExportDialog, kind: str, **choices: int) -> None:
    dialog.kind.setCurrentIndex([label for label, *_ in KINDS].index(kind))
    for name, index in choices.items():
        getattr(dialog, name).setCurrentIndex(index)


def test_the_preview_counts_pages_before_anything_is_written(
    qtbot, make_window, answers, tmp_path: Path
) -> None:
    window = _sample_window(make_window)
    target = tmp_path / "wall.pdf"
    seen: dict[str, str] = {}
    window.exports.started.connect(lambda text: seen.setdefault("started", text))

    def choose(dialog: ExportDialog) -> None:
        _fill(dialog, "Blueprint map (PDF)", paper=5)  # A0
        seen["page"] = dialog.summary.text()
        _fill(dialog, "Blueprint map (PDF)", sheets=1)  # on A4 sheets
        seen["sheets"] = dialog.summary.text()
        assert dialog.preview.sheets and not target.exists()
        dialog.overlay.setChecked(True)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    answers.expect(ExportDialog, choose)
    answers.choose_file(target)
    window.menu_actions.export.trigger()
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert seen["page"].startswith("1 page, A0")
    assert "sheets of A4" in seen["sheets"]
    pages = int(seen["sheets"].split()[0])
    reader = PdfReader(target)
    key_pages = len(reader.pages) - pages
    assert key_pages >= 1  # the pain points' key comes after the sheets the preview counted
    assert "Receives letter" in "".join(page.extract_text() for page in reader.pages)
    assert seen["started"] == "Exporting wall.pdf…"  # shown while it was written
    assert "wall.pdf" in window.statusBar().currentMessage()


def test_a_page_too_big_for_pdf_viewers_cannot_be_exported_as_one_page(
    qtbot, make_window, answers
) -> None:
    window = _sample_window(make_window)
    seen: dict[str, object] = {}

    def choose(dialog: ExportDialog) -> None:
        _fill(dialog, "Blueprint map (PDF)")
        dialog.scale.setValue(900)  # a fit page at 900%: far past 14,400 points
        seen["text"], seen["enabled"] = dialog.summary.text(), dialog.ok.isEnabled()
        _fill(dialog, "Blueprint map (PDF)", sheets=SHEETS.index(("A3 sheets", "A3")))
        seen["tiled"] = dialog.ok.isEnabled()
        dialog.reject()

    answers.expect(ExportDialog, choose)
    window.menu_actions.export.trigger()
    qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert "--tile" in str(seen["text"]) or "sheets" in str(seen["text"])
    assert seen["enabled"] is False and seen["tiled"] is True


def test_a_failed_export_says_why_and_writes_nothing(
    qtbot, make_window, answers, tmp_path: Path
) -> None:
    window = _sample_window(make_window)
    target = tmp_path / "huge.png"

    def choose(dialog: ExportDialog) -> None:
        assert not dialog.dpi.isVisibleTo(dialog) and dialog.paper.isVisibleTo(dialog)
        _fill(dialog, "Image (PNG)")  # only the fields that go with a PNG are shown
        assert dialog.dpi.isVisibleTo(dialog) and not dialog.paper.isVisibleTo(dialog)
        dialog.dpi.setValue(2400)  # far more pixels than an image may have
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    seen: list[str] = []

    def ok(dialog: ErrorDialog) -> None:
        seen.append(dialog.text())
        dialog.done(QDialog.DialogCode.Accepted)

    answers.expect(ExportDialog, choose)
    answers.choose_file(target)
    answers.expect(ErrorDialog, ok)
    window.menu_actions.export.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0].startswith("huge.png was not exported") and "--dpi" in seen[0]
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_print_fits_the_blueprint_on_the_page(qtbot, make_window, tmp_path: Path) -> None:
    window = _sample_window(make_window)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert window.exports.print_blueprint(printer)
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width > height  # a long map is printed across the page
    assert len(reader.pages[0].get_contents().get_data()) > 20_000  # the map was drawn
