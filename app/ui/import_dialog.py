"""File → Import…'s confirmation: what a file will bring in (each blueprint with its lanes,
steps, cards and connectors) and what it cannot (the plan's skipped list), before
anything is written. All text is plain: names come from someone else's file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.importers.plan import BlueprintPlan, ImportPlan

SHOWN_BLUEPRINTS = 200  # a longer list is summed up in its last line


def describe(blueprint: BlueprintPlan) -> str:
    """ "Referral: 3 lanes, 4 steps, 8 cards, 8 connectors" """
    parts = [
        _count(len(blueprint.lanes), "lane"),
        _count(len(blueprint.steps), "step"),
        _count(len(blueprint.cards), "card"),
        _count(len(blueprint.connectors), "connector"),
    ]
    return f"{blueprint.name} ({blueprint.kind.value}): {', '.join(parts)}"


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}" if number == 1 else f"{number:,} {word}s"


def _plain_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ImportDialog(QDialog):
    """Asks to bring ``plan`` in; accepted by Import, rejected by Cancel or Escape."""

    def __init__(self, parent: QWidget | None, plan: ImportPlan) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {plan.source}")
        self.setAccessibleName("Import")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        count = len(plan.blueprints)
        heading = "this blueprint" if count == 1 else f"these {count:,} blueprints"
        layout.addWidget(
            _plain_label(f"{plan.source} will add {heading} to the project:", "importHeading")
        )
        self.blueprints = QListWidget()
        self.blueprints.setObjectName("importBlueprints")
        self.blueprints.setAccessibleName("Blueprints to import")
        lines = [describe(blueprint) for blueprint in plan.blueprints[:SHOWN_BLUEPRINTS]]
        if count > SHOWN_BLUEPRINTS:
            lines.append(f"… and {count - SHOWN_BLUEPRINTS:,} more")
        self.blueprints.addItems(lines)
        self.blueprints.setMaximumHeight(min(200, 24 + 22 * len(lines)))
        layout.addWidget(self.blueprints)

        self.skipped = QListWidget()
        self.skipped.setObjectName("importSkipped")
        self.skipped.setAccessibleName("What is not brought in")
        if plan.skipped:
            layout.addWidget(
                _plain_label(
                    "Not brought in (the file is not changed; you can add these by hand):",
                    "importSkippedHeading",
                )
            )
            self.skipped.addItems(plan.skipped)
            self.skipped.setWordWrap(True)
            self.skipped.setMaximumHeight(min(260, 28 + 36 * len(plan.skipped)))
            layout.addWidget(self.skipped, 1)
        else:
            self.skipped.hide()
            layout.addWidget(
                _plain_label("Everything in the file can be brought in.", "importNothingSkipped")
            )
        layout.addWidget(
            _plain_label("Edit → Undo takes the import back out in one step.", "importUndoHint")
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        self.ok.setObjectName("importButton")
        self.ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
