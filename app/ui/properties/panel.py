"""The properties dock's contents: the selected card's fields, a summary of several
selected cards, or a hint when nothing is selected. Every edit is a command pushed on the
document; the panel follows ``document.changed`` and never writes the model itself."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.editing.commands.base import EditCommand
from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.structure import Card, Step
from app.ui.method.comments_dock import CommentsLink
from app.ui.properties.card_form import CardForm
from app.ui.properties.pain_points_section import PainPointsSection
from app.ui.properties.several_cards import SeveralCardsForm
from app.ui.properties.step_form import StepForm
from app.ui.wording import sentence

NOTHING_SELECTED = (
    "Select a card on the canvas, or a cell of the table, to see its text, lane, step, "
    "actor, channel, systems, duration, flags and notes here, and to change them.\n\n"
    "Select several cards to mark them all as fail points or wait points.\n\n"
    "Click a step's header to see how people feel there and whether it is a key moment."
)
NO_PROJECT = "Open a project and select a card to see its properties here."
ERROR_STYLE = "#propertiesError { color: #9b1c1c; background: #fdecec; padding: 6px; }"


class PropertiesPanel(QWidget):
    failed = Signal(str)  # an edit was refused; the message says why (also shown here)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesPanel")
        self.setAccessibleName("Properties")
        self.document: EditingDocument | None = None
        self.card_ids: list[str] = []
        self.step_id: str | None = None  # a step shown instead of cards

        self.empty_heading = QLabel("No card selected")
        self.empty_heading.setObjectName("propertiesEmptyHeading")
        font = self.empty_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_heading.setFont(font)
        self.empty_hint = QLabel(NO_PROJECT)
        self.empty_hint.setObjectName("propertiesEmptyHint")
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setWordWrap(True)
        self.empty = QWidget()
        self.empty.setObjectName("propertiesEmpty")
        empty_column = QVBoxLayout(self.empty)
        empty_column.setContentsMargins(0, 0, 0, 0)
        empty_column.addWidget(self.empty_heading)
        empty_column.addWidget(self.empty_hint)
        empty_column.addStretch(1)

        self.card_form = CardForm()
        self.several = SeveralCardsForm()
        self.pain_points = PainPointsSection()  # under the card's fields
        self.comments_link = CommentsLink()  # "2 comments": the card's or step's, in their dock
        self.step_form = StepForm()
        self.pages = (self.empty, self.card_form, self.several, self.step_form)
        self.current_page: QWidget = self.empty

        self.error = QLabel()
        self.error.setObjectName("propertiesError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Edit refused")
        self.error.hide()

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(10, 10, 10, 10)
        column.addWidget(self.error)
        for page in self.pages:
            column.addWidget(page)
        column.addWidget(self.pain_points)
        column.addWidget(self.comments_link)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("propertiesScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.card_form.command_requested.connect(self.push)
        self.several.command_requested.connect(self.push)
        self.step_form.command_requested.connect(self.push)
        self.pain_points.command_requested.connect(self.push)
        self._show_page(self.empty)

    # -- what is shown ------------------------------------------------------------------

    def show_cards(self, document: EditingDocument | None, card_ids: Sequence[str]) -> None:
        """Show the cards ``card_ids`` of ``document`` (none: the empty state). What is
        typed for the card shown before is committed first."""
        self.commit_pending()
        if document is not self.document:
            self._follow(document)
        self.card_ids = list(dict.fromkeys(card_ids)) if document is not None else []
        self.step_id = None
        self.error.hide()
        self.refresh()

    def show_step(self, document: EditingDocument | None, step_id: str) -> None:
        """Show one step of ``document``: its emotion, key moment and pain points."""
        self.commit_pending()
        if document is not self.document:
            self._follow(document)
        self.card_ids = []
        self.step_id = step_id if document is not None else None
        self.error.hide()
        self.refresh()

    def clear(self) -> None:
        self.show_cards(None, [])

    def commit_pending(self) -> None:
        """Commit text typed in the panel that has not reached the model yet (call before
        saving or closing)."""
        if self.current_page is self.card_form and self.document is not None:
            self.card_form.commit_pending()
        if self.current_page is self.step_form and self.document is not None:
            self.step_form.commit_pending()

    def refresh(self) -> None:
        if self.document is not None and not isValid(self.document):
            self.document, self.card_ids, self.step_id = None, [], None  # its project closed
        document = self.document
        self.comments_link.show_for(None, None)
        if self.step_id is not None and document is not None:
            step = document.session.get(Step, self.step_id)
            if step is not None:
                self.comments_link.show_for(document, step)
                self.step_form.show_step(step, document.read_only)
                self.pain_points.show_for(document, step)
                self._show_page(self.step_form)
                return
            self.step_id = None  # the step was deleted
        cards: list[Card] = []
        if document is not None:
            session = document.session
            cards = [card for i in self.card_ids if (card := session.get(Card, i)) is not None]
            self.card_ids = [card.id for card in cards]
        if not cards:
            self.empty_hint.setText(NOTHING_SELECTED if document is not None else NO_PROJECT)
            self._show_page(self.empty)
        elif len(cards) == 1:
            self.card_form.show_card(cards[0], document.read_only)
            self.pain_points.show_for(document, cards[0])
            self.comments_link.show_for(document, cards[0])
            self._show_page(self.card_form)
        else:
            self.several.show_cards(cards, document.read_only)
            self._show_page(self.several)

    # -- editing ------------------------------------------------------------------------

    def push(self, command: EditCommand) -> bool:
        if self.document is None or not isValid(self.document):
            return False
        try:
            self.document.push(command)
        except StagecraftError as error:
            self.error.setText(sentence(str(error)))
            self.error.show()
            self.failed.emit(str(error))
            self.refresh()  # show the model as it is, not the refused value
            return False
        self.error.hide()
        return True

    # -- following the document -----------------------------------------------------------

    def _follow(self, document: EditingDocument | None) -> None:
        old = self.document
        if old is not None and isValid(old):
            with suppress(RuntimeError, TypeError):
                old.changed.disconnect(self._changed)
        self.document = document
        if document is not None:
            document.changed.connect(self._changed)

    def _changed(self, changes: ChangeSet) -> None:
        # Any change may touch the shown cards: their fields, their lane or step (renamed,
        # deleted), the catalogue. Reading one card (or a selection) again is cheap.
        if changes.structure_changed or changes.blueprints_changed:
            self.card_form.structure_changed()
        if self.card_ids or self.step_id is not None:
            self.refresh()

    def _show_page(self, page: QWidget) -> None:
        # Hidden pages take no room, so the short ones are not as tall as the form.
        self.current_page = page
        for other in self.pages:
            other.setVisible(other is page)
        self.pain_points.setVisible(page in (self.card_form, self.step_form))
