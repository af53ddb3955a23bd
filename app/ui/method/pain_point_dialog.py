"""The pain point dialog: every field of a pain point on a card or a step, for a new one
(one AddPainPointCommand) or to change one (one EditPainPointCommand with only the fields
that changed). It opens without blocking (``open()``), so the window stays responsive and
tests drive it like any widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.editing.commands.base import EditCommand
from app.editing.commands.method import AddPainPointCommand, EditPainPointCommand
from app.layout.overlay import shorten
from app.model.kinds import EvidenceSource, Perspective
from app.model.method import PainPoint
from app.model.structure import Card, Step
from app.ui.method.pain_points_model import (
    EVIDENCE_WORDS,
    PERSPECTIVE_WORDS,
    severity_chip,
    severity_words,
)
from app.ui.properties.fields import MinutesBox, PlainTextField, muted

Push = Callable[[EditCommand], bool]
FIELDS = (
    "description",
    "severity",
    "perspective",
    "evidence",
    "people_affected",
    "underserved_group",
    "resolved",
)
EVIDENCE_HINTS: dict[EvidenceSource, str] = {
    EvidenceSource.INTERVIEW: "Heard in interviews with service users, staff or partners.",
    EvidenceSource.WORKSHOP: "Raised by the people in a workshop.",
    EvidenceSource.OBSERVATION: "Seen while watching the service run.",
    EvidenceSource.DATA: "Shown by data: counts, rates, records, complaints.",
    EvidenceSource.ASSUMPTION: "Not checked yet: an assumption marks research still owed.",
}
UNDERSERVED_HINT = "e.g. people without a mobile phone"
CARD_CHARS = 60


@dataclass
class CaptureDefaults:
    """What a new pain point starts with: the perspective and evidence chosen last, as a
    workshop often captures many pain points from one side in a row."""

    perspective: Perspective = Perspective.SERVICE_USER
    evidence: EvidenceSource = EvidenceSource.ASSUMPTION

    def fields(self) -> dict[str, Any]:
        return {
            "description": "",
            "severity": 3,
            "perspective": self.perspective,
            "evidence": self.evidence,
            "people_affected": None,
            "underserved_group": "",
            "resolved": False,
        }

    def remember(self, values: dict[str, Any]) -> None:
        self.perspective = Perspective(values["perspective"])
        self.evidence = EvidenceSource(values["evidence"])


def fields_of(pain_point: PainPoint) -> dict[str, Any]:
    return {name: getattr(pain_point, name) for name in FIELDS}


def place_of(owner: Card | Step) -> tuple[str, str]:
    """Where a pain point goes, as the dialog's title line and the line under it."""
    if isinstance(owner, Card):
        step = owner.step
        text = shorten(owner.text, CARD_CHARS)
        heading = f"On the card “{text}”" if text else "On an empty card"
        return heading, f"{owner.lane.title} lane, at the step {_step_name(step)}"
    return f"On the step “{owner.title}”", (
        f"The whole step, in the stage {owner.stage.title}"
        if owner.stage is not None
        else "The whole step"
    )


def _step_name(step: Step) -> str:
    return f"{step.stage.title} › {step.title}" if step.stage is not None else step.title


