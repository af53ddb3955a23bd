"""Random editing sessions of every kind of edit, through the document's undo stack: undo
all gives back the first model, redo all the last, and a save at any point reopens as the
model saved (the machine is in undo_machine.py). ``make soak`` runs many more sessions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from undo_machine import SEEDED_UUIDS, START_FILES, STARTS, UndoMachine

from app.model import base
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

QUICK = settings(
    max_examples=20,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(QUICK, max_examples=400, stateful_step_count=60)


@pytest.fixture(scope="module")
def start_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The sample project and the two templates, saved once for every session to open."""
    folder = tmp_path_factory.mktemp("undo-machine-starts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGECRAFT_DATA_DIR", str(folder / "data"))
        for name in STARTS:
            if name == "sample":
                project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
            else:
                project = ProjectFile.new(f"{name} project", template=name)
            START_FILES[name] = folder / f"{name}.blueprint"
            project.save_as(START_FILES[name])
            project.close()
    yield dict(START_FILES)
    START_FILES.clear()


@pytest.fixture
def seeded_uuids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "uuid", SEEDED_UUIDS)


def test_random_sessions_undo_redo_and_save_exactly(qapp, start_files, seeded_uuids) -> None:
    run_state_machine_as_test(UndoMachine, settings=QUICK)


@pytest.mark.slow
def test_many_random_sessions_undo_redo_and_save_exactly(qapp, start_files, seeded_uuids) -> None:
    run_state_machine_as_test(UndoMachine, settings=LONG)
