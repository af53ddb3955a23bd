"""The left side of the window: the project's name and description, and its blueprints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.model.structure import Project
from app.ui.blueprint_list import BlueprintList
from app.ui.queries import BlueprintCounts


class ProjectPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectPanel")
        self.name = QLabel()
        self.name.setObjectName("projectName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(True)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name.setFont(font)
        self.description = QLabel()
        self.description.setObjectName("projectDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        heading = QLabel("Blueprints")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.blueprint_list = BlueprintList()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 6, 10)
        layout.addWidget(self.name)
        layout.addWidget(self.description)
        layout.addSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.blueprint_list, 1)

    def show_project(self, project: Project, counts: dict[str, BlueprintCounts]) -> None:
        self.name.setText(project.name)
        self.description.setText(project.description)
        self.description.setVisible(bool(project.description))
        self.blueprint_list.show_blueprints(list(project.blueprints), counts)
