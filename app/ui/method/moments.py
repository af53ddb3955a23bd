"""Emotions and key moments in the window: a click on a step's header shows the step in the
properties dock (its emotion and key moment), Method → Mark Key Moment… (K) asks for the
selected step's key moment, and View → Overlays → Emotion Curve shows the band above each
canvas whose points are dragged to set how people feel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.canvas.emotion_band import band_data, show_band
from app.editing.commands.method import SetEmotionCommand
from app.model.changes import ChangeSet
from app.model.structure import Card, Step
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.method import method_menu, overlays_menu
from app.ui.method.key_moment_dialog import mark_key_moment

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

NOTHING_TO_MARK = "Select a step (click its header) or a card first, then mark its key moment."
MESSAGE_MS = 6000


class Moments(QObject):
    """The window's emotions and key moments: its actions, and each canvas followed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("moments")
        self.window = window
        self.curve_action = QAction("&Emotion Curve", window)
        self.curve_action.setObjectName("emotionCurveAction")
        self.curve_action.setCheckable(True)
        self.curve_action.setStatusTip(
            "Show how the service user and staff feel at each step, and the key moments, "
            "above the map; drag a point to change it"
        )
        overlays_menu(window).addAction(self.curve_action)
        self.mark_action = QAction("Mark &Key Moment…", window)
        self.mark_action.setObjectName("markKeyMomentAction")
        self.mark_action.setShortcut(QKeySequence("K"))
        self.mark_action.setStatusTip(
            "Mark the selected step (or the step of the selected card) as a key moment, "
            "with its importance to the service user and to the provider"
        )
        method_menu(window).addAction(self.mark_action)

        self.curve_action.toggled.connect(self._show_bands)
        self.mark_action.triggered.connect(self.mark_selected)
        workspace = window.workspace
        workspace.editor_made.connect(self.follow)
        workspace.stack.currentChanged.connect(lambda _index: self._show_selected_step())
        for editor in workspace.editors.values():
            self.follow(editor)

    # -- each canvas -----------------------------------------------------------------------

    def follow(self, editor: BlueprintEditor) -> None:
        view = editor.view
        view.step_selected.connect(lambda step_id: self._step_selected(editor, step_id))
        view.emotion_requested.connect(
            lambda step_id, user, staff: editor.push(SetEmotionCommand(step_id, user, staff))
        )
        editor.laid_out.connect(lambda changes: self._laid_out(editor, changes))
        self.show_band(editor)

    def show_band(self, editor: BlueprintEditor) -> None:
        """Draw (or take away) the editor's emotion band as the model has it now."""
        scene = editor.view.blueprint_scene
        blueprint = editor.blueprint
        if scene is None:
            return
        data = None
        if self.curve_action.isChecked() and blueprint is not None:
            data = band_data(blueprint, editor.layout_engine.geometry)
        show_band(scene, data, editable=not editor.document.read_only)

    def _show_bands(self) -> None:
        for editor in self.window.workspace.editors.values():
            self.show_band(editor)

    def _laid_out(self, editor: BlueprintEditor, changes: ChangeSet) -> None:
        if changes.moments_changed or changes.structure_changed:
            self.show_band(editor)

    # -- the step in the properties dock ---------------------------------------------------

    def _step_selected(self, editor: BlueprintEditor, step_id: str) -> None:
        if editor is not self.window.workspace.current:
            return
        properties, document = self.window.properties, self.window.workspace.document
        if step_id:
            properties.show_step(document, step_id)
        elif properties.step_id is not None:
            properties.show_cards(document, editor.view.selected_card_ids())

    def _show_selected_step(self) -> None:
        """Back on a blueprint whose step is selected: the dock shows that step again."""
        editor = self.window.workspace.current
        if editor is not None and editor.view.selected_step is not None:
            self.window.properties.show_step(
                self.window.workspace.document, editor.view.selected_step
            )

    # -- Method → Mark Key Moment… -----------------------------------------------------------

    def target_step(self) -> Step | None:
        """The selected step, or else the step of the first selected card."""
        editor = self.window.workspace.current
        if editor is None:
            return None
        session = editor.document.session
        view = editor.view
        if view.selected_step is not None:
            return session.get(Step, view.selected_step)
        cards = view.selected_card_ids()
        card = session.get(Card, cards[0]) if cards else None
        return card.step if card is not None else None

    def mark_selected(self) -> bool:
        editor = self.window.workspace.current
        step = self.target_step()
        if editor is None or step is None:
            self.window.statusBar().showMessage(NOTHING_TO_MARK, MESSAGE_MS)
            return False
        return mark_key_moment(self.window, step, editor.push)


def install(window: MainWindow) -> None:
    """Add the emotion curve, the step page's wiring and Mark Key Moment… to the window."""
    window.moments = Moments(window)
