"""Files that are not healthy projects, or projects that try to trick the editor.

For each: ProjectFile.open raises the right StagecraftError with one line naming the file
(or opens, with the text exactly as stored), check_file gives the right Health, the file's
bytes stay the same, nothing appears beside it, and no working copy is left behind.
The corpus is tests/data/bad (regenerate with tests/data/make_bad_files.py); the big
cases are made here, at test time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.base import APPLICATION_ID, SCHEMA_VERSION
from app.model.check import Health, check_file
from app.model.datadir import data_dir, working_root
from app.model.dump import dump
from app.model.errors import DamagedFileError, NotAProjectError, ReadOnlyError, StagecraftError
from app.model.loading import load_blueprints
from app.model.lockfile import lock_path
from app.model.project_file import ProjectFile

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "bad"


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_bad_files", DATA / "make_bad_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_maker()

# name -> (the error ProjectFile.open raises, what its message says, check_file's Health)
REFUSED: dict[str, tuple[type[StagecraftError], str, Health]] = {
    "empty.blueprint": (NotAProjectError, "is empty", Health.UNREADABLE),
    "random.blueprint": (NotAProjectError, "not an SQLite database", Health.UNREADABLE),
    "text.blueprint": (NotAProjectError, "not an SQLite database", Health.UNREADABLE),
    "truncated.blueprint": (DamagedFileError, "damaged", Health.PROBLEMS),
    "other_app.blueprint": (NotAProjectError, "another program", Health.UNREADABLE),
    "wrong_app_id.blueprint": (NotAProjectError, "another program", Health.UNREADABLE),
    "trigger.blueprint": (DamagedFileError, "trigger 'evil'", Health.PROBLEMS),
    "view.blueprint": (DamagedFileError, "view 'evil'", Health.PROBLEMS),
}
OPENED = {"html.blueprint", "newer.blueprint"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def state(path: Path) -> tuple[list[str], str | None]:
    """What must not change: the folder's names, and the file's bytes."""
    return listing(path.parent), (sha256(path) if path.is_file() else None)


def place(tmp_path: Path, name: str) -> Path:
    """A copy of a corpus file alone in its own folder."""
    folder = tmp_path / "folder"
    folder.mkdir()
    target = folder / name
    shutil.copyfile(BAD / name, target)
    return target


def nothing_left_in_the_data_folder() -> None:
    assert not working_root().exists() or listing(working_root()) == []
    check = data_dir() / "check"
    assert not check.exists() or listing(check) == []


def assert_refused(
    path: Path, error: type[StagecraftError], says: str, health: Health
) -> StagecraftError:
    before = state(path)
    with pytest.raises(StagecraftError) as raised:
        ProjectFile.open(path)
    assert type(raised.value) is error, raised.value
    message = str(raised.value)
    assert "\n" not in message and message.strip() == message
    assert path.name in message and says in message
    assert state(path) == before
    nothing_left_in_the_data_folder()

    report = check_file(path)
    assert report.health is health, report.problems
    assert report.problems
    assert all("\n" not in problem for problem in report.problems)
    assert state(path) == before
    nothing_left_in_the_data_folder()
    return raised.value


# -- the committed corpus ----------------------------------------------------------------------


def test_the_corpus_is_complete_and_small() -> None:
    assert sorted(REFUSED.keys() | OPENED) == sorted(maker.CORPUS) == listing(BAD)
    for path in BAD.iterdir():
        assert path.stat().st_size <= 256 * 1024, path.name


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_file_is_refused_and_left_alone(tmp_path, name) -> None:
    error, says, health = REFUSED[name]
    assert_refused(place(tmp_path, name), error, says, health)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_read_only_and_copy_opens_refuse_it_too(tmp_path, name) -> None:
    path = place(tmp_path, name)
    before = state(path)
    for options in ({"read_only": True}, {"as_copy": True}):
        with pytest.raises(REFUSED[name][0]):
            ProjectFile.open(path, **options)
    assert state(path) == before
    nothing_left_in_the_data_folder()


def test_html_card_text_is_kept_as_plain_text(tmp_path) -> None:
    path = place(tmp_path, "html.blueprint")
    before = state(path)
    project_file = ProjectFile.open(path)
    assert not project_file.read_only and project_file.notices == []
    (card,) = project_file.project.blueprints[0].lanes[1].cards
    assert card.text == maker.HTML_TEXT
    assert listing(path.parent) == sorted([path.name, lock_path(path).name])
    # And it is written back exactly as it was read.
    copy = tmp_path / "copy.blueprint"
    project_file.save_as(copy)
    project_file.close()
    assert state(path) == before
    reopened = ProjectFile.open(copy)
    assert [c.text for c in reopened.project.blueprints[0].lanes[1].cards] == [maker.HTML_TEXT]
    reopened.close()

    report = check_file(path)
    assert report.health is Health.HEALTHY and report.problems == []
    assert report.counts["card"] == 1
    assert state(path) == before
    nothing_left_in_the_data_folder()


def test_a_newer_file_opens_read_only_naming_the_format_it_needs(tmp_path) -> None:
    path = place(tmp_path, "newer.blueprint")
    before = state(path)
    project_file = ProjectFile.open(path)
    assert project_file.read_only and project_file.lock is None
    (notice,) = project_file.notices
    assert "\n" not in notice
    assert path.name in notice and "9.0.0" in notice
    assert "format 99" in notice and f"format {SCHEMA_VERSION} at most" in notice
    assert len(project_file.project.blueprints[0].lanes[1].cards) == len(maker.CARD_TEXTS)
    # Nothing beside it, not even a lock: a read-only open takes none.
    assert state(path) == before
    with pytest.raises(ReadOnlyError):
        project_file.save()
    project_file.close()
    assert state(path) == before
    nothing_left_in_the_data_folder()

    report = check_file(path)
    assert report.health is Health.PROBLEMS
    assert report.format_version == 99
    assert any("newer Stagecraft" in problem for problem in report.problems)
    assert report.counts["card"] == len(maker.CARD_TEXTS)
    assert state(path) == before
    nothing_left_in_the_data_folder()


# -- made at test time -------------------------------------------------------------------------


def test_a_10_mb_card_text_opens_and_checks_intact(tmp_path) -> None:
    path = tmp_path / "folder" / "huge.blueprint"
    path.parent.mkdir()
    text = maker.make_huge_text(path)
    assert len(text) == 10 * 1024 * 1024
    before = state(path)
    project_file = ProjectFile.open(path)
    (card,) = project_file.project.blueprints[0].lanes[1].cards
    assert card.text == text
    project_file.close()
    assert state(path) == before

    report = check_file(path)
    assert report.health is Health.HEALTHY, report.problems
    assert report.counts["card"] == 1
    assert state(path) == before
    nothing_left_in_the_data_folder()


def test_a_folder_named_like_a_project(tmp_path) -> None:
    path = tmp_path / "folder" / "x.blueprint"
    path.parent.mkdir()
    maker.make_folder(path)
    inside = listing(path)
    assert_refused(path, NotAProjectError, "is a folder", Health.UNREADABLE)
    assert listing(path) == inside


def test_a_project_cut_at_a_page_boundary(tmp_path) -> None:
    """Cut where the size still looks whole: only SQLite's own check can tell."""
    path = tmp_path / "folder" / "cut.blueprint"
    path.parent.mkdir()
    maker.make_project(path)
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    path.write_bytes(data[: (len(data) // 2) // page * page])
    assert_refused(path, DamagedFileError, "damaged", Health.PROBLEMS)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 40), id="header"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00"), id="magic-only"),
    ],
)
def test_a_file_that_ends_inside_the_header(tmp_path, make: Callable[[Path], None]) -> None:
    path = tmp_path / "folder" / "short.blueprint"
    path.parent.mkdir()
    make(path)
    assert_refused(path, NotAProjectError, "truncated", Health.UNREADABLE)


