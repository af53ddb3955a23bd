"""The child process of test_kill_during_save: open a project, then edit and save forever.

``python save_loop_child.py FILE``. It imports everything first, then waits for a line
``go`` on stdin (so the parent can start it early and let it load while the previous
child runs). It then opens FILE and prints ``ready N`` (N: the cards in the file), and
loops: add a card and commit, print ``saving N``, save, print ``saved N``. Each line is
written in one system call before the next step, so what the parent reads after a kill
is what was done.
"""

from __future__ import annotations

import os
import sys

from sqlalchemy import func, select

from app.model import ops_grid as ops
from app.model.project_file import ProjectFile
from app.model.structure import Card


def say(*words: object) -> None:
    """One line in one write, so that a kill never leaves half a line (print may write a
    line in pieces, e.g. with PYTHONUNBUFFERED set)."""
    os.write(sys.stdout.fileno(), (" ".join(map(str, words)) + "\n").encode())


def main(path: str) -> int:
    if sys.stdin.readline().strip() != "go":
        return 0
    project_file = ProjectFile.open(path)
    blueprint = project_file.project.blueprints[0]
    lane, steps = blueprint.lanes[0], blueprint.steps
    count = project_file.session.scalar(select(func.count()).select_from(Card))
    say("ready", count)
    while True:
        ops.add_card(lane, steps[count % len(steps)], f"Card {count + 1}")
        project_file.commit()
        count += 1
        say("saving", count)
        project_file.save()
        say("saved", count)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
