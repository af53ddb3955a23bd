"""Project templates: the lanes and first steps a new project starts with."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from app.model.errors import ModelError
from app.model.ops_grid import add_blueprint, add_lane, add_stage, add_step, create_project
from app.model.resources import RESOURCES
from app.model.structure import Project

TEMPLATES_DIR = RESOURCES / "templates"
TEMPLATE_NAMES = ("standard", "minimal")


def template_path(name: str) -> Path:
    if name not in TEMPLATE_NAMES:
        raise ModelError(f"unknown template {name!r}; choose one of: {', '.join(TEMPLATE_NAMES)}")
    return TEMPLATES_DIR / f"{name}.json"


def build_from_template(session: Session, template: str, project_name: str) -> Project:
    spec = json.loads(template_path(template).read_text(encoding="utf-8"))
    project = create_project(session, project_name)
    blueprint = add_blueprint(project, spec["blueprint"])
    for kind in spec["lanes"]:
        add_lane(blueprint, kind)
    for stage_spec in spec["stages"]:
        stage = add_stage(blueprint, stage_spec["title"])
        for title in stage_spec["steps"]:
            add_step(blueprint, title, stage=stage)
    return project
