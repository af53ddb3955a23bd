"""Mutated project files (bit flips, truncations, schema tampering, hostile triggers and views,
values of the wrong type or enormous size): each one is refused with one clear line or opens
and loads whole, through ProjectFile.open, `stagecraft check` and `stagecraft export`. No
crash, no case running past 5 seconds, the input and its folder unchanged, nothing left in
the data folder. The suite runs a short seeded form; `make soak` runs 10,000 files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fuzz_harness import Tally, run_fuzz

from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

DATA = Path(__file__).parents[1] / "data"
SEED = 20261207
SHORT = 120
SOAK = 10_000


def _maker():
    spec = importlib.util.spec_from_file_location("make_bad_files", DATA / "make_bad_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A small project made as the editor makes one, and the sample (every kind of row)."""
    folder = tmp_path_factory.mktemp("fuzz-bases")
    small = folder / "clinic.blueprint"
    _maker().make_project(small)
    sample = folder / "sample.blueprint"
    project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    project_file.save_as(sample)
    project_file.close()
    return [small, sample]


def check(tally: Tally, count: int, cache: pytest.Cache) -> None:
    print(tally.summary())
    cache.set(f"robustness/fuzz/{tally.kind}/{count}", tally.as_dict())
    assert tally.cases == count
    assert (tally.crashes, tally.hangs, tally.wrong) == (0, 0, 0), tally.summary()
    # The mutations reach both sides: files refused and files that still open.
    assert tally.outcomes["refused"] and tally.outcomes["opened"]


def test_mutated_project_files_short(bases, tmp_path, pytestconfig) -> None:
    tally = run_fuzz("blueprint", bases, SHORT, SEED, tmp_path)
    check(tally, SHORT, pytestconfig.cache)


@pytest.mark.slow
def test_mutated_project_files_soak(bases, tmp_path, pytestconfig) -> None:
    tally = run_fuzz("blueprint", bases, SOAK, SEED + 1, tmp_path)
    check(tally, SOAK, pytestconfig.cache)
