"""``stagecraft import``, run as a separate process as the user runs it: a CSV, a draw.io
diagram and a JSON export brought into new and existing projects, and one-line refusals
that leave every file as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from test_cli import ERROR, stagecraft

DRAWIO = Path(__file__).parent / "data" / "drawio"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The sample, its CSV and JSON exports."""
    here = tmp_path_factory.mktemp("import")
    for args in (
        ("sample", "plan.blueprint"),
        ("export", "plan.blueprint", "--out", "plan.csv"),
        ("export", "plan.blueprint", "--out", "plan.json"),
    ):
        done = stagecraft(*args, cwd=here, env=_data(here))
        assert done.returncode == 0, done.stderr
    return here


def _data(folder: Path) -> dict[str, str]:
    return {"STAGECRAFT_DATA_DIR": str(folder / "data")}


def _run(folder: Path, *args: str) -> tuple[int, str, str]:
    done = stagecraft("import", *args, cwd=folder, env=_data(folder))
    return done.returncode, done.stdout, done.stderr


def _counts(folder: Path, name: str) -> dict[str, int]:
    done = stagecraft("check", name, "--json", cwd=folder, env=_data(folder))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["counts"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_csv_makes_a_new_project(folder: Path) -> None:
    status, out, err = _run(folder, "plan.csv", "--into", "from-csv.blueprint")
    assert (status, err) == (0, "")
    assert out.startswith("stagecraft: from-csv.blueprint (a new project): Imported 2 blueprints")
    assert "not brought in: columns not brought in: Opportunities" in out
    counts, sample = _counts(folder, "from-csv.blueprint"), _counts(folder, "plan.blueprint")
    assert counts["card"] == sample["card"] and counts["blueprint"] == 2


def test_a_drawio_diagram_is_added_to_an_existing_project(folder: Path) -> None:
    shutil.copyfile(folder / "plan.blueprint", folder / "mine.blueprint")
    before = _counts(folder, "mine.blueprint")
    diagram = folder / "swimlanes.drawio"
    shutil.copyfile(DRAWIO / "swimlanes.drawio", diagram)
    status, out, err = _run(folder, diagram.name, "--into", "mine.blueprint")
    assert (status, err) == (0, "")
    assert "Imported 1 blueprint: 3 lanes" in out and "8 cards, 8 connectors" in out
    after = _counts(folder, "mine.blueprint")
    assert after["blueprint"] == before["blueprint"] + 1
    assert after["card"] == before["card"] + 8
    assert not list(folder.glob(".~lock.mine*"))  # the lock is gone again


def test_a_json_export_comes_back_whole(folder: Path) -> None:
    status, out, err = _run(folder, "plan.json", "--into", "restored.blueprint")
    assert (status, err) == (0, "")
    assert "the whole project of plan.json, every field and id" in out
    assert "not brought in" not in out
    assert _counts(folder, "restored.blueprint") == _counts(folder, "plan.blueprint")


def test_force_replaces_the_project(folder: Path) -> None:
    shutil.copyfile(folder / "plan.blueprint", folder / "replaced.blueprint")
    diagram = folder / "cross.drawio"
    shutil.copyfile(DRAWIO / "cross-functional-2.drawio", diagram)
    status, out, _err = _run(folder, diagram.name, "--into", "replaced.blueprint", "--force")
    assert status == 0 and "(a new project)" in out
    assert _counts(folder, "replaced.blueprint")["blueprint"] == 1


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<mxfile><diagram name="x"><mxGraphModel><root><mxCell id="0" value="&lol2;"/></root>
</mxGraphModel></diagram></mxfile>"""


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bomb.drawio", BOMB.encode(), "entities"),
        ("noise.csv", bytes(range(256)) * 20, "not a text file"),
        ("cut.json", b'{"format": "stagecraft-json", "version": 1, "proj', "JSON"),
        ("notes.txt", b"", None),  # an empty sheet: a plain refusal, not a traceback
        ("picture.png", b"\x89PNG", "--format"),
    ],
)
def test_broken_input_is_one_line_and_changes_nothing(folder, name, content, words) -> None:
    shutil.copyfile(folder / "plan.blueprint", folder / "kept.blueprint")
    before = _digest(folder / "kept.blueprint")
    (folder / name).write_bytes(content)
    status, out, err = _run(folder, name, "--into", "kept.blueprint")
    assert status != 0 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and "Traceback" not in err
    assert words is None or words in err
    assert _digest(folder / "kept.blueprint") == before
    status, _out, err = _run(folder, name, "--into", "never.blueprint")
    assert status != 0 and not (folder / "never.blueprint").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("missing.csv", "--into", "x.blueprint"), "does not exist"),
        (("plan.csv", "--into", "plan.csv"), "must not be the file"),
        (("plan.csv", "--into", "gone/x.blueprint"), "does not exist"),
        (("plan.csv",), "--into"),
    ],
)
def test_refusals(folder, args, words) -> None:
    status, out, err = _run(folder, *args)
    assert status == 2 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and words in err


def test_a_project_someone_has_open_is_left_alone(folder: Path, data_dir) -> None:
    from app.model.project_file import ProjectFile

    shutil.copyfile(folder / "plan.blueprint", folder / "busy.blueprint")
    before = _digest(folder / "busy.blueprint")
    opened = ProjectFile.open(folder / "busy.blueprint")  # this test holds its lock
    try:
        status, out, err = _run(folder, "plan.csv", "--into", "busy.blueprint")
    finally:
        opened.close()
    assert status != 0 and out == ""
    assert err.startswith(ERROR) and err.count("\n") == 1 and "into a copy" in err
    assert _digest(folder / "busy.blueprint") == before
