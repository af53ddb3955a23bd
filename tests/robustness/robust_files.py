"""What the fault and sharing tests read of a project and its folder: the file's hash,
the folder's listing, the first blueprint's card texts, and a card added and committed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.model import ops_grid as ops
from app.model.project_file import ProjectFile


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def texts(project_file: ProjectFile) -> set[str]:
    return {c.text for lane in project_file.project.blueprints[0].lanes for c in lane.cards}


def add(project_file: ProjectFile, text: str) -> None:
    blueprint = project_file.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], text)
    project_file.commit()
