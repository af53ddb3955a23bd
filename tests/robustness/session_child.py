"""The editor sessions of test_crash_editing_session: the real editor, driven by a script.

``python session_child.py`` imports everything, then forks one session per line
``FILE SEED OUT`` read on stdin (see ``serve``). A session starts the editor exactly as
``stagecraft`` with no FILE does (``app.cli.main([])``: the main window, and the recovery
offer when a crash left unsaved work). Nothing in the application knows about this
script: it only schedules timers on the application before handing it to the real
start-up code.

- A recovery offer is answered Restore; any other dialog is a failure (``dialog ...``
  is printed and the process exits with status 3).
- When the window shows a project, the child prints ``state recovered|opened JSON``
  (JSON: each card's name, text, lane and step). When nothing was offered (the start
  opened the sample), it opens FILE with File → Open's own code first.
- It then edits through the window's own undo stack forever, one edit per timer tick:
  add, retype, move or delete a card, undo or redo. Before each edit it prints
  ``doing N OP ARGS``; after the command is pushed (and so committed to the working
  copy) it prints ``done N``. Every few edits it saves with File → Save's action,
  printing ``saving N`` and, once the save is done, ``saved N``.

A card's name is the first word of its text; names are unique, so the parent can follow
each card through the edits without knowing its id. Each line is written in one system
call, so what the parent reads after a kill is what was done.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.cli import main as stagecraft_main
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardCommand,
    MoveCardsCommand,
)
from app.ui.app import create_application
from app.ui.dialogs.recovery import RecoveryDialog
from app.ui.main_window import MainWindow

SAVE_EVERY = 5  # a save after about this many edits


def say(*words: object) -> None:
    """One line in one write, so that a kill never leaves half a line."""
    os.write(sys.stdout.fileno(), (" ".join(map(str, words)) + "\n").encode())


def card_state(window: MainWindow) -> dict[str, list[str]]:
    """Each card of the first blueprint: name -> [text, lane id, step id]."""
    blueprint = window.project_file.project.blueprints[0]
    return {
        card.text.split()[0]: [card.text, card.lane_id, card.step_id]
        for lane in blueprint.lanes
        for card in lane.cards
    }


class Driver:
    def __init__(self, path: Path, seed: int) -> None:
        self.path = path
        self.seed = seed
        self.rng = random.Random(seed)
        self.count = 0  # edits done by this process
        self.since_save = 0
        self.window: MainWindow | None = None
        self.watch = QTimer()
        self.watch.setInterval(10)
        self.watch.timeout.connect(self.answer_dialogs)
        self.tick = QTimer()
        self.tick.setInterval(0)
        self.tick.timeout.connect(self.step)

    def start(self) -> None:
        self.watch.start()
        self.tick.start()

    def answer_dialogs(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            return
        if isinstance(dialog, RecoveryDialog):
            say("offered", len(dialog.copies))
            dialog.restore_button.click()
            return
        text = getattr(dialog, "message", None) or dialog.windowTitle()
        say("dialog", type(dialog).__name__, json.dumps(str(text)))
        os._exit(3)

    def step(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return
        if self.window is None:
            self.window = next(
                (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None
            )
            if self.window is None or self.window.project_file is None:
                self.window = None
                return
            if self.window.project_file.path == self.path:
                say("state recovered", json.dumps(card_state(self.window)))
            else:
                if not self.window.files.open_path(self.path):
                    say("could not open", self.path)
                    os._exit(3)
                say("state opened", json.dumps(card_state(self.window)))
            return
        if self.since_save >= SAVE_EVERY and self.rng.random() < 0.5:
            self.save()
        else:
            self.edit()

    def save(self) -> None:
        say("saving", self.count)
        self.window.menu_actions.save.trigger()
        if self.window.project_file.modified or self.window.isWindowModified():
            say("save left the project modified")
            os._exit(3)
        say("saved", self.count)
        self.since_save = 0

    def edit(self) -> None:
        document = self.window.workspace.document
        stack = document.undo_stack
        blueprint = document.project.blueprints[0]
        cards = [card for lane in blueprint.lanes for card in lane.cards]
        rng = self.rng
        number = self.count + 1
        roll = rng.random()
        if roll < 0.1 and stack.canUndo():
            say("doing", number, "undo")
            self.window.edit_actions.undo.trigger()
        elif roll < 0.15 and stack.canRedo():
            say("doing", number, "redo")
            self.window.edit_actions.redo.trigger()
        elif roll < 0.45 or len(cards) < 3:
            lane, step = rng.choice(blueprint.lanes), rng.choice(blueprint.steps)
            name = f"s{self.seed}e{number}"
            say("doing", number, "add", name, lane.id, step.id)
            self.push(AddCardCommand(lane.id, step.id, name))
        elif roll < 0.7:
            card = rng.choice(cards)
            name = card.text.split()[0]
            text = f"{name} v{self.seed}.{number}"
            say("doing", number, "text", name, json.dumps(text))
            self.push(EditCardCommand(card.id, text=text))
        elif roll < 0.9:
            card = rng.choice(cards)
            lane, step = rng.choice(blueprint.lanes), rng.choice(blueprint.steps)
            say("doing", number, "move", card.text.split()[0], lane.id, step.id)
            self.push(MoveCardsCommand([CardMove(card.id, lane.id, step.id)]))
        else:
            card = rng.choice(cards)
            say("doing", number, "delete", card.text.split()[0])
            self.push(DeleteCardsCommand([card.id]))
        self.count = number
        self.since_save += 1
        say("done", number)

    def push(self, command) -> None:
        if not self.window._push(command):
            say("the edit was refused")
            os._exit(3)


def run_session(path: str, seed: str) -> int:
    """Start the editor as ``stagecraft`` with no FILE does, with the driver's timers."""
    app = create_application()
    driver = Driver(Path(path).absolute(), int(seed))
    driver.start()
    del app
    return stagecraft_main([])


def serve() -> None:
    """Fork one session per line ``FILE SEED OUT`` on stdin and answer ``pid N``.

    The sessions share this process's imports (done once, before any Qt object exists),
    so each trial pays only for starting the editor. A session's standard output and
    error go to OUT and OUT.err. Ended sessions are reaped at once (SIGCHLD ignored), so
    a killed session's process id is free as soon as it is gone, as after a real crash.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    for line in sys.stdin:
        path, seed, out = line.split()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                for fd, name in ((1, out), (2, f"{out}.err")):
                    target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                    os.dup2(target, fd)
                    os.close(target)
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                code = run_session(path, seed)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        say("pid", pid)


if __name__ == "__main__":
    serve()
