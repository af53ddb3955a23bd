"""File → New: the new project's name and the template it starts from."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.model.templates import TEMPLATE_NAMES, template_path

DEFAULT_NAME = "Untitled project"


@dataclass(frozen=True)
class NewProjectRequest:
    name: str
    template: str


class NewProjectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit(DEFAULT_NAME)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.selectAll()

        self.templates = QButtonGroup(self)
        template_box = QVBoxLayout()
        for name in TEMPLATE_NAMES:
            title, description = _describe(name)
            button = QRadioButton(title)
            button.setObjectName(f"{name}Template")
            button.setProperty("template", name)
            button.setChecked(name == TEMPLATE_NAMES[0])
            self.templates.addButton(button)
            hint = QLabel(description)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)
            hint.setContentsMargins(24, 0, 0, 6)
            template_box.addWidget(button)
            template_box.addWidget(hint)

        form = QFormLayout()
        form.addRow("Project name:", self.name_edit)
        form.addRow("Template:", template_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        create = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText("Create")
        create.setObjectName("createButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(lambda text: create.setEnabled(bool(text.strip())))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def request(self) -> NewProjectRequest:
        checked = self.templates.checkedButton()
        template = checked.property("template") if checked else TEMPLATE_NAMES[0]
        return NewProjectRequest(self.name_edit.text().strip() or DEFAULT_NAME, str(template))

    def ask(self) -> NewProjectRequest | None:
        return self.request() if self.exec() == QDialog.DialogCode.Accepted else None


def _describe(template: str) -> tuple[str, str]:
    try:
        spec = json.loads(template_path(template).read_text(encoding="utf-8"))
        return str(spec.get("title", template)), str(spec.get("description", ""))
    except (OSError, ValueError):
        return template.capitalize(), ""
