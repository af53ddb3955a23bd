"""Mutated CSV, JSON and draw.io sources through read_plan (and, when a plan comes back,
build_plan into a project, and for JSON the whole restore `stagecraft import` does): each is
refused with one line (ImportFailed) or imports; no crash, no case past 5 seconds, the source
unchanged. The suite runs a short seeded form; `make soak` runs thousands of each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fuzz_harness import run_fuzz

from app.export.csv_export import export_csv
from app.export.json_export import export_json
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

DRAWIO = Path(__file__).parents[1] / "data" / "drawio"
SEED = 20261207
SHORT = 40
SOAK = 2_000


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("fuzz-sources")
    project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    try:
        export_csv(project_file.session, folder / "sample.csv")
        export_json(project_file.session, folder / "sample.json")
    finally:
        project_file.close()
    sheet = folder / "sheet.csv"
    sheet.write_bytes(
        '\ufeffLane;Step;Card\r\nCustomer;Book;"Rings the clinic; asks"\r\n'
        "Frontstage;Book;Checks the list\r\nBackstage;Arrive;Sends a letter\r\n".encode()
    )
    project_file = ProjectFile.new("Small", template="minimal")
    try:
        export_json(project_file.session, folder / "small.json")
    finally:
        project_file.close()
    diagrams = []
    for path in sorted(DRAWIO.glob("*.drawio")):
        shutil.copyfile(path, folder / path.name)
        diagrams.append(folder / path.name)
    return {
        "csv": [folder / "sample.csv", sheet],
        "json": [folder / "sample.json", folder / "small.json"],
        "drawio": diagrams,
    }


def _run(kind: str, sources, count: int, seed: int, tmp_path: Path, cache: pytest.Cache):
    tally = run_fuzz(kind, sources[kind], count, seed, tmp_path)
    print(tally.summary())
    cache.set(f"robustness/fuzz/{kind}/{count}", tally.as_dict())
    assert tally.cases == count
    assert (tally.crashes, tally.hangs, tally.wrong) == (0, 0, 0), tally.summary()
    assert tally.outcomes["refused"] and tally.outcomes["imported"]


@pytest.mark.parametrize("kind", ["csv", "json", "drawio"])
def test_mutated_import_sources_short(kind, sources, tmp_path, pytestconfig) -> None:
    _run(kind, sources, SHORT, SEED, tmp_path, pytestconfig.cache)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["csv", "json", "drawio"])
def test_mutated_import_sources_soak(kind, sources, tmp_path, pytestconfig) -> None:
    _run(kind, sources, SOAK, SEED + 1, tmp_path, pytestconfig.cache)
