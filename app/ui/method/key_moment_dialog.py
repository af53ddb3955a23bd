"""Marking a step as a key moment: a small dialog asking how much the moment matters to the
service user and to the provider (0-5) and why, and the step menu's "Key moment…" and
"Clear key moment" entries. Each ends in one SetKeyMomentCommand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.editing.commands.base import EditCommand
from app.editing.commands.method import SetKeyMomentCommand
from app.model.structure import Step
from app.ui.properties.fields import PlainTextField, muted
from app.ui.properties.step_form import (
    DEFAULT_IMPORTANCE,
    SWEET_SPOT_TEXT,
    ImportanceBox,
    is_sweet_spot,
)

Push = Callable[[EditCommand], bool]


class KeyMomentDialog(QDialog):
    """The two importances and a note; OK marks (or updates) the key moment."""

    def __init__(
        self,
        parent: QWidget | None,
        step_title: str,
        to_user: int = DEFAULT_IMPORTANCE,
        to_provider: int = DEFAULT_IMPORTANCE,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyMomentDialog")
        self.setWindowTitle("Key moment")
        self.setMinimumWidth(420)

        intro = QLabel(f"How much does “{step_title}” matter, from 0 (not at all) to 5?")
        intro.setObjectName("keyMomentIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.to_user = ImportanceBox()
        self.to_user.setValue(to_user)
        self.to_provider = ImportanceBox()
        self.to_provider.setValue(to_provider)
        self.note = PlainTextField(3)
        self.note.setPlainText(note)
        self.note.setPlaceholderText("Why this moment matters")
        for widget, name, accessible in (
            (self.to_user, "keyMomentUserBox", "Importance to the service user"),
            (self.to_provider, "keyMomentProviderBox", "Importance to the provider"),
            (self.note, "keyMomentNoteEdit", "Note"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        # In a dialog, typing a number and pressing Enter should count before OK does.
        for box in (self.to_user, self.to_provider):
            box.setKeyboardTracking(True)

        self.sweet_spot = QLabel(SWEET_SPOT_TEXT)
        self.sweet_spot.setObjectName("keyMomentSweetSpot")
        self.sweet_spot.setTextFormat(Qt.TextFormat.PlainText)
        self.sweet_spot.setStyleSheet(
            "#keyMomentSweetSpot { color: #6b4e00; background: #fdf3d0; padding: 3px 6px;"
            " border-radius: 3px; font-weight: bold; }"
        )
        hint = QLabel(
            "Where a moment matters to both (4 or more each), it is the sweet spot to "
            "optimise first."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        muted(hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for text, field in (
            ("Importance to the service &user", self.to_user),
            ("Importance to the &provider", self.to_provider),
            ("&Note", self.note),
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Mark key moment")
        ok.setObjectName("okButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.sweet_spot, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(hint)
        column.addWidget(self.buttons)

        self.to_user.valueChanged.connect(lambda _value: self._show_sweet_spot())
        self.to_provider.valueChanged.connect(lambda _value: self._show_sweet_spot())
        self._show_sweet_spot()
        self.to_user.setFocus()
        self.to_user.selectAll()

    def _show_sweet_spot(self) -> None:
        self.sweet_spot.setVisible(is_sweet_spot(self.to_user.value(), self.to_provider.value()))

    def values(self) -> tuple[int, int, str]:
        return self.to_user.value(), self.to_provider.value(), self.note.toPlainText().strip()

    def ask(self) -> tuple[int, int, str] | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None


def mark_key_moment(parent: QWidget | None, step: Step, push: Push) -> bool:
    """Ask for the step's key moment (starting from the one it has) and push it."""
    moment = step.key_moment
    if moment is None:
        dialog = KeyMomentDialog(parent, step.title)
    else:
        dialog = KeyMomentDialog(
            parent,
            step.title,
            moment.importance_to_user,
            moment.importance_to_provider,
            moment.note,
        )
    step_id = step.id
    answer = dialog.ask()
    dialog.deleteLater()
    if answer is None:
        return False
    return push(SetKeyMomentCommand(step_id, *answer))


def key_moment_actions(menu: QMenu, step: Step, push: Push) -> None:
    """The step menu's "Key moment…" and "Clear key moment"."""
    mark = menu.addAction("Key moment…\tK")
    mark.setObjectName("keyMomentAction")
    mark.triggered.connect(lambda: mark_key_moment(menu.parentWidget(), step, push))
    clear = menu.addAction("Clear key moment")
    clear.setObjectName("clearKeyMomentAction")
    clear.setEnabled(step.key_moment is not None)
    step_id = step.id
    clear.triggered.connect(lambda: push(SetKeyMomentCommand(step_id, None, None)))
