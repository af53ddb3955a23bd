"""File → Export… and File → Print…: the dialogs, then the same export service as the
command line (app/export/service.py). A failure is one sentence; nothing is half-written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from app.editing.document import EditingDocument
from app.export.paper import describe_size
from app.export.service import (
    ExportRequest,
    find_blueprint,
    format_of,
    pdf_options,
    run_export,
)
from app.layout.geometry import BlueprintGeometry
from app.model.errors import StagecraftError
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.export_dialog import ExportDialog
from app.ui.file_chooser import choose_export

FILTERS = {
    "pdf": "PDF documents (*.pdf)",
    "png": "PNG images (*.png)",
    "svg": "SVG images (*.svg)",
    "csv": "CSV spreadsheets (*.csv)",
    "json": "JSON files (*.json)",
}
NOTHING_WRITTEN = "Nothing was written; your project is as it was."


class ExportCommands(QObject):
    started = Signal(str)  # what is being written (shown while it is)
    exported = Signal(str)  # a one-line summary of what was written

    def __init__(
        self,
        parent: QWidget,
        document: Callable[[], EditingDocument | None],
        current_blueprint: Callable[[], str | None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self._document = document
        self._current = current_blueprint
        self._geometries: dict[str, BlueprintGeometry] = {}
        self.folder = Path.home()

    # -- export -------------------------------------------------------------------------

    def export(self) -> None:
        document = self._document()
        if document is None:
            return
        self._geometries = {}
        names = [b.name for b in document.project.blueprints]
        current = self._current()
        chosen = next((b.name for b in document.project.blueprints if b.id == current), None)
        dialog = ExportDialog(self.window, names, chosen, lambda r: self.plan(document, r))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            request = dialog.request()
        finally:
            dialog.deleteLater()
        out = self._choose_output(document, request)
        if out is not None:
            self.write(document, out, request)

    def write(self, document: EditingDocument, out: Path, request: ExportRequest) -> bool:
        """Write one export, with progress while it runs; False (and the user told) if not."""
        progress = QProgressDialog("Exporting…", "", 0, 0, self.window)
        progress.setObjectName("exportProgress")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

        name = document.project_file.path.name if document.project_file.path else ""
        self.started.emit(f"Exporting {out.name}…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()  # the message and the cursor show before the work
        try:
            summary = run_export(document.session, out, request, file_name=name, progress=step)
        except (StagecraftError, OSError, ValueError) as error:
            QApplication.restoreOverrideCursor()
            progress.close()
            message = error.strerror if isinstance(error, OSError) and error.strerror else error
            ErrorDialog(
                self.window, f"{out.name} was not exported: {message}", NOTHING_WRITTEN
            ).ask()
            return False
        QApplication.restoreOverrideCursor()
        progress.close()
        self.folder = out.parent
        self.exported.emit(summary[:1].upper() + summary[1:])
        return True

    def plan(
        self, document: EditingDocument, request: ExportRequest
    ) -> tuple[str, tuple[float, float] | None, list]:
        """What the dialog's preview shows for ``request``."""
        kind = request.format or "pdf"
        if kind == "json":
            return ("The whole project, every field, as JSON.", None, [])
        blueprint = find_blueprint(document.session, request.blueprint)
        if kind == "csv":
            return (f"One row per card of {blueprint.name}, for a spreadsheet.", None, [])
        if kind in ("png", "svg") or request.report:
            what = {"png": "An image", "svg": "A vector image"}.get(kind, "A report")
            return (f"{what} of {blueprint.name}.", None, [])
        from app.export.pdf_export import blueprint_geometry, plan_pdf

        geometry = self._geometries.get(blueprint.id)
        if geometry is None:
            geometry = self._geometries[blueprint.id] = blueprint_geometry(
                document.session, blueprint
            )
        options = pdf_options(request)
        plan = plan_pdf(document.session, blueprint, options, geometry=geometry)
        percent = f"{plan.scale * 100:.0f}%"
        if plan.tiles is None:
            size = describe_size(*plan.page_size)
            if request.paper != "fit":
                size = f"{request.paper} ({size})"
            turned = f" {plan.orientation}" if plan.orientation else ""
            text = f"1 page, {size}{turned}, the map at {percent}."
            return (text, plan.page_size, [])
        rows, columns = plan.tiles
        sheets = list(plan.sheets)
        width = (sheets[1].x - sheets[0].x if columns > 1 else plan.poster_size[0]) + plan.overlap
        height = (
            sheets[columns].y - sheets[0].y if rows > 1 else plan.poster_size[1]
        ) + plan.overlap
        boxes = [(s.x, s.y, width, height) for s in sheets]
        poster = describe_size(*plan.poster_size)
        text = (
            f"{plan.pages} pages: an assembly page and {rows} × {columns} sheets of "
            f"{request.tile} ({plan.orientation}), a poster of {poster} at {percent}."
        )
        return (text, plan.poster_size, boxes)

    def _choose_output(self, document: EditingDocument, request: ExportRequest) -> Path | None:
        kind = request.format or "pdf"
        stem = request.blueprint or document.project.name or "export"
        if request.report:
            stem = f"{stem} {request.report} report"
        if kind == "json":
            stem = document.project.name or "project"
        chosen = choose_export(
            self.window,
            "Export",
            self.folder,
            FILTERS[kind],
            "exportFileDialog",
            f"{_safe(stem)}.{kind}",
            kind,
        )
        if chosen is None:
            return None
        try:
            format_of(chosen, None)
        except StagecraftError:
            chosen = chosen.with_name(f"{chosen.name}.{kind}")
        return chosen

    # -- print --------------------------------------------------------------------------

    def print_blueprint(self, printer: QPrinter | None = None) -> bool:
        """Print the current blueprint, fitted to the page (across it for a long map);
        ``printer`` set up already skips the print dialog."""
        document, blueprint_id = self._document(), self._current()
        if document is None or blueprint_id is None:
            return False
        ask = printer is None
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        blueprint = next(b for b in document.project.blueprints if b.id == blueprint_id)
        from app.export.image_export import blueprint_scene, export_area

        scene = blueprint_scene(document.session, blueprint)
        area = export_area(scene)
        wide = area.width() > area.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait
        )
        if ask:
            dialog = QPrintDialog(printer, self.window)
            dialog.setObjectName("printDialog")
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    scene.clear()
                    return False
            finally:
                dialog.deleteLater()
        try:
            painter = QPainter()
            if not painter.begin(printer):
                ErrorDialog(self.window, "The printer could not be started.", "").ask()
                return False
            try:
                page = printer.pageRect(QPrinter.Unit.DevicePixel)
                target = QRectF(0, 0, page.width(), page.height())
                fit = Qt.AspectRatioMode.KeepAspectRatio
                scene.render(painter, target, area, fit)
            finally:
                painter.end()
        finally:
            scene.clear()
        self.exported.emit(f"Sent {blueprint.name} to the printer")
        return True


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_()" else "_" for c in name).strip() or "export"
