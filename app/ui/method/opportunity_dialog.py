"""The opportunity form: every field of a change candidate (the three conditions, impact,
effort, who it is for, tags, scale, status, owner, measure, target date) and the pain
points it answers. OK gives one undoable command: add, or edit with its links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QMouseEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.analysis.priority import CONDITIONS, Candidate, missing_conditions
from app.editing.commands.base import CommandGroup, EditCommand
from app.editing.commands.method import (
    AddOpportunityCommand,
    EditOpportunityCommand,
    LinkPainPointsCommand,
)
from app.layout.overlay import NumberedPainPoint, numbered_pain_points, shorten
from app.model.kinds import OpportunityStatus, Scale
from app.model.method import Opportunity
from app.model.structure import Project

CONDITION_WORDS = ("none", "very low", "low", "moderate", "high", "very high")
SIZE_WORDS = ("none", "very small", "small", "moderate", "large", "very large")
SCORE_LABELS = {
    "management_interest": "Senior &management interest",
    "operational_capacity": "Operational &willingness and capacity",
    "capability": "Team &capability",
    "impact": "&Impact",
    "effort": "E&ffort",
}
SCORE_TIPS = {
    "management_interest": "Are senior managers interested and ready to back it? Met at 3 or more.",
    "operational_capacity": "Are the operational teams willing, and do they have the time? Met "
    "at 3 or more.",
    "capability": "Does the team have the skills to do it and learn from it? Met at 3 or more.",
    "impact": "How much difference it makes to the people it is for.",
    "effort": "How much work, time and money it takes: less effort ranks higher.",
}
TEXT_FIELDS = ("title", "description", "underserved_group", "owner", "measure")
PAIN_TEXT_CHARS = 90
NO_DATE = QDate(2000, 1, 1)


class ScoreBox(QComboBox):
    """A score 0-5 with its word ("4 – high"), or "Not scored". Typing the digit picks it."""

    def __init__(self, words: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.addItem("Not scored", None)
        for value, word in enumerate(words):
            self.addItem(f"{value} – {word}", value)

    @property
    def score(self) -> int | None:
        return self.currentData()

    def set_score(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)


class CountBox(QSpinBox):
    """A number of people, or empty for "not recorded" (``count`` is then None)."""

    EMPTY = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.EMPTY, 100_000_000)
        self.setGroupSeparatorShown(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.lineEdit().setPlaceholderText("not recorded")

    @property
    def count(self) -> int | None:
        return None if self.value() == self.EMPTY else self.value()

    def set_count(self, count: int | None) -> None:
        self.setValue(self.EMPTY if count is None else count)

    def textFromValue(self, value: int) -> str:
        return "" if value == self.EMPTY else self.locale().toString(value)

    def valueFromText(self, text: str) -> int:
        digits = "".join(ch for ch in text if ch.isdigit())
        return self.EMPTY if not digits else int(digits)

    def validate(self, text: str, position: int) -> Any:
        stripped = "".join(ch for ch in text if not ch.isspace())
        if not stripped:
            return QValidator.State.Acceptable, text, position
        digits = "".join(ch for ch in stripped if ch.isdigit())
        if not digits or any(not (ch.isdigit() or ch in ",.'\u00a0") for ch in stripped):
            return QValidator.State.Invalid, text, position
        if int(digits) > self.maximum():
            return QValidator.State.Invalid, text, position
        return QValidator.State.Acceptable, text, position

    def fixup(self, text: str) -> str:
        return text.strip()


class DateBox(QDateEdit):
    """A target date, or "none". Opening the calendar or stepping from "none" starts at
    today rather than at the placeholder date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("none")
        self.set_day(None)

    @property
    def day(self) -> date | None:
        value = self.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    def set_day(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def _from_today(self) -> None:
        if self.day is None:
            self.setDate(QDate.currentDate())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._from_today()
        super().mousePressEvent(event)

    def stepBy(self, steps: int) -> None:
        if self.day is None:
            self._from_today()
            return
        super().stepBy(steps)


def pain_point_lines(project: Project) -> dict[str, tuple[str, NumberedPainPoint]]:
    """Every pain point of the project (resolved too) by id: its blueprint's name and its
    numbered entry (the number it has on the overlay)."""
    lines: dict[str, tuple[str, NumberedPainPoint]] = {}
    for blueprint in project.blueprints:
        for entry in numbered_pain_points(blueprint, include_resolved=True):
            lines[entry.id] = (blueprint.name, entry)
    return lines


def pain_point_text(blueprint_name: str, entry: NumberedPainPoint) -> str:
    resolved = " · resolved" if entry.resolved else ""
    text = shorten(" ".join(entry.text.split()) or "(no description)", PAIN_TEXT_CHARS)
    step = f"{entry.stage_title} › {entry.step_title}" if entry.stage_title else entry.step_title
    return (
        f"{entry.number}. {text}\n"
        f"severity {entry.severity} · {entry.perspective}{resolved} · {blueprint_name}: {step}"
    )


class PainPointPicker(QDialog):
    """Choose pain points to link: those of every blueprint not linked yet, with a filter."""

    def __init__(
        self,
        parent: QWidget,
        lines: dict[str, tuple[str, NumberedPainPoint]],
        linked: Sequence[str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("painPointPicker")
        self.setWindowTitle("Link Pain Points")
        self.filter = QLineEdit()
        self.filter.setObjectName("painPointFilter")
        self.filter.setPlaceholderText("Filter by words in the pain point or where it is")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter pain points")
        self.choices = QListWidget()
        self.choices.setObjectName("painPointChoices")
        self.choices.setAccessibleName("Pain points to link")
        self.choices.setAlternatingRowColors(True)
        self.choices.setWordWrap(True)
        for pain_id, (name, entry) in lines.items():
            if pain_id in linked:
                continue
            item = QListWidgetItem(pain_point_text(name, entry))
            item.setData(Qt.ItemDataRole.UserRole, pain_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        self.choices.itemActivated.connect(self._toggle)
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("linkButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.filter)
        column.addWidget(self.choices, 1)
        if not self.choices.count():
            none = QLabel("Every pain point of the project is linked already.")
            none.setObjectName("noPainPointsLabel")
            column.addWidget(none)
        column.addWidget(buttons)
        self.resize(620, 460)

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.choices.count()):
            item = self.choices.item(row)
            content = item.text().casefold()
            item.setHidden(not all(word in content for word in words))

    def chosen(self) -> list[str]:
        return [
            self.choices.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.choices.count())
            if self.choices.item(row).checkState() == Qt.CheckState.Checked
        ]


class OpportunityDialog(QDialog):
    """New Opportunity (``opportunity`` None, linked to ``pain_point_ids``) or Edit
    Opportunity. ``command()`` after OK gives what to push (None when nothing changed)."""

    def __init__(
        self,
        parent: QWidget | None,
        project: Project,
        opportunity: Opportunity | None = None,
        pain_point_ids: Sequence[str] = (),
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opportunityDialog")
        self.opportunity_id = opportunity.id if opportunity is not None else None
        self.setWindowTitle("Edit Opportunity" if opportunity else "New Opportunity")
        self.lines = pain_point_lines(project)
        self.original = _values_of(opportunity) if opportunity is not None else {}
        self.original_links = [p.id for p in opportunity.pain_points] if opportunity else []
        self._build()
        self._show(opportunity, pain_point_ids)
        if read_only:
            self._only_show()
        self.title.setFocus()
        self.resize(900, 660)

    def _only_show(self) -> None:
        """A read-only project: the fields are shown, nothing can be changed."""
        self.setWindowTitle("Opportunity (read-only)")
        for edit in (self.title, self.underserved, self.owner):
            edit.setReadOnly(True)
        for box in (self.description, self.measure):
            box.setReadOnly(True)
        for widget in (
            *self.scores.values(),
            self.people,
            self.quick_win,
            self.exemplar,
            self.scale,
            self.status,
            self.target,
            self.link_button,
            self.unlink_button,
            self.findChild(QToolButton, "clearTargetDateButton"),
        ):
            widget.setEnabled(False)
        self.ok_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self.linked.itemSelectionChanged.disconnect(self._follow_selection)

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setObjectName("titleEdit")
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(
            "A short name for the change, e.g. Reminder by a trusted contact"
        )
        self.description = _text_box("descriptionEdit", 2)
        self.scores = {
            field: ScoreBox(CONDITION_WORDS if field not in ("impact", "effort") else SIZE_WORDS)
            for field in SCORE_LABELS
        }
        for field, box in self.scores.items():
            box.setObjectName(f"{_camel(field)}Box")
            box.setToolTip(SCORE_TIPS[field])
        self.people = CountBox()
        self.people.setObjectName("peopleAffectedBox")
        self.underserved = QLineEdit()
        self.underserved.setObjectName("underservedGroupEdit")
        self.underserved.setMaxLength(200)
        self.underserved.setPlaceholderText("e.g. People without a mobile phone")
        self.quick_win = QCheckBox("&Quick win: can ship while bigger changes are funded")
        self.quick_win.setObjectName("quickWinCheck")
        self.exemplar = QCheckBox("E&xemplar: a pilot others can learn from")
        self.exemplar.setObjectName("exemplarCheck")
        self.scale = QComboBox()
        self.scale.setObjectName("scaleBox")
        self.scale.addItem("Not set", None)
        for scale in Scale:
            self.scale.addItem(scale.value.capitalize(), scale.value)
        self.status = QComboBox()
        self.status.setObjectName("statusBox")
        for status in OpportunityStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.owner = QLineEdit()
        self.owner.setObjectName("ownerEdit")
        self.owner.setMaxLength(200)
        self.owner.setPlaceholderText("Who leads it")
        self.target = DateBox()
        self.target.setObjectName("targetDateEdit")
        clear_date = QToolButton()
        clear_date.setObjectName("clearTargetDateButton")
        clear_date.setText("No date")
        clear_date.setToolTip("Clear the target date")
        clear_date.clicked.connect(lambda: self.target.set_day(None))
        self.measure = _text_box("measureEdit", 2)
        self.linked = QListWidget()
        self.linked.setObjectName("linkedPainPointsList")
        self.linked.setAccessibleName("Pain points it answers")
        self.linked.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.linked.setAlternatingRowColors(True)
        self.linked.setWordWrap(True)
        self.link_button = QPushButton("&Link Pain Points…")
        self.link_button.setObjectName("linkPainPointsButton")
        self.link_button.clicked.connect(self._pick)
        self.unlink_button = QPushButton("U&nlink")
        self.unlink_button.setObjectName("unlinkPainPointsButton")
        self.unlink_button.clicked.connect(self._unlink_selected)
        self.linked.itemSelectionChanged.connect(self._follow_selection)
        self.conditions_hint = QLabel()
        self.conditions_hint.setObjectName("conditionsHint")
        self.conditions_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.conditions_hint.setWordWrap(True)
        for field in ("management_interest", "operational_capacity", "capability"):
            self.scores[field].currentIndexChanged.connect(self._show_conditions)

        self._labels: list[QLabel] = []
        what = QFormLayout()
        self._row(what, "&Title", self.title)
        self._row(what, "&Description", self.description)
        self._labels = []
        conditions = QFormLayout()
        for field in ("management_interest", "operational_capacity", "capability"):
            self._row(conditions, SCORE_LABELS[field], self.scores[field])
        conditions.addRow(self.conditions_hint)
        benefit = QFormLayout()
        self._row(benefit, SCORE_LABELS["impact"], self.scores["impact"])
        self._row(benefit, SCORE_LABELS["effort"], self.scores["effort"])
        benefit.addRow(self.quick_win)
        benefit.addRow(self.exemplar)
        self._align_labels(self._labels)
        self._labels = []
        who = QFormLayout()
        self._row(who, "&People affected", self.people)
        self._row(who, "Under&served group", self.underserved)
        self._row(who, "Sc&ale", self.scale)
        plan = QFormLayout()
        self._row(plan, "Stat&us", self.status)
        self._row(plan, "&Owner", self.owner)
        date_row = QHBoxLayout()
        date_row.addWidget(self.target, 1)
        date_row.addWidget(clear_date)
        label = QLabel("Ta&rget date")
        label.setBuddy(self.target)
        self.target.setAccessibleName("Target date")
        plan.addRow(label, date_row)
        self._labels.append(label)
        self._row(plan, "&How success is measured", self.measure)
        self._align_labels(self._labels)
        links = QVBoxLayout()
        links.addWidget(self.linked, 1)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.link_button)
        link_buttons.addWidget(self.unlink_button)
        link_buttons.addStretch(1)
        links.addLayout(link_buttons)

        left = QVBoxLayout()
        left.addWidget(_group("Conditions for a pilot to succeed", conditions))
        left.addWidget(_group("Benefit and effort", benefit))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group("Who it is for", who))
        right.addWidget(_group("Plan", plan))
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._follow_title)
        page = QVBoxLayout(self)
        page.addWidget(_group("The change", what))
        page.addLayout(columns)
        page.addWidget(_group("Pain points it answers", links), 1)
        page.addWidget(self.buttons)

    def _row(self, form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(text.replace("&", ""))
        form.addRow(label, field)
        self._labels.append(label)

    def _align_labels(self, labels: list[QLabel]) -> None:
        """The labels of one column's groups as wide as the widest, so fields line up."""
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    # -- showing -------------------------------------------------------------------------------

    def _show(self, opportunity: Opportunity | None, pain_point_ids: Sequence[str]) -> None:
        values = self.original
        self.title.setText(values.get("title", ""))
        self.description.setPlainText(values.get("description", ""))
        for field, box in self.scores.items():
            box.set_score(values.get(field))
        self.people.set_count(values.get("people_affected"))
        self.underserved.setText(values.get("underserved_group", ""))
        self.quick_win.setChecked(values.get("quick_win", False))
        self.exemplar.setChecked(values.get("exemplar", False))
        self.scale.setCurrentIndex(max(0, self.scale.findData(values.get("scale"))))
        status = values.get("status", OpportunityStatus.IDEA.value)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.owner.setText(values.get("owner", ""))
        self.target.set_day(values.get("target_date"))
        self.measure.setPlainText(values.get("measure", ""))
        for pain_id in list(dict.fromkeys([*self.original_links, *pain_point_ids])):
            self._add_link(pain_id)
        self._follow_title()
        self._show_conditions()
        self._follow_selection()

    def _add_link(self, pain_id: str) -> None:
        if pain_id in self.linked_ids() or pain_id not in self.lines:
            return
        item = QListWidgetItem(pain_point_text(*self.lines[pain_id]))
        item.setData(Qt.ItemDataRole.UserRole, pain_id)
        self.linked.addItem(item)

    def _show_conditions(self) -> None:
        candidate = Candidate(
            id="",
            title="",
            **{field: self.scores[field].score for field, _words in CONDITIONS},
        )
        missing = missing_conditions(candidate)
        if not missing:
            text = "All three conditions are met: it is ranked."
        else:
            parts = ", ".join(f"{m.words} ({m.state})" for m in missing)
            text = f"Prepare the ground first: needs {parts}. Each is met at 3 or more."
        self.conditions_hint.setText(text)

    def _follow_title(self) -> None:
        self.ok_button.setEnabled(bool(self.title.text().strip()))

    def _follow_selection(self) -> None:
        self.unlink_button.setEnabled(bool(self.linked.selectedItems()))

    def _pick(self) -> None:
        picker = PainPointPicker(self, self.lines, self.linked_ids())
        if picker.exec() == QDialog.DialogCode.Accepted:
            for pain_id in picker.chosen():
                self._add_link(pain_id)

    def _unlink_selected(self) -> None:
        for item in self.linked.selectedItems():
            self.linked.takeItem(self.linked.row(item))

    # -- what was chosen ---------------------------------------------------------------------

    def linked_ids(self) -> list[str]:
        return [
            self.linked.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.linked.count())
        ]

    def values(self) -> dict[str, Any]:
        """Every field as the form has it now."""
        values: dict[str, Any] = {
            "title": self.title.text().strip(),
            "description": self.description.toPlainText(),
            **{field: box.score for field, box in self.scores.items()},
            "people_affected": self.people.count,
            "underserved_group": self.underserved.text().strip(),
            "quick_win": self.quick_win.isChecked(),
            "exemplar": self.exemplar.isChecked(),
            "scale": self.scale.currentData(),
            "status": self.status.currentData(),
            "owner": self.owner.text().strip(),
            "measure": self.measure.toPlainText(),
            "target_date": self.target.day,
        }
        return values

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the opportunity as it was (all, for a new one)."""
        return {k: v for k, v in self.values().items() if self.original.get(k, _UNSET) != v}

    def command(self) -> EditCommand | None:
        values = self.values()
        links = self.linked_ids()
        if self.opportunity_id is None:
            title = values.pop("title")
            return AddOpportunityCommand(title, links, **values)
        commands: list[EditCommand] = []
        changes = self.changes()
        if changes:
            commands.append(EditOpportunityCommand(self.opportunity_id, **changes))
        added = [i for i in links if i not in self.original_links]
        removed = [i for i in self.original_links if i not in links]
        if added:
            commands.append(LinkPainPointsCommand(self.opportunity_id, added, True))
        if removed:
            commands.append(LinkPainPointsCommand(self.opportunity_id, removed, False))
        if len(commands) <= 1:
            return commands[0] if commands else None
        return CommandGroup("Edit opportunity", commands)


_UNSET = object()


def _values_of(opportunity: Opportunity) -> dict[str, Any]:
    values = {
        name: getattr(opportunity, name)
        for name in (
            *TEXT_FIELDS,
            *SCORE_LABELS,
            "people_affected",
            "quick_win",
            "exemplar",
            "target_date",
        )
    }
    for name in TEXT_FIELDS:
        values[name] = values[name] or ""
    values["scale"] = opportunity.scale.value if opportunity.scale is not None else None
    values["status"] = opportunity.status.value
    return values


def _text_box(name: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _group(title: str, layout: QFormLayout | QVBoxLayout) -> QGroupBox:
    group = QGroupBox(title)
    group.setLayout(layout)
    return group


def _camel(field: str) -> str:
    first, *rest = field.split("_")
    return first + "".join(part.capitalize() for part in rest)
