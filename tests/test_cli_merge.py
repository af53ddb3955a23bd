"""``stagecraft merge MINE THEIRS --out MERGED [--base BASE]``, run as a separate process as
the user runs it: the merged file's contents, the inputs' bytes unchanged, and one-line
refusals that write nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from test_cli import BAD, assert_one_line_error, snapshot, stagecraft

from app.model import ops_grid as ops
from app.model.project_file import ProjectFile
from app.model.schema import Card, Comment


def _card(project: ProjectFile, text: str) -> Card:
    return project.session.scalars(select(Card).where(Card.text == text)).one()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """base.blueprint; mine.blueprint adds a card and renames one; theirs.blueprint adds
    another card, renames the same card otherwise and deletes one."""
    project = ProjectFile.new("Clinic")
    blueprint = project.project.blueprints[0]
    ops.add_card(blueprint.lanes[1], blueprint.steps[0], "Receives letter")
    ops.add_card(blueprint.lanes[1], blueprint.steps[1], "Phones surgery")
    project.commit()
    project.save_as(tmp_path / "base.blueprint")
    project.close()
    for name, edit in (("mine", _edit_mine), ("theirs", _edit_theirs)):
        shutil.copy(tmp_path / "base.blueprint", tmp_path / f"{name}.blueprint")
        copy = ProjectFile.open(tmp_path / f"{name}.blueprint")
        edit(copy)
        copy.commit()
        copy.save()
        copy.close()
    return tmp_path


def _edit_mine(project: ProjectFile) -> None:
    blueprint = project.project.blueprints[0]
    ops.add_card(blueprint.lanes[2], blueprint.steps[0], "Receptionist sends letter")
    ops.edit(_card(project, "Receives letter"), text="Receives invitation letter")


def _edit_theirs(project: ProjectFile) -> None:
    blueprint = project.project.blueprints[0]
    ops.add_card(blueprint.lanes[3], blueprint.steps[2], "Nurse chases missed appointments")
    ops.edit(_card(project, "Receives letter"), text="Gets a letter")
    ops.delete_card(_card(project, "Phones surgery"))


def _merged(path: Path) -> tuple[set[str], list[str]]:
    project = ProjectFile.open(path, read_only=True)
    try:
        texts = set(project.session.scalars(select(Card.text)))
        notes = list(project.session.scalars(select(Comment.text)))
    finally:
        project.close()
    return texts, notes


def test_merge_with_a_base_writes_the_merged_file_and_leaves_the_inputs(folder: Path) -> None:
    before = snapshot(folder)
    done = stagecraft(
        "merge",
        "mine.blueprint",
        "theirs.blueprint",
        "--base",
        "base.blueprint",
        "--out",
        "merged.blueprint",
        cwd=folder,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == (
        "stagecraft: merged theirs.blueprint into mine.blueprint as merged.blueprint"
    )
    assert "  added: 1 card" in done.stdout
    assert "  deleted: 1 card" in done.stdout
    assert "  conflicts: 1" in done.stdout
    assert "text changed on both sides: keep text as in mine.blueprint" in done.stdout
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k != "merged.blueprint"} == before
    texts, notes = _merged(folder / "merged.blueprint")
    assert texts == {
        "Receives invitation letter",
        "Receptionist sends letter",
        "Nurse chases missed appointments",
    }
    assert notes == ["Merge: in theirs.blueprint this card had text “Gets a letter”"]


def test_merge_without_a_base_deletes_nothing(folder: Path) -> None:
    done = stagecraft(
        "merge", "mine.blueprint", "theirs.blueprint", "--out", "merged.blueprint", cwd=folder
    )
    assert done.returncode == 0, done.stderr
    assert "nothing is deleted" in done.stdout
    texts, _notes = _merged(folder / "merged.blueprint")
    assert "Phones surgery" in texts and "Nurse chases missed appointments" in texts


def test_merging_a_copy_with_itself_says_there_is_nothing_to_merge(folder: Path) -> None:
    done = stagecraft(
        "merge", "mine.blueprint", "mine.blueprint", "--out", "m.blueprint", cwd=folder
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("stagecraft: nothing to merge:")
    assert (folder / "m.blueprint").exists()


def test_force_replaces_an_existing_merged_file(folder: Path) -> None:
    (folder / "merged.blueprint").write_bytes(b"old")
    args = ["merge", "mine.blueprint", "theirs.blueprint", "--out", "merged.blueprint"]
    assert_one_line_error(stagecraft(*args, cwd=folder), "already exists", "--force")
    assert (folder / "merged.blueprint").read_bytes() == b"old"
    assert stagecraft(*args, "--force", cwd=folder).returncode == 0
    assert _merged(folder / "merged.blueprint")[0]


def _unrelated(folder: Path) -> None:
    project = ProjectFile.new("Other")
    project.save_as(folder / "other.blueprint")
    project.close()


def _locked_out(folder: Path) -> None:
    shutil.copy(folder / "base.blueprint", folder / "merged.blueprint")
    (folder / ".~lock.merged.blueprint#").write_text(
        json.dumps({"user": "sam", "machine": "other-host", "pid": 1, "since": "2026-11-23"})
    )


# (what to add to the folder, the arguments after "merge", words the error must name)
REFUSALS = {
    "out-is-mine": (
        None,
        ["mine.blueprint", "theirs.blueprint", "--out", "mine.blueprint"],
        ["--out"],
    ),
    "out-is-base": (
        None,
        [
            "mine.blueprint",
            "theirs.blueprint",
            "--base",
            "base.blueprint",
            "--out",
            "base.blueprint",
        ],
        ["--out"],
    ),
    "missing-theirs": (
        None,
        ["mine.blueprint", "gone.blueprint", "--out", "m.blueprint"],
        ["gone.blueprint"],
    ),
    "not-related": (
        _unrelated,
        ["mine.blueprint", "other.blueprint", "--out", "m.blueprint"],
        ["not copied from the same project"],
    ),
    "base-not-related": (
        _unrelated,
        ["mine.blueprint", "theirs.blueprint", "--base", "other.blueprint", "--out", "m.blueprint"],
        ["other.blueprint", "started from"],
    ),
    "newer": (
        lambda f: shutil.copy(BAD / "newer.blueprint", f / "newer.blueprint"),
        ["mine.blueprint", "newer.blueprint", "--out", "m.blueprint"],
        ["newer Stagecraft"],
    ),
    "damaged": (
        lambda f: shutil.copy(BAD / "truncated.blueprint", f / "bad.blueprint"),
        ["mine.blueprint", "bad.blueprint", "--out", "m.blueprint"],
        ["bad.blueprint"],
    ),
    "not-a-project": (
        lambda f: shutil.copy(BAD / "random.blueprint", f / "bad.blueprint"),
        ["bad.blueprint", "theirs.blueprint", "--out", "m.blueprint"],
        ["bad.blueprint"],
    ),
    "locked-out": (
        _locked_out,
        ["mine.blueprint", "theirs.blueprint", "--out", "merged.blueprint", "--force"],
        ["sam", "other-host"],
    ),
    "no-out": (None, ["mine.blueprint", "theirs.blueprint"], ["--out"]),
    "out-folder-missing": (
        None,
        ["mine.blueprint", "theirs.blueprint", "--out", "no/m.blueprint"],
        ["no"],
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_is_one_line_and_writes_nothing(folder: Path, case: str) -> None:
    prepare, args, words = REFUSALS[case]
    if prepare is not None:
        prepare(folder)
    before = snapshot(folder)
    result = stagecraft("merge", *args, cwd=folder)
    assert_one_line_error(result, *words)
    assert snapshot(folder) == before
