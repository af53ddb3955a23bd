"""The life of a project file: new, open, save, save as, close, recover, migrate.

The user's file is never edited in place. Opening copies it into a working copy in the
user's data folder; every change is committed there at once; saving writes a consistent
snapshot and atomically replaces the user's file. A lock file beside the file says who
has it open. This module is the only one that opens project databases.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from app import __version__
from app.model.atomic import (
    Fingerprint,
    copy_file,
    describe,
    replace_atomically,
    sweep_stale_saves,
)
from app.model.base import APPLICATION_ID, SCHEMA_REVISIONS, SCHEMA_VERSION, Base
from app.model.content_check import content_problems, decode_text
from app.model.errors import (
    ChangedOnDiskError,
    DamagedFileError,
    NotAProjectError,
    ReadOnlyError,
    SaveError,
    WorkingCopyError,
)
from app.model.lockfile import ProjectLock
from app.model.migrate import current_revision, stamp_head, upgrade
from app.model.ops_grid import get_project
from app.model.sessions import ProjectSession
from app.model.sqlite_guard import (
    connect,
    foreign_objects,
    missing_tables,
    quick_check,
    read_header,
)
from app.model.structure import Project
from app.model.templates import build_from_template
from app.model.working_copy import WorkingCopy, WorkingRecord

EXTENSION = ".blueprint"


class ProjectFile:
    """One open project: its working copy, session, origin file and lock."""

    def __init__(
        self,
        working: WorkingCopy,
        *,
        lock: ProjectLock | None = None,
        notices: list[str] | None = None,
    ) -> None:
        self.working = working
        self.lock = lock
        self.notices: list[str] = notices or []
        self.engine = _engine(working.database, read_only=working.record.read_only)
        self.session = self._new_session()
        try:
            self.project: Project = get_project(self.session)
        except Exception:
            self._dispose()
            raise

    def _new_session(self) -> ProjectSession:
        session = ProjectSession(bind=self.engine, expire_on_commit=False)
        session.info["read_only"] = self.read_only
        session.info["name"] = self.display_name
        return session

    # -- what it is -----------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The user's file this project saves to; None until first saved."""
        return self.working.record.origin_path

    @property
    def read_only(self) -> bool:
        return self.working.record.read_only

    @property
    def modified(self) -> bool:
        return self.working.record.modified

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.working.record.name

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def new(cls, name: str = "Untitled project", template: str = "standard") -> ProjectFile:
        """A new untitled project built from a template."""
        return cls.build(name, lambda session: build_from_template(session, template, name))

    @classmethod
    def build(cls, name: str, builder) -> ProjectFile:
        """A new untitled project filled by ``builder(session)`` (templates, the sample)."""
        working = WorkingCopy.create(WorkingRecord(name=name))
        try:
            engine = _engine(working.database, read_only=False)
            Base.metadata.create_all(engine)
            with engine.begin() as connection:
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                stamp_head(connection)
            with ProjectSession(bind=engine) as session:
                builder(session)
                session.commit()
            engine.dispose()
            return cls(working)
        except BaseException:
            working.remove()
            raise

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, as_copy: bool = False
    ) -> ProjectFile:
        """Open the user's file through a working copy.

        Raises FileLockedError when someone else has it open: then open it with
        ``read_only=True`` or ``as_copy=True``. A file from a newer Stagecraft opens
        read-only; an older one is upgraded in the working copy only.
        """
        path = Path(path).absolute()
        header = read_header(path)
        notices: list[str] = []
        lock = None
        newer = header.user_version > SCHEMA_VERSION
        if newer:
            read_only = True
        if not read_only and not as_copy:
            try:
                lock = ProjectLock.acquire(path)
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise NotAProjectError(f"{path} cannot be opened: {error.strerror}") from None
                read_only = True
                notices.append(
                    f"{path.name} is open read-only: its folder does not let you write there; "
                    "use Save As to keep a copy you can edit"
                )
        sweep_stale_saves(path)
        record = WorkingRecord(
            name=path.stem if not as_copy else f"Copy of {path.stem}",
            origin=None if as_copy else str(path),
            read_only=read_only,
        )
        working = WorkingCopy.create(record)
        try:
            try:
                digest = copy_file(path, working.database)
            except OSError as error:
                raise NotAProjectError(f"{path} cannot be read: {error.strerror}") from None
            stat = path.stat()
            record.fingerprint = Fingerprint(stat.st_size, stat.st_mtime_ns, digest).__dict__
            working.write_record()
            notices += _check_and_migrate(working.database, path, header.user_version)
            project = cls(working, lock=lock, notices=notices)
            if as_copy:
                project.notices.append(f"This is a copy of {path.name}; save it under a new name")
            return project
        except BaseException:
            working.remove()
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def recover(cls, working: WorkingCopy, *, as_copy: bool = False) -> ProjectFile:
        """Reopen a working copy left by a crash, with its unsaved work."""
        working.adopt()
        lock = None
        origin = working.record.origin_path
        if origin is not None:
            sweep_stale_saves(origin)  # the crash may have cut a save short
        if as_copy:
            working.record.origin = None
            working.record.name = f"Recovered {working.record.name}"
        elif origin is not None and not working.record.read_only and origin.parent.is_dir():
            lock = ProjectLock.acquire(origin)
        working.record.modified = True
        working.write_record()
        try:
            return cls(working, lock=lock, notices=["Recovered unsaved work from the last session"])
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    # -- changing -------------------------------------------------------------------------

    def commit(self) -> None:
        """Commit pending changes to the working copy and remember there is unsaved work."""
        if self.read_only:
            self.session.rollback()
            raise ReadOnlyError(
                f"{self.display_name} is open read-only; use Save As to edit a copy"
            )
        first = not self.working.record.modified
        try:
            if first:
                # Recorded before the change itself: a crash right after it still offers it.
                self._set_modified(True)
            self.session.commit()
        except (OSError, SQLAlchemyError, sqlite3.Error) as error:
            self.session.rollback()
            if first:
                with contextlib.suppress(OSError):
                    self._set_modified(False)
            raise WorkingCopyError(
                f"could not keep this change: {self._working_problem(error)}; the change "
                "was undone and the work before it is kept"
            ) from None

    def _working_problem(self, error: Exception) -> str:
        """What stopped a write to the working copy, and what to do about it."""
        folder = self.working.folder.parent
        if _disk_full(error):
            return (
                f"the disk holding Stagecraft's working copies ({folder}) is full; "
                "free some space there, then save"
            )
        if not self.working.folder.is_dir():
            return f"Stagecraft's working folder {self.working.folder} is gone; use Save As"
        detail = error.strerror if isinstance(error, OSError) else _sqlite_message(error)
        return f"{detail} (in {folder}); try again, or use Save As to keep a copy"

    def _read_only_message(self) -> str:
        return f"{self.display_name} is open read-only; use Save As to keep a copy you can edit"

    def set_modified(self, modified: bool) -> None:
        """Say whether the working copy holds unsaved work (undo back to the saved state
        makes it False), so recovery after a crash offers only real work."""
        if modified != self.working.record.modified:
            self._set_modified(modified)

    def _set_modified(self, modified: bool) -> None:
        self.working.record.modified = modified
        self.working.record.changed = datetime.now(UTC).isoformat(timespec="seconds")
        self.working.write_record()

    # -- saving ---------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Has someone else changed the user's file since we opened or last saved it?

        A file holding what our own save was writing when the program was stopped (a
        crash after the rename, before the record said so) is ours, not someone else's.
        """
        record = self.working.record
        path, known = self.path, record.origin_fingerprint
        if path is None or known is None or not path.exists() or known.same_stat(path):
            return False
        try:
            return Fingerprint.of(path).sha256 not in (known.sha256, record.saving)
        except OSError:
            return True

    def save(self, *, overwrite: bool = False) -> None:
        """Save to the user's file. Raises ChangedOnDiskError if someone else changed it,
        unless ``overwrite``; the caller then offers Save As (a copy) or overwrite."""
        if self.path is None:
            raise SaveError(f"{self.display_name} has not been saved yet; use Save As")
        if self.read_only:
            raise ReadOnlyError(
                f"{self.display_name} is open read-only; use Save As to keep a copy"
            )
        if not overwrite and self.changed_on_disk():
            raise ChangedOnDiskError(
                f"{self.path.name} was changed on disk by someone else since you opened it; "
                "save your work as a copy, or overwrite their change"
            )
        self._write(self.path)

    def save_as(self, path: Path | str, *, replace: bool = True) -> None:
        """Save to a new file and continue there; ``replace=False`` refuses an existing file."""
        target = Path(path).absolute()
        if target.is_dir():
            raise SaveError(f"{target} is a folder; choose a file name")
        if not replace and target.exists():
            raise SaveError(f"{target} already exists; choose another name")
        if target == self.path and not self.read_only:
            self.save()
            return
        try:
            lock = ProjectLock.acquire(target) if target.parent.is_dir() else None
        except OSError as error:
            raise SaveError(
                f"could not save {target.name}: {describe(error, target.parent)}"
            ) from None
        try:
            self._write(target)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if self.lock is not None:
            self.lock.release()
        self.lock = lock
        if self.read_only and self._file_version() <= SCHEMA_VERSION:
            self.working.record.read_only = False
            self._reopen_writable()
        self.working.record.origin = str(target)
        self.working.record.name = target.stem
        self.working.write_record()

    def _write(self, target: Path) -> None:
        snapshot = self.working.folder / "snapshot.blueprint"
        try:
            if not self.read_only:
                self.session.execute(update(Project).values(saved_with=__version__))
                self.session.commit()
            _snapshot(self.working.database, snapshot)
            fingerprint = replace_atomically(
                snapshot, target, lambda sha256: self._note_saving(target, sha256)
            )
        except (sqlite3.Error, SQLAlchemyError, OSError) as error:
            # SQLite's errors here are the working copy's (replace_atomically words its own).
            if isinstance(error, SQLAlchemyError):
                self.session.rollback()
            if isinstance(error, OSError):
                raise SaveError(f"could not save {target.name}: {error.strerror}") from None
            if _disk_full(error):
                problem = (
                    f"the disk holding Stagecraft's working copies ({self.working.folder.parent})"
                    " is full; free some space there and save again"
                )
            else:
                problem = _sqlite_message(error)
            raise SaveError(f"could not save {target.name}: {problem}; your work is kept") from None
        finally:
            snapshot.unlink(missing_ok=True)
        self.working.record.fingerprint = fingerprint.__dict__
        self.working.record.saving = None
        self._set_modified(False)

    def _note_saving(self, target: Path, sha256: str) -> None:
        """Remember what is about to replace the user's file, in case the program stops
        before the fingerprint of the finished save is recorded."""
        if target == self.path:
            self.working.record.saving = sha256
            self.working.write_record()

    def _file_version(self) -> int:
        with self.engine.connect() as connection:
            return connection.exec_driver_sql("PRAGMA user_version").scalar_one()

    def _reopen_writable(self) -> None:
        self.session.close()
        self.engine.dispose()
        self.engine = _engine(self.working.database, read_only=False)
        self.session = self._new_session()
        self.project = get_project(self.session)

    # -- closing --------------------------------------------------------------------------

    def close(self) -> None:
        """Close and forget the working copy; the caller has asked about unsaved work."""
        self._dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.working.remove()

    def _dispose(self) -> None:
        self.session.close()
        self.engine.dispose()


def _engine(database: Path, *, read_only: bool) -> Engine:
    def _connect() -> sqlite3.Connection:
        connection = connect(database, read_only=read_only)
        connection.text_factory = decode_text
        # Transactions are begun explicitly below (SQLAlchemy's pysqlite recipe).
        connection.isolation_level = None
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    engine = create_engine("sqlite://", creator=_connect, poolclass=QueuePool, pool_size=1)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # pysqlite's own transaction handling is off; begin explicitly (SQLAlchemy recipe).
        connection.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "connect")
    def _autocommit(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    return engine


def _disk_full(error: Exception) -> bool:
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return "disk is full" in str(error) or "SQLITE_FULL" in str(error)


def _sqlite_message(error: Exception) -> str:
    """SQLite's own words, without SQLAlchemy's statement and background link."""
    original = getattr(error, "orig", None)
    return str(original if original is not None else error)


def _snapshot(database: Path, snapshot: Path) -> None:
    """A consistent copy of the working database in rollback-journal mode (no -wal file)."""
    snapshot.unlink(missing_ok=True)
    source = sqlite3.connect(database)
    target = sqlite3.connect(snapshot)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
        source.close()


def _check_and_migrate(database: Path, origin: Path, version: int) -> list[str]:
    """Check a fresh working copy; upgrade it if it is from an older Stagecraft."""
    try:
        notices = _check_structure(database, origin, version)
        if version < SCHEMA_VERSION:
            try:
                upgrade(database)
            except Exception as error:
                raise DamagedFileError(
                    f"{origin} (file format {version}) could not be upgraded: {error}"
                ) from None
        connection = connect(database)
        try:
            problems = content_problems(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(
            f"{origin} is damaged ({error}); open a backup or an earlier copy"
        ) from None
    if problems and version > SCHEMA_VERSION:
        raise DamagedFileError(
            f"{origin} uses things this Stagecraft cannot show ({problems[0]}); "
            "install a newer Stagecraft to open it"
        )
    if problems:
        raise DamagedFileError(
            f"{origin} cannot be opened: {problems[0]}; it may be damaged or changed by "
            "another program: open a backup or an earlier copy"
        )
    return notices


def _check_structure(database: Path, origin: Path, version: int) -> list[str]:
    """Integrity, foreign objects and schema revision; the notices to show the user."""
    connection = connect(database)
    try:
        # The full check: quick_check passes files whose indexes no longer match their
        # tables, and reading those fails later ("database disk image is malformed").
        problems = quick_check(connection, origin, full=True)
        if problems:
            raise DamagedFileError(
                f"{origin} is damaged ({problems[0]}); open a backup or an earlier copy"
            )
        foreign = foreign_objects(connection)
        if foreign:
            raise DamagedFileError(
                f"{origin} contains a {foreign[0]} that Stagecraft never makes; "
                "it may have been tampered with, so it was not opened"
            )
        if version > SCHEMA_VERSION:
            saved_with = _saved_with(connection)
            return [
                f"{origin.name} was saved by a newer Stagecraft{saved_with} in file format "
                f"{version}; this Stagecraft {__version__} reads format {SCHEMA_VERSION} at most. "
                f"It is open read-only: install Stagecraft that reads format {version} to edit it"
            ]
        revision = current_revision(connection)
        if version not in SCHEMA_REVISIONS or revision != SCHEMA_REVISIONS[version]:
            raise DamagedFileError(
                f"{origin} has an unknown schema (format {version}, revision {revision}); "
                "it may be damaged: open a backup or an earlier copy"
            )
        if version < SCHEMA_VERSION:
            return [
                f"{origin.name} was made by an older Stagecraft (file format {version}); it is "
                f"upgraded to format {SCHEMA_VERSION} when you save, and the original is "
                "untouched until then"
            ]
        missing = missing_tables(connection, set(Base.metadata.tables))
        if missing:
            raise DamagedFileError(
                f"{origin} is damaged: the table {missing[0]!r} is missing; "
                "open a backup or an earlier copy"
            )
        return []
    finally:
        connection.close()


def _saved_with(connection: sqlite3.Connection) -> str:
    try:
        row = connection.execute("SELECT saved_with FROM project").fetchone()
    except sqlite3.DatabaseError:
        return ""
    return f" ({row[0]})" if row and row[0] else ""


def ensure_extension(path: Path) -> Path:
    return path if path.suffix else path.with_suffix(EXTENSION)