class PeopleBox(MinutesBox):
    """How many people are affected: a whole number, or empty for "not known"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.EMPTY, 99_999_999)
        self.setGroupSeparatorShown(False)
        self.lineEdit().setPlaceholderText("not known")


class SeverityPicker(QWidget):
    """Severity 1-5 as a row of radio buttons with their words; arrows or a digit choose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for severity in range(1, 6):
            button = QRadioButton(severity_words(severity))
            button.setObjectName(f"severity{severity}Radio")
            button.setIcon(severity_chip(severity))
            button.setAccessibleName(f"Severity {severity_words(severity)}")
            self.group.addButton(button, severity)
            row.addWidget(button)
        row.addStretch(1)
        self.setFocusProxy(self.group.button(3))

    @property
    def value(self) -> int:
        return max(1, self.group.checkedId())

    def set_value(self, severity: int) -> None:
        button = self.group.button(severity)
        if button is not None:
            button.setChecked(True)
            self.setFocusProxy(button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in ("1", "2", "3", "4", "5"):
            button = self.group.button(int(text))
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            event.accept()
            return
        super().keyPressEvent(event)


class PainPointDialog(QDialog):
    """Every field of one pain point. ``values()`` gives them all; ``changes()`` only
    those that differ from what it was opened with."""

    def __init__(
        self,
        parent: QWidget | None,
        place: tuple[str, str],
        initial: dict[str, Any],
        *,
        new: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("painPointDialog")
        self.setWindowTitle("Add Pain Point" if new else "Edit Pain Point")
        self.setMinimumWidth(700)
        self.initial = dict(initial)

        self.heading = QLabel(place[0])
        self.heading.setObjectName("painPointPlace")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.where = QLabel(place[1])
        self.where.setObjectName("painPointWhere")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        muted(self.where)

        self.description = PlainTextField(4)
        self.description.setPlaceholderText("What goes wrong, for whom, in their words")
        self.severity = SeverityPicker()
        self.perspective = QComboBox()
        for perspective, words in PERSPECTIVE_WORDS.items():
            self.perspective.addItem(words, perspective.value)
        self.evidence = QComboBox()
        for evidence, words in EVIDENCE_WORDS.items():
            self.evidence.addItem(words, evidence.value)
        self.evidence_hint = QLabel()
        self.evidence_hint.setObjectName("painPointEvidenceHint")
        self.evidence_hint.setTextFormat(Qt.TextFormat.PlainText)
        muted(self.evidence_hint)
        self.people = PeopleBox()
        self.people.setMinimumWidth(self.people.fontMetrics().horizontalAdvance("99999999") * 2)
        self.underserved = QLineEdit()
        self.underserved.setMaxLength(200)
        self.underserved.setPlaceholderText(UNDERSERVED_HINT)
        self.resolved = QCheckBox("&Resolved")
        for widget, name, accessible, description in (
            (self.description, "painPointDescriptionEdit", "Description", "What the problem is"),
            (self.severity, "painPointSeverity", "Severity", "1 minor to 5 critical"),
            (self.perspective, "painPointPerspectiveBox", "Perspective", "Whose pain it is"),
            (self.evidence, "painPointEvidenceBox", "Evidence source", "How it is known"),
            (self.people, "painPointPeopleBox", "People affected", "Empty: not known"),
            (
                self.underserved,
                "painPointUnderservedEdit",
                "Underserved group",
                "A group less well served than others, if it is one",
            ),
            (self.resolved, "painPointResolvedCheck", "Resolved", "The problem is fixed"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
            widget.setAccessibleDescription(description)

        people_row = QHBoxLayout()
        people_row.setContentsMargins(0, 0, 0, 0)
        people_row.addWidget(self.people)
        people_label = QLabel("people (leave empty if not known)")
        muted(people_label)
        people_row.addWidget(people_label)
        people_row.addStretch(1)
        evidence_row = QHBoxLayout()
        evidence_row.setContentsMargins(0, 0, 0, 0)
        evidence_row.addWidget(self.evidence)
        evidence_row.addWidget(self.evidence_hint, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label, field, buddy in (
            ("&Description", self.description, self.description),
            ("&Severity", self.severity, self.severity),
            ("&Perspective", self.perspective, self.perspective),
            ("&Evidence", evidence_row, self.evidence),
            ("Peop&le affected", people_row, self.people),
            ("&Underserved group", self.underserved, self.underserved),
            ("", self.resolved, None),
        ):
            caption = QLabel(label)
            if buddy is not None:
                caption.setBuddy(buddy)
            form.addRow(caption, field)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add" if new else "OK")
        self.ok_button.setObjectName("painPointOkButton")
        self.ok_button.setToolTip("Ctrl+Enter")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("painPointCancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._accept_if_ready)

        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.where)
        column.addSpacing(6)
        column.addLayout(form)
        column.addWidget(self.buttons)

        self._show(self.initial)
        self.description.textChanged.connect(self._ready)
        self.evidence.currentIndexChanged.connect(self._show_evidence_hint)
        self._ready()
        self._show_evidence_hint()
        self.description.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, values: dict[str, Any]) -> None:
        self.description.setPlainText(values["description"])
        self.severity.set_value(int(values["severity"]))
        self.perspective.setCurrentIndex(self.perspective.findData(str(values["perspective"])))
        self.evidence.setCurrentIndex(self.evidence.findData(str(values["evidence"])))
        self.people.show_minutes(values["people_affected"])
        self.underserved.setText(values["underserved_group"])
        self.resolved.setChecked(bool(values["resolved"]))

    def _ready(self) -> None:
        self.ok_button.setEnabled(bool(self.description.toPlainText().strip()))

    def _show_evidence_hint(self) -> None:
        self.evidence_hint.setText(EVIDENCE_HINTS[EvidenceSource(self.evidence.currentData())])

    def _accept_if_ready(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def accept(self) -> None:
        self.people.interpretText()  # a number typed but not confirmed counts
        if self.ok_button.isEnabled():
            super().accept()

    # -- what it holds ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "description": self.description.toPlainText().strip(),
            "severity": self.severity.value,
            "perspective": self.perspective.currentData(),
            "evidence": self.evidence.currentData(),
            "people_affected": self.people.minutes,
            "underserved_group": self.underserved.text().strip(),
            "resolved": self.resolved.isChecked(),
        }

    def changes(self) -> dict[str, Any]:
        initial = {name: _plain(value) for name, value in self.initial.items()}
        for name in ("description", "underserved_group"):  # as values() gives them
            initial[name] = initial[name].strip()
        return {name: value for name, value in self.values().items() if initial[name] != value}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, (Perspective, EvidenceSource)) else value


# -- opening it --------------------------------------------------------------------------------


def open_new_pain_point(
    parent: QWidget, owner: Card | Step, push: Push, defaults: CaptureDefaults
) -> PainPointDialog:
    """Ask for a new pain point on ``owner``; OK pushes one AddPainPointCommand and makes
    its perspective and evidence the defaults for the next one."""
    kind, owner_id = ("card" if isinstance(owner, Card) else "step"), owner.id
    dialog = PainPointDialog(parent, place_of(owner), defaults.fields(), new=True)

    def add() -> None:
        values = dialog.values()
        defaults.remember(values)
        push(AddPainPointCommand(kind, owner_id, **values))

    dialog.accepted.connect(add)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_pain_point(parent: QWidget, pain_point: PainPoint, push: Push) -> PainPointDialog:
    """Change a pain point; OK pushes one EditPainPointCommand with the changed fields
    (nothing when nothing changed)."""
    owner = pain_point.card if pain_point.card is not None else pain_point.step
    pain_id = pain_point.id
    dialog = PainPointDialog(parent, place_of(owner), fields_of(pain_point), new=False)

    def edit() -> None:
        changes = dialog.changes()
        if changes:
            push(EditPainPointCommand(pain_id, **changes))

    dialog.accepted.connect(edit)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
