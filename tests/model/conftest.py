"""A fresh project in a private database for each model test."""

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from app.model.ops_grid import add_blueprint, add_lane, add_stage, add_step, create_project
from app.model.schema import Base, Blueprint, Project
from app.model.sessions import ProjectSession


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'model.db'}")

    @event.listens_for(engine, "connect")
    def _foreign_keys(connection, _record) -> None:
        connection.execute("PRAGMA foreign_keys = ON")

    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[ProjectSession]:
    with ProjectSession(bind=engine) as session:
        yield session


@pytest.fixture
def project(session: ProjectSession) -> Project:
    return create_project(session, "Health check")


@pytest.fixture
def blueprint(project: Project) -> Blueprint:
    """An as-is blueprint with three lanes and two stages of two steps each."""
    blueprint = add_blueprint(project, "As-is")
    for kind in ("customer actions", "frontstage", "backstage"):
        add_lane(blueprint, kind)
    for title in ("Booking", "Attending"):
        stage = add_stage(blueprint, title)
        add_step(blueprint, f"{title} 1", stage=stage)
        add_step(blueprint, f"{title} 2", stage=stage)
    return blueprint
