"""What the window shows with no project open: ways to start, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PATH_ROLE = Qt.ItemDataRole.UserRole


class EmptyState(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")

        heading = QLabel("No project open")
        heading.setObjectName("emptyHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        hint = QLabel(
            "Start a new service blueprint, open a .blueprint file, or look around the "
            "sample project first."
        )
        hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for text, name, signal in (
            ("New project…", "emptyNewButton", self.new_requested),
            ("Open…", "emptyOpenButton", self.open_requested),
            ("Open the sample project", "emptySampleButton", self.sample_requested),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.recent_heading = QLabel("Recent projects (double-click to open)")
        bold = self.recent_heading.font()
        bold.setBold(True)
        self.recent_heading.setFont(bold)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setFrameShape(QFrame.Shape.NoFrame)
        self.recent.setStyleSheet(
            "QListWidget { background: transparent; }QListWidget::item { padding: 4px 2px; }"
        )
        self.recent.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(Path(item.data(PATH_ROLE)))
        )

        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(hint)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(self.recent_heading)
        column.addWidget(self.recent)
        column.addStretch(1)

        panel = QWidget()
        panel.setMaximumWidth(640)
        panel.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 48, 24, 24)
        outer.addStretch(1)
        outer.addWidget(panel, 3)
        outer.addStretch(1)

    def show_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}   —   {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_heading.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
        # As tall as its rows (up to the ten kept), so the page does not end in a blank box.
        rows = self.recent.sizeHintForRow(0) * len(paths) if paths else 0
        self.recent.setFixedHeight(rows + 2 * self.recent.frameWidth() + 4)
