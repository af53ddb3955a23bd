"""The dialogs of commenting: the user's name, asked once at their first comment, and the
comment itself, which says what it goes on and lets the name be changed."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

NAME_LIMIT = 200  # as the model's rule for a comment's author
NAME_HINT = "Your name, shown with your comments"


def _buttons(dialog: QDialog, ok_text: str, ok_name: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName(ok_name)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def _name_edit(name: str, object_name: str) -> QLineEdit:
    edit = QLineEdit(name)
    edit.setObjectName(object_name)
    edit.setMaxLength(NAME_LIMIT)
    edit.setPlaceholderText("e.g. Ann Patel (practice manager)")
    edit.setAccessibleName(NAME_HINT)
    return edit


class AuthorDialog(QDialog):
    """Asked once, before the first comment: who is writing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorDialog")
        self.setWindowTitle("Your name")
        self.setMinimumWidth(380)
        label = QLabel(f"{NAME_HINT}:")
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_edit = _name_edit("", "authorName")
        label.setBuddy(self.name_edit)
        hint = QLabel(
            "Everyone who opens this project sees it beside what you write. "
            "You can change it in the comment dialog."
        )
        hint.setObjectName("authorHint")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.buttons, ok = _buttons(self, "Continue", "okButton")
        ok.setEnabled(False)
        self.name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        column = QVBoxLayout(self)
        column.addWidget(label)
        column.addWidget(self.name_edit)
        column.addWidget(hint)
        column.addWidget(self.buttons)

    def ask(self) -> str | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.name_edit.text().strip() or None


@dataclass(frozen=True)
class CommentRequest:
    author: str
    text: str


class CommentDialog(QDialog):
    """A comment on one item or on each of several: ``target`` says what it goes on, in a
    sentence ("On the card “Receives letter” in Physical health check.")."""

    def __init__(
        self,
        parent: QWidget | None,
        target: str,
        author: str,
        *,
        reply: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commentDialog")
        self.setWindowTitle("Reply to Comment" if reply else "Add Comment")
        self.setMinimumWidth(500)
        self.target = QLabel(target)
        self.target.setObjectName("commentTarget")
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        self.target.setWordWrap(True)
        font = self.target.font()
        font.setBold(True)
        self.target.setFont(font)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("commentText")
        self.text_edit.setAccessibleName("Comment")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(
            "What you noticed, a question or a suggestion. Ctrl+Enter adds it."
        )
        self.text_edit.setMinimumHeight(110)

        self.author_edit = _name_edit(author, "commentAuthor")
        form = QFormLayout()
        form.addRow("Your name:", self.author_edit)

        ok_text = "Add Reply" if reply else "Add Comment"
        self.buttons, self.ok = _buttons(self, ok_text, "addCommentButton")
        self.text_edit.textChanged.connect(self._check)
        self.author_edit.textChanged.connect(self._check)
        self._check()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._accept_if_ready)

        column = QVBoxLayout(self)
        column.addWidget(self.target)
        column.addWidget(self.text_edit, 1)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.text_edit.setFocus()

    def _check(self) -> None:
        self.ok.setEnabled(self.ready())

    def ready(self) -> bool:
        return bool(self.text_edit.toPlainText().strip() and self.author_edit.text().strip())

    def _accept_if_ready(self) -> None:
        if self.ready():
            self.accept()

    def request(self) -> CommentRequest:
        return CommentRequest(self.author_edit.text().strip(), self.text_edit.toPlainText().strip())

    def ask(self) -> CommentRequest | None:
        return self.request() if self.exec() == QDialog.DialogCode.Accepted else None
