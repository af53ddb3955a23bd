"""View → Overlays: what the canvas draws over the map besides the pain-point badges,
which are always there: pain-point heat, evidence gaps, key moments, wait points with
their waiting time, resolved pain points, and whose pain points count (the perspective).

The switches belong to the window: they apply to every blueprint's canvas in it and are
remembered in the settings for the next window. Each canvas has a MethodFollower that keeps
the blueprint's overlay index (app/layout/overlay_index.py) in step with the edits and
tells the scene's MethodMarks (app/canvas/method_marks.py) which of its marks changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu

from app.canvas.method_marks import MethodOptions
from app.layout.overlay import OverlayData, WaitTotal, overlay_of, with_moments
from app.layout.overlay_index import OverlayIndex
from app.layout.overlay_source import follow_changes, index_of_shape
from app.model.changes import ChangeSet
from app.model.kinds import Perspective
from app.model.loading import gc_paused
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
    """Keeps one canvas's badges and overlays in step with the model. The blueprint's
    overlay index is read from the file once (and again after its lanes, steps or stages
    changed), then follows each edit from its ChangeSet: only the cards the edit names are
    looked at, and the canvas is told which badges, headers, cells and waits changed, so
    that an edit away from the pain points costs a few set lookups and a card with pain
    points moved renumbers only the badges whose number changed."""

    rebuilt = Signal(object)  # the OverlayIndex, after an edit changed what it shows

    def __init__(self, editor: BlueprintEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.perspective: Perspective | None = None
        self.index: OverlayIndex | None = None
        self._data: OverlayData | None = None  # the full data, while still current
        self._moments_stale = False
        editor.laid_out.connect(self.follow)
        self.rebuild()

    @property
    def data(self) -> OverlayData | None:
        """The overlay's full data (the key's entries, badges, shades, ...) as drawn now."""
        return self._made() if self.index is not None else None

    @property
    def journey_wait(self) -> WaitTotal:
        return self.index.marks.journey_wait if self.index is not None else WaitTotal()

    def set_view(self, options: MethodOptions, perspective: Perspective | None) -> None:
        scene = self.editor.view.blueprint_scene
        if scene is not None:
            scene.method.set_options(options)
        if perspective != self.perspective:
            self.perspective = perspective
            if self.index is None:
                self.rebuild()
            else:
                self.index.set_perspective(perspective)
                self._data = None
                self._show()

    def follow(self, changes: ChangeSet) -> None:
        if self.index is None or changes.structure_changed:
            self.rebuild()
            return
        editor = self.editor
        with gc_paused():  # many small objects when numbers shift, none of them garbage
            follow_changes(self.index, changes, editor.layout_engine.shape, editor.document.session)
            self._follow_data(changes)
            self._show()

    def _follow_data(self, changes: ChangeSet) -> None:
        """Forget the full data where the edit may have changed it."""
        cards = changes.cards_added | changes.cards_removed | changes.cards_changed
        if cards or changes.pain_points_changed:
            self._data = None  # cards may have moved: their badges and waits with them
        elif changes.moments_changed:
            self._moments_stale = True

    def rebuild(self) -> None:
        editor = self.editor
        if editor.blueprint is None or editor.view.blueprint_scene is None:
            return
        session, shape = editor.document.session, editor.layout_engine.shape
        self.index = index_of_shape(session, shape, perspective=self.perspective)
        self._data = None
        self._show()

    def _show(self) -> None:
        index, scene = self.index, self.editor.view.blueprint_scene
        if index is None or scene is None:
            return
        change = index.take_change()
        scene.method.update(index.marks, change, self._made)
        if not change.empty:
            self.rebuilt.emit(index)

    def _made(self) -> OverlayData:
        """The full data, made again only where an edit changed it."""
        index, geometry = self.index, self.editor.layout_engine.geometry
        assert index is not None
        if self._data is None:
            self._data, self._moments_stale = overlay_of(index, geometry), False
        elif self._moments_stale:
            self._data, self._moments_stale = with_moments(self._data, index, geometry), False
        return self._data


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
        if not self.actions["waits"].isChecked() or follower is None or follower.index is None:
            self.waiting.hide()
            return
        self.waiting.setText(follower.journey_wait.summary)
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
