"""The Blueprint menu: new blueprint, duplicate as to-be, rename, delete, and adding lanes
and steps to the blueprint shown; each an undoable command on the open project."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from app.editing.commands.base import EditCommand
from app.editing.commands.blueprints import (
    AddBlueprintCommand,
    DeleteBlueprintCommand,
    DuplicateAsToBeCommand,
    RenameBlueprintCommand,
)
from app.editing.commands.lanes import AddLaneCommand
from app.editing.commands.steps import AddStepCommand
from app.editing.document import EditingDocument
from app.model.kinds import LaneKind
from app.model.structure import Blueprint
from app.ui.grid_menus import Ask


@dataclass
class BlueprintActions:
    new: QAction
    duplicate_to_be: QAction
    rename: QAction
    delete: QAction
    add_lane: QAction
    add_step: QAction

    def all(self) -> list[QAction]:
        return [
            self.new,
            self.duplicate_to_be,
            self.rename,
            self.delete,
            self.add_lane,
            self.add_step,
        ]


def build_blueprint_actions(
    parent: QWidget, menu_bar: QMenuBar, before: QAction
) -> BlueprintActions:
    def action(name: str, text: str, keys: str = "") -> QAction:
        made = QAction(text, parent)
        made.setObjectName(name)
        if keys:
            made.setShortcut(QKeySequence(keys))
        parent.addAction(made)
        return made

    actions = BlueprintActions(
        new=action("newBlueprintAction", "&New Blueprint…", "Ctrl+Shift+N"),
        duplicate_to_be=action("duplicateToBeAction", "Duplicate as &To-be"),
        rename=action("renameBlueprintAction", "&Rename Blueprint…"),
        delete=action("deleteBlueprintAction", "&Delete Blueprint"),
        add_lane=action("addLaneAction", "Add &Lane"),
        add_step=action("addStepAction", "Add &Step"),
    )
    menu = menu_bar.addMenu("&Blueprint")
    menu.setObjectName("blueprintMenu")
    for made in (actions.new, actions.duplicate_to_be, actions.rename, actions.delete):
        menu.addAction(made)
    menu.addSeparator()
    menu.addAction(actions.add_lane)
    menu.addAction(actions.add_step)
    menu_bar.insertMenu(before, menu)
    return actions


class BlueprintMenuHandler:
    """What the Blueprint menu's actions do, on the document and blueprint shown now."""

    def __init__(
        self,
        document: Callable[[], EditingDocument | None],
        blueprint_id: Callable[[], str],
        push: Callable[[EditCommand], bool],
        ask: Ask,
        show: Callable[[str], None],
    ) -> None:
        self.document, self.blueprint_id, self.push, self.ask, self.show = (
            document,
            blueprint_id,
            push,
            ask,
            show,
        )

    def _blueprint(self) -> Blueprint | None:
        document, blueprint_id = self.document(), self.blueprint_id()
        if document is None or not blueprint_id:
            return None
        return document.session.get(Blueprint, blueprint_id)

    def new(self) -> None:
        if self.document() is None:
            return
        name = self.ask("New blueprint", "Name of the blueprint:", "New blueprint")
        if name is not None:
            command = AddBlueprintCommand(name)
            if self.push(command):
                blueprint_id = command.made[0][1]
                self.push(AddLaneCommand(blueprint_id, LaneKind.CUSTOMER_ACTIONS))
                self.show(blueprint_id)

    def duplicate_to_be(self) -> None:
        blueprint = self._blueprint()
        if blueprint is not None:
            command = DuplicateAsToBeCommand(blueprint.id)
            if self.push(command):
                self.show(command.made[0][1])

    def rename(self) -> None:
        blueprint = self._blueprint()
        if blueprint is None:
            return
        name = self.ask("Rename blueprint", "Name of the blueprint:", blueprint.name)
        if name is not None and name != blueprint.name:
            self.push(RenameBlueprintCommand(blueprint.id, name))

    def delete(self) -> None:
        blueprint = self._blueprint()
        if blueprint is not None:
            self.push(DeleteBlueprintCommand(blueprint.id))

    def add_lane(self) -> None:
        blueprint = self._blueprint()
        if blueprint is not None:
            self.push(AddLaneCommand(blueprint.id, LaneKind.CUSTOM))

    def add_step(self) -> None:
        blueprint = self._blueprint()
        if blueprint is not None:
            stage_id = blueprint.steps[-1].stage_id if blueprint.steps else None
            self.push(AddStepCommand(blueprint.id, f"Step {len(blueprint.steps) + 1}", stage_id))
