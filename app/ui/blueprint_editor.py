"""One blueprint on the canvas: keeps the layout and the scene in step with the document's
changes, and turns the view's gestures into undoable commands."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView
from app.editing.commands.base import EditCommand
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardTextCommand,
    MoveCardsCommand,
    set_card_flag,
)
from app.editing.commands.connectors import AddConnectorCommand
from app.editing.commands.lanes import MoveLaneCommand, SetLaneHeightCommand
from app.editing.commands.steps import MoveStepCommand
from app.editing.document import EditingDocument
from app.layout.engine import BlueprintLayout, LayoutChange
from app.layout.source import cell_shapes, connector_shape, shape_from_blueprint
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.loading import gc_paused
from app.model.structure import Blueprint, Card, Connector, Lane, Stage, Step
from app.ui.grid_menus import ask_text, connector_menu, lane_menu, stage_menu, step_menu
from app.ui.method.overlays import MethodFollower


class BlueprintEditor(QWidget):
    """The canvas of one blueprint of an open project."""

    failed = Signal(str)  # an edit was refused; the message says why
    laid_out = Signal(object)  # a ChangeSet of this blueprint, once the canvas follows it
    pain_point_requested = Signal(str, str)  # "card" or "step", its id: add a pain point there
    comment_requested = Signal(str, list)  # "card" or "step", their ids: comment on them

    def __init__(
        self, document: EditingDocument, blueprint_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintEditor")
        self.document = document
        self.blueprint_id = blueprint_id
        self.view = BlueprintView()
        self.view.setObjectName("blueprintView")
        self.view.setAccessibleName("Blueprint canvas")
        self.view.card_text = self._card_text
        # A map smaller than the window starts at the top left, under the menus.
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        self._new_card: str | None = None
        self._build()
        document.changed.connect(self._on_changed)
        self.method = MethodFollower(self)  # pain-point badges and overlays follow the model
        view = self.view
        view.add_card_requested.connect(self.add_card)
        view.card_text_committed.connect(self._text_committed)
        view.card_edit_cancelled.connect(self._edit_cancelled)
        view.cards_move_requested.connect(self._move_cards)
        view.move_selection_requested.connect(self._move_selection)
        view.delete_requested.connect(self.delete_cards)
        view.connector_requested.connect(self._connect)
        view.context_menu_requested.connect(self._context_menu)
        view.lane_move_requested.connect(self._move_lane)
        view.step_move_requested.connect(self._move_step)
        view.lane_height_requested.connect(self._set_lane_height)

    # -- building and following the model ---------------------------------------------------

    @property
    def blueprint(self) -> Blueprint | None:
        return self.document.session.get(Blueprint, self.blueprint_id)

    def _build(self) -> None:
        blueprint = self.blueprint
        if blueprint is None:
            return
        with gc_paused():  # tens of thousands of new objects, none of them garbage yet
            shape = shape_from_blueprint(self.document.session, blueprint)
            self.layout_engine = BlueprintLayout(shape)
            scene = self.view.scene()
            if isinstance(scene, BlueprintScene):
                scene.set_geometry(self.layout_engine.geometry)
            else:
                self.view.setScene(BlueprintScene(self.layout_engine.geometry, self.view))

    def _on_changed(self, changes: ChangeSet) -> None:
        if (
            changes.catalogue_changed
            and changes.blueprint_id is None
            and self.blueprint is not None
        ):
            # The catalogue is the project's: it names the cards of every blueprint whose
            # system hint changed; this canvas re-lays out those it shows.
            shown = changes.cards_changed & self.layout_engine.shape.cards.keys()
            if not shown:
                return
            changes = ChangeSet(self.blueprint_id, cards_changed=frozenset(shown))
        if changes.blueprint_id != self.blueprint_id or self.blueprint is None:
            return
        if changes.structure_changed:
            self._build()
            self.laid_out.emit(changes)
            return
        session, geometry = self.document.session, self.layout_engine.geometry
        cells: set[tuple[str, str]] = set()
        for card_id in changes.cards_removed | changes.cards_changed:
            old = geometry.cards.get(card_id)
            if old is not None:
                cells.add((old.lane_id, old.step_id))
        for card_id in changes.cards_added | changes.cards_changed:
            card = session.get(Card, card_id)
            if card is not None:
                cells.add((card.lane_id, card.step_id))
        change = LayoutChange()
        if cells:
            change = self.layout_engine.update_cells(cell_shapes(session, cells))
        connectors = changes.connectors_added | changes.connectors_changed
        if connectors or changes.connectors_removed:
            shapes = [
                connector_shape(connector)
                for connector_id in connectors
                if (connector := session.get(Connector, connector_id)) is not None
            ]
            routed = self.layout_engine.update_connectors(shapes, set(changes.connectors_removed))
            change.connectors |= routed.connectors
            change.removed_connectors |= routed.removed_connectors
        self.view.blueprint_scene.apply(change, self.layout_engine.geometry)
        self.laid_out.emit(changes)

    def _card_text(self, card_id: str) -> str:
        card = self.document.session.get(Card, card_id)
        return card.text if card is not None else ""

    # -- gestures into commands ---------------------------------------------------------

    def push(self, command: EditCommand) -> bool:
        try:
            self.document.push(command)
        except StagecraftError as error:
            self.failed.emit(str(error))
            return False
        return True

    def add_card(self, lane_id: str, step_id: str, index: int = -1) -> str | None:
        """Add an empty card and open its editor; an empty card left by Escape goes again."""
        command = AddCardCommand(lane_id, step_id, "", None if index < 0 else index)
        if not self.push(command):
            return None
        card_id = command.made[0][1]
        self._new_card = card_id
        self.view.edit_card(card_id, "")
        return card_id

    def _text_committed(self, card_id: str, text: str) -> None:
        new, self._new_card = self._new_card == card_id, None
        if new and not text.strip():
            self.document.undo()
            return
        if text != self._card_text(card_id):
            self.push(EditCardTextCommand(card_id, text))

    def _edit_cancelled(self, card_id: str) -> None:
        if self._new_card == card_id:
            self._new_card = None
            self.document.undo()

    def _move_cards(self, card_ids: list[str], lane_id: str, step_id: str, index: int) -> None:
        moves = [
            CardMove(card_id, lane_id, step_id, None if index < 0 else index + offset)
            for offset, card_id in enumerate(card_ids)
        ]
        if moves and self.push(MoveCardsCommand(moves)):
            self.view.blueprint_scene.select_cards(card_ids)

    def _move_selection(self, steps_right: int, lanes_down: int) -> None:
        blueprint = self.blueprint
        card_ids = self.view.selected_card_ids()
        if blueprint is None or not card_ids:
            return
        lanes = [lane.id for lane in blueprint.lanes]
        steps = [step.id for step in blueprint.steps]
        moves = []
        for card_id in card_ids:
            card = self.document.session.get(Card, card_id)
            lane = lanes.index(card.lane_id) + lanes_down
            step = steps.index(card.step_id) + steps_right
            if not (0 <= lane < len(lanes) and 0 <= step < len(steps)):
                return  # the selection stays together: no card leaves the map
            moves.append(CardMove(card_id, lanes[lane], steps[step], None))
        if self.push(MoveCardsCommand(moves)):
            self.view.blueprint_scene.select_cards(card_ids)
            self.view.center_on_card(card_ids[0]) if len(card_ids) == 1 else None

    def delete_cards(self, card_ids: list[str]) -> None:
        if card_ids:
            self.push(DeleteCardsCommand(card_ids))

    def set_flag(self, card_ids: list[str], flag: str, value: bool) -> None:
        if card_ids:
            self.push(set_card_flag(card_ids, flag, value))

    def _connect(self, source_id: str, target_id: str) -> None:
        self.push(AddConnectorCommand(source_id, target_id))

    def _context_menu(self, kind: str, item_id: object, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("canvasContextMenu")
        session, blueprint, ask = self.document.session, self.blueprint, ask_text(self)
        if blueprint is None:
            return
        if kind == "card" and isinstance(item_id, str):
            self._card_menu(menu, item_id)
        elif kind == "cell" and isinstance(item_id, tuple):
            add = menu.addAction("Add card here")
            add.triggered.connect(lambda: self.add_card(item_id[0], item_id[1]))
        elif kind == "lane" and (lane := session.get(Lane, item_id)) is not None:
            lane_menu(menu, blueprint, lane, self.push, ask)
        elif kind == "step" and (step := session.get(Step, item_id)) is not None:
            step_menu(
                menu,
                blueprint,
                step,
                [],
                self.push,
                ask,
                add_pain_point=lambda: self.pain_point_requested.emit("step", step.id),
                comment=lambda: self.comment_requested.emit("step", [step.id]),
            )
        elif kind == "stage" and item_id and (stage := session.get(Stage, item_id)) is not None:
            stage_menu(menu, blueprint, stage, self.push, ask)
        elif kind == "connector" and (link := session.get(Connector, item_id)) is not None:
            connector_menu(menu, link, self.push, ask)
        if not menu.isEmpty():
            menu.popup(position)

    def _card_menu(self, menu: QMenu, card_id: str) -> None:
        card = self.document.session.get(Card, card_id)
        if card is None:
            return
        selected = self.view.selected_card_ids()
        targets = selected if card_id in selected else [card_id]
        menu.addAction("Edit text\tF2").triggered.connect(lambda: self.view.edit_card(card_id))
        for flag, label in (("fail_point", "Fail point"), ("wait_point", "Wait point")):
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(getattr(card, flag))
            action.toggled.connect(lambda value, flag=flag: self.set_flag(targets, flag, value))
            menu.addAction(action)
        pain = menu.addAction("Add pain point…\tP")
        pain.triggered.connect(lambda: self.pain_point_requested.emit("card", card_id))
        comment = menu.addAction("Comment…\tCtrl+Alt+M")
        comment.triggered.connect(lambda: self.comment_requested.emit("card", targets))
        menu.addSeparator()
        delete = menu.addAction("Delete\tDel")
        delete.triggered.connect(lambda: self.delete_cards(targets))

    # -- lanes and steps dragged on the frozen panes ------------------------------------------

    def _move_lane(self, lane_id: str, index: int) -> None:
        self.push(MoveLaneCommand(lane_id, index))

    def _move_step(self, step_id: str, index: int) -> None:
        self.push(MoveStepCommand(step_id, index))

    def _set_lane_height(self, lane_id: str, height: float | None) -> None:
        lane = self.document.session.get(Lane, lane_id)
        if lane is not None and lane.height != height:
            self.push(SetLaneHeightCommand(lane_id, height))
