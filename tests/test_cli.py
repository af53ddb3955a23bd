"""The command line, run as the user runs it: a separate process (``python -m app``, the
same entry point as the ``stagecraft`` console script), with its own data folder.

Every failure prints exactly one line on stderr, ``stagecraft: error: ...``, exits
non-zero, shows no traceback, changes no input file and leaves nothing beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.model.base import APPLICATION_ID, SCHEMA_VERSION
from app.model.check import Health

BAD = Path(__file__).parent / "data" / "bad"
ERROR = "stagecraft: error: "
# check's exit status for each file of the bad corpus
CORPUS_HEALTH = {
    "empty.blueprint": Health.UNREADABLE,
    "random.blueprint": Health.UNREADABLE,
    "text.blueprint": Health.UNREADABLE,
    "other_app.blueprint": Health.UNREADABLE,
    "wrong_app_id.blueprint": Health.UNREADABLE,
    "truncated.blueprint": Health.PROBLEMS,
    "newer.blueprint": Health.PROBLEMS,
    "trigger.blueprint": Health.PROBLEMS,
    "view.blueprint": Health.PROBLEMS,
    "html.blueprint": Health.HEALTHY,
}


def stagecraft(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    prefix: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    assert environment["STAGECRAFT_DATA_DIR"]  # set per test by conftest's data_dir
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "app", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every name under ``folder`` with its bytes' hash (folders as such)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = "<folder>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stderr.endswith("\n"), result.stderr
    assert lines[0].startswith(ERROR), lines[0]
    assert len(lines[0]) > len(ERROR) + 10
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert result.stdout == ""
    return lines[0]


def no_working_copies_left(data_dir: Path) -> None:
    working = data_dir / "working"
    assert not working.exists() or list(working.iterdir()) == []


def check_json(path: Path, cwd: Path) -> dict:
    result = stagecraft("check", "--json", str(path), cwd=cwd)
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert result.returncode == Health[report["status"].upper()]
    return report


# -- help --------------------------------------------------------------------------------------


def test_help_names_the_commands(tmp_path) -> None:
    result = stagecraft("--help", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    for word in ("new", "sample", "check", "--version", "stagecraft [FILE]"):
        assert word in result.stdout


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("new", ["FILE", "--template", "standard", "minimal", "--name", "--force"]),
        ("sample", ["FILE", "--scale", "--force"]),
        ("check", ["FILE", "--json", "Exit status"]),
    ],
)
def test_each_command_has_help(tmp_path, command, options) -> None:
    result = stagecraft(command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    for option in options:
        assert option in result.stdout, option
    assert list(tmp_path.iterdir()) == []


def test_the_console_script_is_installed(tmp_path) -> None:
    script = Path(sys.executable).with_name("stagecraft")
    if not script.exists():
        pytest.skip("no stagecraft console script beside this Python")
    result = subprocess.run(
        [str(script), "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("Stagecraft ")


# -- new ---------------------------------------------------------------------------------------


def test_new_creates_a_healthy_project(tmp_path, data_dir) -> None:
    result = stagecraft("new", "plan.blueprint", "--name", "Clinic visit", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "created" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.blueprint"]
    no_working_copies_left(data_dir)

    connection = sqlite3.connect(f"{(tmp_path / 'plan.blueprint').as_uri()}?mode=ro", uri=True)
    assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert connection.execute("SELECT name FROM project").fetchall() == [("Clinic visit",)]
    connection.close()

    check = stagecraft("check", "plan.blueprint", cwd=tmp_path)
    assert check.returncode == 0 and check.stderr == ""
    assert "healthy" in check.stdout
    report = check_json(tmp_path / "plan.blueprint", tmp_path)
    assert report["status"] == "healthy" and report["is_project"] is True
    assert report["format_version"] == SCHEMA_VERSION and report["problems"] == []
    counts = report["counts"]
    assert counts["project"] == 1 and counts["blueprint"] == 1
    assert counts["lane"] == 6 and counts["card"] == 0 and counts["step"] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.blueprint"]


def test_new_adds_the_extension_and_names_the_project_after_the_file(tmp_path) -> None:
    result = stagecraft("new", "journey", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.blueprint"]
    connection = sqlite3.connect(f"{(tmp_path / 'journey.blueprint').as_uri()}?mode=ro", uri=True)
    assert connection.execute("SELECT name FROM project").fetchall() == [("journey",)]
    connection.close()


def test_new_with_the_minimal_template_has_four_lanes(tmp_path) -> None:
    result = stagecraft("new", "small.blueprint", "--template", "minimal", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert check_json(tmp_path / "small.blueprint", tmp_path)["counts"]["lane"] == 4


def test_new_refuses_an_existing_file_unless_forced(tmp_path, data_dir) -> None:
    target = tmp_path / "plan.blueprint"
    assert stagecraft("new", str(target), cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path)

    refused = stagecraft("new", str(target), "--template", "minimal", cwd=tmp_path)
    assert refused.returncode == 2
    assert_one_line_error(refused, "already exists", "--force")
    assert snapshot(tmp_path) == before
    no_working_copies_left(data_dir)

    forced = stagecraft("new", str(target), "--template", "minimal", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    after = snapshot(tmp_path)
    assert list(after) == ["plan.blueprint"] and after != before
    assert check_json(target, tmp_path)["counts"]["lane"] == 4


def test_new_force_replaces_a_file_that_is_not_a_project(tmp_path) -> None:
    target = tmp_path / "notes.blueprint"
    target.write_text("not a project\n")
    refused = stagecraft("new", str(target), cwd=tmp_path)
    assert_one_line_error(refused, "already exists")
    assert target.read_text() == "not a project\n"
    assert stagecraft("new", str(target), "--force", cwd=tmp_path).returncode == 0
    assert check_json(target, tmp_path)["status"] == "healthy"


# -- sample ------------------------------------------------------------------------------------


def test_sample_writes_the_sample_project(tmp_path, data_dir) -> None:
    result = stagecraft("sample", "sample.blueprint", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = check_json(tmp_path / "sample.blueprint", tmp_path)
    assert report["status"] == "healthy"
    assert report["counts"]["card"] >= 25
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.blueprint"]
    no_working_copies_left(data_dir)


def test_sample_scale_makes_about_that_many_cards(tmp_path) -> None:
    result = stagecraft("sample", "big.blueprint", "--scale", "2000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = check_json(tmp_path / "big.blueprint", tmp_path)
    assert report["status"] == "healthy"
    assert 1900 <= report["counts"]["card"] <= 2100, report["counts"]


# -- check over the bad corpus -----------------------------------------------------------------


def test_the_corpus_table_covers_the_corpus() -> None:
    assert sorted(CORPUS_HEALTH) == sorted(p.name for p in BAD.iterdir())


@pytest.mark.parametrize("name", sorted(CORPUS_HEALTH))
def test_check_exit_status_over_the_bad_corpus(tmp_path, data_dir, name) -> None:
    shutil.copyfile(BAD / name, tmp_path / name)
    before = snapshot(tmp_path)
    expected = CORPUS_HEALTH[name]

    plain = stagecraft("check", name, cwd=tmp_path)
    assert plain.returncode == expected, plain.stdout + plain.stderr
    if expected is Health.UNREADABLE:
        assert_one_line_error(plain, name)
    else:
        assert plain.stderr == "" and "Traceback" not in plain.stdout
        assert plain.stdout.startswith(f"{name}: ")
        assert ("healthy" if expected is Health.HEALTHY else "problems found") in plain.stdout

    as_json = stagecraft("check", "--json", name, cwd=tmp_path)
    assert as_json.returncode == expected
    assert as_json.stderr == ""
    report = json.loads(as_json.stdout)
    assert report["status"] == expected.name.lower()
    assert report["is_project"] is (expected is not Health.UNREADABLE)
    assert bool(report["problems"]) is (expected is not Health.HEALTHY)

    assert snapshot(tmp_path) == before
    no_working_copies_left(data_dir)


def test_check_never_prints_none(tmp_path) -> None:
    shutil.copyfile(BAD / "truncated.blueprint", tmp_path / "truncated.blueprint")
    result = stagecraft("check", "truncated.blueprint", cwd=tmp_path)
    assert result.returncode == Health.PROBLEMS
    assert "None" not in result.stdout, result.stdout


# -- failures ----------------------------------------------------------------------------------


def _locked_by_another_machine(folder: Path) -> None:
    (folder / "plan.blueprint").write_bytes((BAD / "html.blueprint").read_bytes())
    (folder / ".~lock.plan.blueprint#").write_text(
        json.dumps({"user": "sam", "machine": "other-host", "pid": 1, "since": "2026-11-23"})
    )


def _existing(folder: Path) -> None:
    (folder / "plan.blueprint").write_bytes((BAD / "html.blueprint").read_bytes())


def _folder(folder: Path) -> None:
    (folder / "plan.blueprint").mkdir()
    (folder / "plan.blueprint" / "inside.txt").write_text("keep me\n")


def _nothing(folder: Path) -> None:
    pass


# (what is in the folder first, the command, words the error must name, the exit status)
FAILURES = {
    "check-missing-file": (_nothing, ["check", "plan.blueprint"], ["plan.blueprint"], 2),
    "check-folder": (_folder, ["check", "plan.blueprint"], ["plan.blueprint", "folder"], 2),
    "check-bad-file": (
        lambda f: shutil.copyfile(BAD / "random.blueprint", f / "plan.blueprint"),
        ["check", "plan.blueprint"],
        ["plan.blueprint"],
        2,
    ),
    "new-folder": (_folder, ["new", "plan.blueprint"], ["plan.blueprint", "folder"], 2),
    "new-force-folder": (_folder, ["new", "plan.blueprint", "--force"], ["folder"], 2),
    "new-missing-folder": (_nothing, ["new", "nowhere/plan.blueprint"], ["nowhere"], 2),
    "new-existing": (_existing, ["new", "plan.blueprint"], ["already exists"], 2),
    "new-force-locked": (
        _locked_by_another_machine,
        ["new", "plan.blueprint", "--force"],
        ["plan.blueprint", "sam", "other-host"],
        2,
    ),
    "sample-existing": (_existing, ["sample", "plan.blueprint"], ["already exists"], 2),
    "sample-folder": (_folder, ["sample", "plan.blueprint"], ["folder"], 2),
    "usage-new-without-file": (_nothing, ["new"], ["FILE"], 2),
    "usage-check-without-file": (_nothing, ["check"], ["FILE"], 2),
    "usage-unknown-option": (_existing, ["check", "--bogus", "plan.blueprint"], ["--bogus"], 2),
    "usage-bad-template": (_nothing, ["new", "x.blueprint", "--template", "huge"], ["huge"], 2),
    "usage-name-without-value": (_nothing, ["new", "x.blueprint", "--name"], ["--name"], 2),
    "usage-no-command": (_nothing, ["--force"], ["--force"], 2),
    "unknown-command": (_existing, ["frobnicate", "plan.blueprint"], ["frobnicate"], 2),
    "scale-zero": (_nothing, ["sample", "x.blueprint", "--scale", "0"], ["--scale"], 2),
    "scale-negative": (_nothing, ["sample", "x.blueprint", "--scale", "-5"], ["--scale"], 2),
    "scale-not-a-number": (_nothing, ["sample", "x.blueprint", "--scale", "lots"], ["lots"], 2),
    "scale-too-big": (_nothing, ["sample", "x.blueprint", "--scale", "300000"], ["--scale"], 2),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_every_failure_is_one_line_and_changes_nothing(tmp_path, data_dir, case) -> None:
    prepare, args, words, status = FAILURES[case]
    prepare(tmp_path)
    before = snapshot(tmp_path)
    result = stagecraft(*args, cwd=tmp_path)
    assert result.returncode == status
    assert_one_line_error(result, *words)
    assert snapshot(tmp_path) == before
    no_working_copies_left(data_dir)


def _writable_despite_permissions(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.touch()
    except PermissionError:
        return False
    probe.unlink()
    return True


@pytest.mark.parametrize("command", ["new", "sample"])
def test_writing_where_the_folder_is_not_writable(tmp_path, data_dir, command) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if _writable_despite_permissions(folder):
            # Running as root: permissions do not stop us. A folder that does not exist
            # is the unwritable place root has.
            target, words = folder / "gone" / "plan.blueprint", ["gone", "does not exist"]
        else:
            target, words = folder / "plan.blueprint", ["plan.blueprint"]
        before = snapshot(tmp_path)
        result = stagecraft(command, str(target), cwd=tmp_path)
        assert_one_line_error(result, *words)
        assert snapshot(tmp_path) == before
        no_working_copies_left(data_dir)
    finally:
        folder.chmod(0o755)


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0 and SETPRIV),
    reason="as root with setpriv only (other users have the chmod test above)",
)
@pytest.mark.parametrize("command", ["new", "sample"])
def test_root_without_its_override_meets_an_unwritable_folder(tmp_path, data_dir, command):
    """Root with its capabilities dropped obeys file permissions like any user."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        before = snapshot(tmp_path)
        result = stagecraft(
            command,
            str(folder / "plan.blueprint"),
            cwd=tmp_path,
            prefix=[SETPRIV, "--inh-caps=-all", "--bounding-set=-all"],
        )
        assert_one_line_error(result, "plan.blueprint", f"no permission to write in {folder}")
        assert ".~lock" not in result.stderr
        assert snapshot(tmp_path) == before
        no_working_copies_left(data_dir)
    finally:
        folder.chmod(0o755)


def test_opening_a_missing_file_does_not_start_the_editor(tmp_path, data_dir) -> None:
    # With no usable Qt platform, starting the editor would abort with Qt's own messages.
    result = stagecraft(
        "missing.blueprint", cwd=tmp_path, env={"QT_QPA_PLATFORM": "no-such-platform"}
    )
    assert result.returncode == 2
    assert_one_line_error(result, "missing.blueprint", "does not exist", "stagecraft new")
    assert list(tmp_path.iterdir()) == []
    no_working_copies_left(data_dir)
