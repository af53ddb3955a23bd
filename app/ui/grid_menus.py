"""Context menus of the canvas's lane titles, step and stage headers and connectors: insert,
rename, reorder, resize, group and delete, each an undoable command."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from app.editing.commands.base import EditCommand
from app.editing.commands.connectors import DeleteConnectorsCommand, EditConnectorCommand
from app.editing.commands.lanes import (
    AddLaneCommand,
    DeleteLaneCommand,
    MoveLaneCommand,
    RenameLaneCommand,
    SetLaneHeightCommand,
)
from app.editing.commands.stages import (
    GroupStepsCommand,
    MoveStageCommand,
    RenameStageCommand,
    ungroup_stage,
)
from app.editing.commands.steps import (
    AddStepCommand,
    DeleteStepCommand,
    MoveStepCommand,
    RenameStepCommand,
)
from app.model.kinds import ConnectorKind, LaneKind
from app.model.structure import Blueprint, Connector, Lane, Stage, Step
from app.ui.method.key_moment_dialog import key_moment_actions

Push = Callable[[EditCommand], bool]
Ask = Callable[[str, str, str], str | None]  # title, label, current text -> new text


def ask_text(parent: QWidget) -> Ask:
    def ask(title: str, label: str, current: str) -> str | None:
        text, accepted = QInputDialog.getText(parent, title, label, text=current)
        return text.strip() if accepted and text.strip() else None

    return ask


def _rename(menu: QMenu, ask: Ask, push: Push, what: str, current: str, make) -> None:
    def rename() -> None:
        text = ask(f"Rename {what}", f"Name of the {what}:", current)
        if text is not None and text != current:
            push(make(text))

    menu.addAction(f"Rename {what}…").triggered.connect(rename)


def _move_pair(
    menu: QMenu,
    labels: tuple[str, str],
    index: int,
    count: int,
    make: Callable[[int], EditCommand],
    push: Push,
) -> None:
    """ "Move up / down" (or left / right, earlier / later): to index - 1 and index + 1."""
    for label, to, possible in (
        (labels[0], index - 1, index > 0),
        (labels[1], index + 1, index < count - 1),
    ):
        action = menu.addAction(label)
        action.setEnabled(possible)
        action.triggered.connect(lambda _checked=False, to=to: push(make(to)))


def lane_menu(menu: QMenu, blueprint: Blueprint, lane: Lane, push: Push, ask: Ask) -> None:
    index = blueprint.lanes.index(lane)
    above = menu.addAction("Insert lane above")
    above.triggered.connect(
        lambda: push(AddLaneCommand(blueprint.id, LaneKind.CUSTOM, None, index))
    )
    below = menu.addAction("Insert lane below")
    below.triggered.connect(
        lambda: push(AddLaneCommand(blueprint.id, LaneKind.CUSTOM, None, index + 1))
    )
    _rename(menu, ask, push, "lane", lane.title, lambda text: RenameLaneCommand(lane.id, text))
    menu.addSeparator()
    _move_pair(
        menu,
        ("Move lane up", "Move lane down"),
        index,
        len(blueprint.lanes),
        lambda to: MoveLaneCommand(lane.id, to),
        push,
    )

    def resize() -> None:
        current = str(int(lane.height)) if lane.height else ""
        text = ask("Lane height", "Least height of the lane (empty: as tall as it needs):", current)
        if text is not None and text.isdigit():
            push(SetLaneHeightCommand(lane.id, int(text)))

    menu.addAction("Set lane height…").triggered.connect(resize)
    menu.addSeparator()
    menu.addAction("Delete lane").triggered.connect(lambda: push(DeleteLaneCommand(lane.id)))


def step_menu(
    menu: QMenu,
    blueprint: Blueprint,
    step: Step,
    selected_steps: list[str],
    push: Push,
    ask: Ask,
    *,
    add_pain_point: Callable[[], None] | None = None,
    comment: Callable[[], None] | None = None,
) -> None:
    index = blueprint.steps.index(step)
    for label, at in (("Insert step before", index), ("Insert step after", index + 1)):
        action = menu.addAction(label)
        action.triggered.connect(
            lambda _checked=False, at=at: push(
                AddStepCommand(blueprint.id, "New step", step.stage_id, at)
            )
        )
    _rename(menu, ask, push, "step", step.title, lambda text: RenameStepCommand(step.id, text))
    menu.addSeparator()
    key_moment_actions(menu, step, push)
    menu.addSeparator()
    _move_pair(
        menu,
        ("Move step left", "Move step right"),
        index,
        len(blueprint.steps),
        lambda to: MoveStepCommand(step.id, to),
        push,
    )
    menu.addSeparator()

    def group() -> None:
        text = ask("New stage", "Name of the stage:", "New stage")
        if text is not None:
            push(GroupStepsCommand(selected_steps or [step.id], text))

    menu.addAction("Group into a new stage…").triggered.connect(group)
    if add_pain_point is not None:
        menu.addSeparator()
        menu.addAction("Add pain point to this step…").triggered.connect(add_pain_point)
    if comment is not None:
        menu.addAction("Comment on this step…").triggered.connect(comment)
    menu.addSeparator()
    menu.addAction("Delete step").triggered.connect(lambda: push(DeleteStepCommand(step.id)))


def stage_menu(menu: QMenu, blueprint: Blueprint, stage: Stage, push: Push, ask: Ask) -> None:
    index = blueprint.stages.index(stage)
    _rename(menu, ask, push, "stage", stage.title, lambda text: RenameStageCommand(stage.id, text))
    _move_pair(
        menu,
        ("Move stage earlier", "Move stage later"),
        index,
        len(blueprint.stages),
        lambda to: MoveStageCommand(stage.id, to),
        push,
    )
    menu.addSeparator()
    menu.addAction("Ungroup stage").triggered.connect(lambda: push(ungroup_stage(stage.id)))


def connector_menu(menu: QMenu, connector: Connector, push: Push, ask: Ask) -> None:
    kinds = menu.addMenu("Kind")
    for kind in ConnectorKind:
        action = kinds.addAction(kind.value.capitalize())
        action.setCheckable(True)
        action.setChecked(connector.kind == kind)
        action.triggered.connect(
            lambda _checked=False, kind=kind: push(EditConnectorCommand(connector.id, kind=kind))
        )

    def label() -> None:
        text, accepted = QInputDialog.getText(
            menu.parentWidget(), "Connector label", "Label:", text=connector.label
        )
        if accepted and text != connector.label:
            push(EditConnectorCommand(connector.id, label=text.strip()))

    menu.addAction("Edit label…").triggered.connect(label)
    menu.addSeparator()
    menu.addAction("Delete connector").triggered.connect(
        lambda: push(DeleteConnectorsCommand([connector.id]))
    )
