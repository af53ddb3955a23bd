"""File → Export…: what to export and how, with a preview of the page or of the sheets and
the page count, worked out before anything is written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.export.service import ExportRequest

# (label, format, report)
KINDS = [
    ("Blueprint map (PDF)", "pdf", None),
    ("Pain-point report (PDF)", "pdf", "pain-points"),
    ("Opportunities report (PDF)", "pdf", "opportunities"),
    ("Image (PNG)", "png", None),
    ("Vector image (SVG)", "svg", None),
    ("Cards for a spreadsheet (CSV)", "csv", None),
    ("Whole project (JSON)", "json", None),
]
PAPERS = ["fit", "A4", "A3", "A2", "A1", "A0", "letter", "tabloid"]
SHEETS = [("One page", None), ("A4 sheets", "A4"), ("A3 sheets", "A3"), ("Letter sheets", "letter")]
PERSPECTIVES = [("Every perspective", None), ("Service user", "service user"), ("Staff", "staff")]
PERSPECTIVES.append(("Partner", "partner"))


class Preview(QWidget):
    """The page, or the poster with its grid of sheets, drawn to scale."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("exportPreview")
        self.setAccessibleName("Page preview")
        self.setMinimumSize(260, 190)
        self.page: tuple[float, float] | None = None
        self.sheets: list[tuple[float, float, float, float]] = []

    def show_plan(
        self, page: tuple[float, float] | None, sheets: list[tuple[float, float, float, float]]
    ) -> None:
        self.page, self.sheets = page, sheets
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e9edf2"))
        if self.page is None:
            return
        width, height = self.page
        room = self.rect().adjusted(12, 12, -12, -12)
        scale = min(room.width() / width, room.height() / height)
        x0 = room.x() + (room.width() - width * scale) / 2
        y0 = room.y() + (room.height() - height * scale) / 2
        page = QRectF(x0, y0, width * scale, height * scale)
        painter.fillRect(page, QColor("#ffffff"))
        painter.setPen(QPen(QColor("#7a8699"), 1))
        painter.drawRect(page)
        painter.fillRect(page.adjusted(6, 6, -6, -6), QColor("#dbe4ef"))
        painter.setPen(QPen(QColor("#2f6fb2"), 1))
        for x, y, w, h in self.sheets:
            painter.drawRect(QRectF(x0 + x * scale, y0 + y * scale, w * scale, h * scale))
        painter.end()


class ExportDialog(QDialog):
    """Chooses an ExportRequest. ``plan(request)`` describes what it would write (a line
    of text, the page size and the sheets) or raises with the reason it can't."""

    def __init__(
        self,
        parent: QWidget | None,
        blueprints: list[str],
        current: str | None,
        plan: Callable[[ExportRequest], tuple[str, tuple[float, float] | None, list]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self._plan = plan
        self.blueprint = QComboBox(objectName="exportBlueprint")
        self.blueprint.addItems(blueprints)
        if current in blueprints:
            self.blueprint.setCurrentText(current)
        self.kind = QComboBox(objectName="exportKind")
        for label, _format, _report in KINDS:
            self.kind.addItem(label)
        self.paper = QComboBox(objectName="exportPaper")
        self.paper.addItems(PAPERS)
        self.paper.setItemText(0, "fit (the map's size)")
        self.orientation = QComboBox(objectName="exportOrientation")
        self.orientation.addItems(["auto", "landscape", "portrait"])
        self.scale = QSpinBox(objectName="exportScale")
        self.scale.setRange(0, 1000)
        self.scale.setSuffix(" %")
        self.scale.setSpecialValueText("fit the paper")
        self.sheets = QComboBox(objectName="exportSheets")
        for label, _value in SHEETS:
            self.sheets.addItem(label)
        self.overlap = QDoubleSpinBox(objectName="exportOverlap")
        self.overlap.setRange(0, 50)
        self.overlap.setValue(10)
        self.overlap.setSuffix(" mm")
        self.overlay = QCheckBox("Pain points: badges, shading and a key")
        self.overlay.setObjectName("exportOverlay")
        self.perspective = QComboBox(objectName="exportPerspective")
        for label, _value in PERSPECTIVES:
            self.perspective.addItem(label)
        self.dpi = QSpinBox(objectName="exportDpi")
        self.dpi.setRange(10, 2400)
        self.dpi.setValue(150)
        self.dpi.setSuffix(" dpi")

        form = QFormLayout()
        rows = [
            ("&Blueprint:", self.blueprint),
            ("&What:", self.kind),
            ("&Paper:", self.paper),
            ("&Orientation:", self.orientation),
            ("&Scale:", self.scale),
            ("Print on &sheets:", self.sheets),
            ("O&verlap:", self.overlap),
            ("", self.overlay),
            ("P&erspective:", self.perspective),
            ("&Resolution:", self.dpi),
        ]
        for label, field in rows:
            form.addRow(label, field)
        self._form = form
        self.preview = Preview()
        self.summary = QLabel(objectName="exportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addLayout(right, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Export…")
        self.ok.setObjectName("exportButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(top, 1)
        column.addWidget(self.buttons)
        for box in (self.blueprint, self.kind, self.paper, self.orientation, self.sheets):
            box.currentIndexChanged.connect(self.refresh)
        self.perspective.currentIndexChanged.connect(self.refresh)
        for spin in (self.scale, self.overlap, self.dpi):
            spin.valueChanged.connect(self.refresh)
        self.overlay.toggled.connect(self.refresh)
        self.refresh()

    def request(self) -> ExportRequest:
        _label, kind, report = KINDS[self.kind.currentIndex()]
        return ExportRequest(
            format=kind,
            blueprint=self.blueprint.currentText() or None,
            paper=PAPERS[self.paper.currentIndex()] if kind == "pdf" and not report else "fit",
            orientation=self.orientation.currentText(),
            scale=(self.scale.value() or None) if kind == "pdf" and not report else None,
            tile=SHEETS[self.sheets.currentIndex()][1] if kind == "pdf" and not report else None,
            overlap_mm=self.overlap.value(),
            overlay="pain-points"
            if kind == "pdf" and not report and self.overlay.isChecked()
            else None,
            perspective=PERSPECTIVES[self.perspective.currentIndex()][1],
            report=report,
            dpi=self.dpi.value(),
        )

    def refresh(self) -> None:
        """Show only the fields that go with the chosen export, and what it would write."""
        _label, kind, report = KINDS[self.kind.currentIndex()]
        map_pdf = kind == "pdf" and report is None
        tiled = map_pdf and self.sheets.currentIndex() > 0
        visible = {
            self.blueprint: kind != "json",
            self.paper: map_pdf,
            self.orientation: map_pdf,
            self.scale: map_pdf,
            self.sheets: map_pdf,
            self.overlap: tiled,
            self.overlay: map_pdf,
            self.perspective: (map_pdf and self.overlay.isChecked()) or report == "pain-points",
            self.dpi: kind == "png",
        }
        for field, shown in visible.items():
            self._form.setRowVisible(field, shown)
        try:
            text, page, sheets = self._plan(self.request())
        except Exception as error:  # the plan says why it can't: shown, not raised
            self.summary.setText(str(error))
            self.preview.show_plan(None, [])
            self.ok.setEnabled(False)
            return
        self.summary.setText(text)
        self.preview.show_plan(page, sheets)
        self.ok.setEnabled(True)
