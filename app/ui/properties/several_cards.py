"""What the properties panel shows for several selected cards: how many, which, and the
fail point and wait point flags, set on all of them at once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.editing.commands.cards import set_card_flag
from app.model.structure import Card
from app.ui.properties.fields import MixedCheckBox, muted

CARDS_NAMED = 5  # the first few selected cards are named; the rest are counted


def first_line(text: str, limit: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "(no text)"
    return line if len(line) <= limit else line[: limit - 1] + "…"


class SeveralCardsForm(QWidget):
    command_requested = Signal(object)  # an EditCommand on the selected cards

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("severalCardsForm")
        self.card_ids: list[str] = []

        self.heading = QLabel()
        self.heading.setObjectName("selectionHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.names = QLabel()
        self.names.setObjectName("selectionNames")
        self.names.setTextFormat(Qt.TextFormat.PlainText)
        self.names.setWordWrap(True)
        self.names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fail_point = MixedCheckBox("Fa&il point")
        self.fail_point.setObjectName("selectionFailPointCheck")
        self.fail_point.setAccessibleName("Fail point, for all selected cards")
        self.wait_point = MixedCheckBox("&Wait point")
        self.wait_point.setObjectName("selectionWaitPointCheck")
        self.wait_point.setAccessibleName("Wait point, for all selected cards")
        hint = QLabel(
            "A flag that only some of the cards have shows as partly ticked; "
            "ticking it sets it on all of them. Select one card to edit its text "
            "and details."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        muted(hint)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.names)
        column.addSpacing(8)
        column.addWidget(self.fail_point)
        column.addWidget(self.wait_point)
        column.addSpacing(8)
        column.addWidget(hint)
        column.addStretch(1)
        QWidget.setTabOrder(self.fail_point, self.wait_point)

        self.fail_point.clicked.connect(lambda: self._flag(self.fail_point, "fail_point"))
        self.wait_point.clicked.connect(lambda: self._flag(self.wait_point, "wait_point"))

    def show_cards(self, cards: Sequence[Card], read_only: bool) -> None:
        self.card_ids = [card.id for card in cards]
        self.heading.setText(f"{len(cards)} cards selected")
        names = [f"• {first_line(card.text)}" for card in cards[:CARDS_NAMED]]
        if len(cards) > CARDS_NAMED:
            names.append(f"and {len(cards) - CARDS_NAMED} more")
        self.names.setText("\n".join(names))
        self.fail_point.show_values([card.fail_point for card in cards])
        self.wait_point.show_values([card.wait_point for card in cards])
        for box in (self.fail_point, self.wait_point):
            box.setEnabled(not read_only)

    def _flag(self, box: MixedCheckBox, flag: str) -> None:
        if self.card_ids:
            on = box.checkState() == Qt.CheckState.Checked
            self.command_requested.emit(set_card_flag(self.card_ids, flag, on))