# Projects whose rows another program changed so that the editor cannot read them. Each must
# be refused at open with a DamagedFileError naming the file (and check must not call it
# healthy), or else open and load whole, as the canvas loads it.
TAMPERED = [
    pytest.param("DELETE FROM project", id="no-project-row"),
    pytest.param("UPDATE card SET text = CAST(X'48ff' AS TEXT)", id="undecodable-card-text"),
    pytest.param("UPDATE lane SET kind = 'bogus'", id="unknown-lane-kind"),
    # plain sqlite3 does not enforce foreign keys unless asked to
    pytest.param("UPDATE card SET lane_id = 'gone'", id="card-in-no-lane"),
    pytest.param("UPDATE card SET text = 'a' || char(0) || 'b'", id="nul-in-card-text"),
    pytest.param("UPDATE card SET position = 'abc'", id="text-in-a-number-column"),
    pytest.param("UPDATE card SET fail_point = 0.5", id="fraction-in-a-flag"),
]


@pytest.mark.parametrize("statement", TAMPERED)
def test_a_tampered_project_is_refused_or_loads_whole(tmp_path, statement) -> None:
    path = place(tmp_path, "html.blueprint")
    maker.tamper(path, statement)
    before = state(path)
    try:
        project_file = ProjectFile.open(path)
    except StagecraftError as error:
        assert type(error) is DamagedFileError, repr(error)
        assert path.name in str(error) and "\n" not in str(error)
        assert check_file(path).health is not Health.HEALTHY
    else:
        try:
            load_blueprints(project_file.session)
            dump(project_file.session)
        except Exception as error:
            pytest.fail(f"opened, but cannot be loaded: {type(error).__name__}: {error}")
        finally:
            project_file.close()
        assert check_file(path).health is Health.HEALTHY
    assert state(path) == before
    nothing_left_in_the_data_folder()


# -- the generator -----------------------------------------------------------------------------


def _logical(path: Path) -> object:
    """What a corpus file is, independent of the SQLite version that wrote it."""
    data = path.read_bytes()
    if not data.startswith(b"SQLite format 3\x00") or len(data) % 512:
        return ("bytes", len(data), data[:16], data[60:64], data[68:72])
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        pragmas = [
            connection.execute(f"PRAGMA {name}").fetchone()
            for name in ("application_id", "user_version", "page_size")
        ]
        return ("sqlite", pragmas, list(connection.iterdump()))
    finally:
        connection.close()


def test_the_committed_corpus_is_what_the_generator_makes(tmp_path) -> None:
    fresh = tmp_path / "bad"
    maker.make_all(fresh)
    assert listing(fresh) == listing(BAD)
    for name in listing(BAD):
        assert _logical(fresh / name) == _logical(BAD / name), name
        if not (BAD / name).read_bytes().startswith(b"SQLite"):
            assert sha256(fresh / name) == sha256(BAD / name), name
    # The projects in it are Stagecraft's, as the tests above assume.
    for name in ("html.blueprint", "trigger.blueprint", "view.blueprint", "newer.blueprint"):
        application_id, user_version, _ = _logical(BAD / name)[1]
        assert application_id == (APPLICATION_ID,)
        assert user_version == ((99,) if name == "newer.blueprint" else (SCHEMA_VERSION,))
