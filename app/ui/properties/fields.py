"""Small field widgets of the properties panel: plain-text boxes that say when they are
left, a minutes box that may be empty, combo boxes the mouse wheel cannot change by
accident, and a check box that shows "some of them" but only ever sets all or none."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QPalette, QValidator, QWheelEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QSpinBox, QWidget


class PlainTextField(QPlainTextEdit):
    """Multi-line plain text (pasted rich text arrives as text); Tab moves on, so the
    panel stays keyboard reachable; ``left`` says focus went elsewhere (commit then)."""

    left = Signal()

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        padding = 2 * int(self.document().documentMargin())
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + frame + padding)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def show_text(self, text: str) -> None:
        """Show ``text`` without a change signal, keeping the cursor where it was (an
        undo while the box has focus must not throw the cursor to the start)."""
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        self.blockSignals(True)
        try:
            self.setPlainText(text)
        finally:
            self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)


class ChoiceBox(QComboBox):
    """A combo box that takes wheel turns only when it has focus: scrolling the panel
    past the lane box must not move the card to another lane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class MinutesBox(QSpinBox):
    """Whole minutes, or empty for "not recorded" (``minutes`` is then None)."""

    EMPTY = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.EMPTY, 99_999)
        # valueChanged only on Enter, leaving the box or the arrows: one edit, not one
        # per digit typed.
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.lineEdit().setPlaceholderText("none")

    @property
    def minutes(self) -> int | None:
        value = self.value()
        return None if value == self.EMPTY else value

    def show_minutes(self, minutes: int | None) -> None:
        self.blockSignals(True)
        try:
            self.setValue(self.EMPTY if minutes is None else minutes)
        finally:
            self.blockSignals(False)

    def textFromValue(self, value: int) -> str:
        return "" if value == self.EMPTY else str(value)

    def valueFromText(self, text: str) -> int:
        text = text.strip()
        return self.EMPTY if not text else int(text)

    def validate(self, text: str, position: int) -> Any:
        stripped = text.strip()
        if not stripped:
            return QValidator.State.Acceptable, text, position
        if not stripped.isdigit():
            return QValidator.State.Invalid, text, position
        return super().validate(text, position)

    def fixup(self, text: str) -> str:
        return text.strip()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class MixedCheckBox(QCheckBox):
    """A flag of several cards: checked, unchecked, or partly (some cards have it). A
    click never chooses "partly": it sets the flag on all the cards, or then clears it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTristate(True)

    def nextCheckState(self) -> None:
        checked = self.checkState() == Qt.CheckState.Checked
        self.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def show_values(self, values: list[bool]) -> None:
        if all(values):
            state = Qt.CheckState.Checked
        elif any(values):
            state = Qt.CheckState.PartiallyChecked
        else:
            state = Qt.CheckState.Unchecked
        self.blockSignals(True)
        try:
            self.setCheckState(state)
        finally:
            self.blockSignals(False)


def set_quietly(widget: QWidget, setter: str, value: Any) -> None:
    """Call ``widget.setter(value)`` without change signals: showing the model is not an
    edit of it."""
    widget.blockSignals(True)
    try:
        getattr(widget, setter)(value)
    finally:
        widget.blockSignals(False)


def muted(label: QLabel) -> None:
    """Draw a hint in the style's colour for secondary text (still enabled, so screen
    readers read it as usual)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
