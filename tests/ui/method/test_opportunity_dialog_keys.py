"""The opportunity form from the keyboard: every Alt+letter goes to one field, so a
facilitator scoring candidates in a workshop reaches each field with one key press."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow
from app.ui.method.opportunity_dialog import OpportunityDialog

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    return make_window(sample_file)


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_no_two_fields_share_an_alt_letter(window) -> None:
    dialog = OpportunityDialog(window, window.workspace.document.project)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    letters = Counter(m for text in texts if (m := mnemonic(text)) is not None)
    assert [letter for letter, count in letters.items() if count > 1] == []
    dialog.deleteLater()


def test_each_alt_letter_goes_to_its_field(window, answers, qtbot) -> None:
    reached: list[tuple[str, bool]] = []

    def respond(dialog: OpportunityDialog) -> None:
        for label in dialog.findChildren(QLabel):
            letter = mnemonic(label.text())
            if letter is None or label.buddy() is None:
                continue
            qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)  # start somewhere else each time
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key(ord(letter.upper())), ALT)
            focused = QApplication.focusWidget()
            buddy = label.buddy()
            reached.append((label.text(), focused is buddy or buddy.isAncestorOf(focused)))
        dialog.reject()

    answers.expect(OpportunityDialog, respond)
    window.findChild(type(window.menu_actions.new), "newOpportunityAction").trigger()
    assert len(reached) >= 14
    assert [text for text, ok in reached if not ok] == []
