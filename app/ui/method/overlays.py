"""View → Overlays: what the canvas draws over the map besides the pain-point badges,
which are always there: pain-point heat, evidence gaps, key moments, wait points with
their waiting time, resolved pain points, and whose pain points count (the perspective).

The switches belong to the window: they apply to every blueprint's canvas in it and are
remembered in the settings for the next window. Each canvas has a MethodFollower that
builds the overlay's data from the model (app/layout/overlay.py) when an edit changed what
it shows, and hands it to the scene's MethodMarks (app/canvas/method_marks.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu
from sqlalchemy import inspect

from app.canvas.method_marks import MethodOptions
from app.layout.overlay import OverlayData, build_overlay, with_moments
from app.model.changes import ChangeSet
from app.model.kinds import Perspective
from app.model.loading import gc_paused, load_blueprints
from app.model.structure import Blueprint, Card
from app.ui.method import overlays_menu
from app.ui.settings import Setting

if TYPE_CHECKING:
    from app.ui.blueprint_editor import BlueprintEditor
    from app.ui.main_window import MainWindow

# (option, object name, text, status tip, setting)
SWITCHES = (
    (
        "heat",
        "painPointHeatAction",
        "Pain-Point &Heat",
        "Shade steps and cells by the summed severity of their pain points",
        Setting("overlays/heat", int, 0, "View → Overlays → Pain-Point Heat is on (1)"),
    ),
    (
        "gaps",
        "evidenceGapsAction",
        "Evidence &Gaps",
        "Hatch the steps with no pain point recorded yet or only assumed ones",
        Setting("overlays/gaps", int, 0, "View → Overlays → Evidence Gaps is on (1)"),
    ),
    (
        "moments",
        "keyMomentsAction",
        "&Key Moments",
        "Outline the key moments; a star marks the sweet spot to optimise first",
        Setting("overlays/moments", int, 1, "View → Overlays → Key Moments is on (1)"),
    ),
    (
        "waits",
        "waitPointsAction",
        "&Wait Points",
        "Highlight the wait points and sum the waiting time per stage and journey",
        Setting("overlays/waits", int, 0, "View → Overlays → Wait Points is on (1)"),
    ),
    (
        "resolved",
        "showResolvedAction",
        "&Resolved Pain Points",
        "Show resolved pain points as grey badges with a tick",
        Setting("overlays/resolved", int, 1, "View → Overlays → Resolved Pain Points is on (1)"),
    ),
)
PERSPECTIVE = Setting(
    "overlays/perspective", str, "all", "whose pain points the badges and the heat count"
)
PERSPECTIVES = (
    (None, "perspectiveAllAction", "&All Perspectives"),
    (Perspective.SERVICE_USER, "perspectiveServiceUserAction", "&Service User"),
    (Perspective.STAFF, "perspectiveStaffAction", "S&taff"),
    (Perspective.PARTNER, "perspectivePartnerAction", "&Partner"),
)


class MethodFollower(QObject):
    """Keeps one canvas's badges and overlays in step with the model. The overlay's data
    is built again only when an edit changed what it shows: the method (pain points, key
    moments), the grid, or a card with pain points or a wait point (added, removed,
    moved, its wait point or time changed). Other edits cost a few set lookups."""

    rebuilt = Signal(object)  # the new OverlayData

    def __init__(self, editor: BlueprintEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.perspective: Perspective | None = None
        self.data: OverlayData | None = None
        # Cards with pain points or a wait point, and where they were when last built.
        self._places: dict[str, tuple] = {}
        self._held: list[Blueprint] = []  # loaded at once, kept so they stay loaded
        editor.laid_out.connect(self.follow)
        self.rebuild()

    def set_view(self, options: MethodOptions, perspective: Perspective | None) -> None:
        scene = self.editor.view.blueprint_scene
        if scene is not None:
            scene.method.set_options(options)
        if perspective != self.perspective:
            self.perspective = perspective
            self.rebuild()

    def follow(self, changes: ChangeSet) -> None:
        if self._needs_rebuild(changes):
            self.rebuild()
        elif changes.moments_changed and self.data is not None:
            # Emotions and key moments only (an emotion point dragged): the pain points
            # stay as they are.
            editor = self.editor
            blueprint = editor.blueprint
            if blueprint is None:
                return
            with gc_paused():
                blueprint = self._loaded(blueprint)
                data = with_moments(self.data, blueprint, editor.layout_engine.geometry)
            self.data = data
            editor.view.blueprint_scene.method.show(data)
            self.rebuilt.emit(data)

    def rebuild(self) -> None:
        editor = self.editor
        blueprint, scene = editor.blueprint, editor.view.blueprint_scene
        if blueprint is None or scene is None:
            return
        geometry = editor.layout_engine.geometry
        with gc_paused():  # thousands of small objects, none of them garbage
            blueprint = self._loaded(blueprint)
            data = build_overlay(blueprint, geometry, perspective=self.perspective)
        self.data = data
        scene.method.show(data)
        minutes = {wait.card_id: wait.minutes for wait in data.wait_cards}
        places = {}
        for card_id in data.pain_cards | minutes.keys():
            places[card_id] = self._place(card_id, card_id in minutes, minutes.get(card_id))
        self._places = places
        self.rebuilt.emit(data)

    def _loaded(self, blueprint: Blueprint) -> Blueprint:
        """The blueprint with every step's cards, pain points, emotion and key moment
        loaded: a few queries for the whole project (app/model/loading.py) instead of one
        per card and step, the first time and after a refused edit expired them all."""
        steps = blueprint.steps
        wanted = {"cards", "pain_points", "emotion", "key_moment"}
        if not steps or not inspect(steps[0]).unloaded & wanted:
            return blueprint
        session = self.editor.document.session
        self._held = load_blueprints(session)
        return session.get(Blueprint, blueprint.id) or blueprint

    def _place(self, card_id: str, wait_point: bool, minutes: int | None) -> tuple | None:
        """Where a card is (lane, step, height in its lane) and its waiting: what the
        overlay depends on besides its pain points."""
        scene = self.editor.view.blueprint_scene
        cards = scene.geometry.cards if scene is not None else {}
        if card_id not in cards:
            return None
        card = cards.relative(card_id)
        waiting = minutes if wait_point else None
        return (card.lane_id, card.step_id, card.rect.y, wait_point, waiting)

    def _needs_rebuild(self, changes: ChangeSet) -> bool:
        if changes.structure_changed or changes.pain_points_changed:
            return True
        if changes.cards_removed & self._places.keys():
            return True
        session = self.editor.document.session
        for card_id in changes.cards_added | changes.cards_changed:
            card = session.get(Card, card_id)
            if card is None:
                continue
            now = None
            if card.pain_points or card.wait_point:
                now = self._place(card_id, card.wait_point, card.duration_minutes)
            if now != self._places.get(card_id):
                return True
        return False


class OverlaySwitches(QObject):
    """The window's View → Overlays actions, applied to each of its canvases."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("overlaySwitches")
        self.window = window
        settings = window.settings
        menu = overlays_menu(window)
        self.actions: dict[str, QAction] = {}
        self.perspective_actions: dict[Perspective | None, QAction] = {}
        for option, name, text, tip, setting in SWITCHES:
            if option == "resolved":
                self._add_perspectives(menu)
            action = QAction(text, menu)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(bool(settings.value(setting)))
            action.setStatusTip(tip)
            action.toggled.connect(lambda on, setting=setting: self._switched(setting, on))
            self.actions[option] = action
            menu.addAction(action)
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingLabel")
        self.waiting.setAccessibleName("Waiting time of the journey")
        self.waiting.hide()
        window.statusBar().addPermanentWidget(self.waiting)
        workspace = window.workspace
        for editor in workspace.editors.values():
            self._adopt(editor)
        workspace.editor_made.connect(self._adopt)
        workspace.stack.currentChanged.connect(lambda _index: self._show_waiting())

    def _add_perspectives(self, menu: QMenu) -> None:
        menu.addSection("Perspective")
        group = QActionGroup(menu)
        group.setExclusive(True)
        chosen = _perspective(str(self.window.settings.value(PERSPECTIVE)))
        for perspective, name, text in PERSPECTIVES:
            action = QAction(text, menu)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(perspective == chosen)
            whose = "every perspective" if perspective is None else f"the {perspective.value}"
            action.setStatusTip(f"Badges and heat count the pain points of {whose}")
            action.toggled.connect(lambda on, p=perspective: on and self._chose(p))
            group.addAction(action)
            menu.addAction(action)
            self.perspective_actions[perspective] = action
        menu.addSeparator()

    # -- state --------------------------------------------------------------------------------

    @property
    def options(self) -> MethodOptions:
        return MethodOptions(**{option: a.isChecked() for option, a in self.actions.items()})

    @property
    def perspective(self) -> Perspective | None:
        for perspective, action in self.perspective_actions.items():
            if action.isChecked():
                return perspective
        return None

    def _switched(self, setting: Setting, on: bool) -> None:
        self.window.settings.set_value(setting, int(on))
        self._apply()

    def _chose(self, perspective: Perspective | None) -> None:
        value = "all" if perspective is None else perspective.value
        self.window.settings.set_value(PERSPECTIVE, value)
        self._apply()

    def _apply(self) -> None:
        options, perspective = self.options, self.perspective
        for editor in self.window.workspace.editors.values():
            follower = _follower(editor)
            if follower is not None:
                follower.set_view(options, perspective)
        self._show_waiting()

    def _adopt(self, editor: BlueprintEditor) -> None:
        follower = _follower(editor)
        if follower is None:
            return
        follower.set_view(self.options, self.perspective)
        follower.rebuilt.connect(lambda _data: self._show_waiting())
        self._show_waiting()

    def _show_waiting(self) -> None:
        """The journey's waiting time in the status bar, while Wait Points is on."""
        editor = self.window.workspace.current
        follower = _follower(editor) if editor is not None else None
        data = follower.data if follower is not None else None
        if not self.actions["waits"].isChecked() or data is None:
            self.waiting.hide()
            return
        self.waiting.setText(data.journey_wait.summary)
        self.waiting.show()


def _perspective(value: str) -> Perspective | None:
    try:
        return Perspective(value)
    except ValueError:
        return None


def _follower(editor: BlueprintEditor) -> MethodFollower | None:
    return getattr(editor, "method", None)


def install(window: MainWindow) -> None:
    """View → Overlays, and the status bar's waiting time."""
    OverlaySwitches(window)
