"""The lock file beside an open project: who has it open, created exclusively, cleared when stale.

SQLite's own locking is not trusted on network drives and synced folders, so Stagecraft
keeps its own small lock file, named like LibreOffice's: ``.~lock.NAME#``.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from app import __version__
from app.model.errors import FileLockedError
from app.model.processes import machine_name, process_alive, user_name


@dataclass(frozen=True)
class LockHolder:
    user: str
    machine: str
    pid: int
    since: str
    app: str = ""

    def describe(self) -> str:
        when = self.since
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.user} on {self.machine} (since {when})"

    @property
    def is_mine(self) -> bool:
        return self.machine == machine_name() and self.pid == os.getpid()

    @property
    def is_stale(self) -> bool:
        """Only a lock from this machine can be proven stale: its process is gone."""
        return self.machine == machine_name() and not process_alive(self.pid)


def lock_path(target: Path) -> Path:
    return target.with_name(f".~lock.{target.name}#")


def read_holder(target: Path) -> LockHolder | None:
    path = lock_path(target)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            user=str(data["user"]),
            machine=str(data["machine"]),
            pid=int(data["pid"]),
            since=str(data["since"]),
            app=str(data.get("app", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Unreadable or half-written: someone has it, but we cannot tell who.
        return UNREADABLE


UNREADABLE = LockHolder("someone", "an unknown machine", 0, "an unknown time")
# A lock is written once, the moment it is taken. One still unreadable this long after it
# was last written was left half-written by a program that stopped while taking it.
ABANDONED_AFTER = 30.0  # seconds


def abandoned(path: Path, holder: LockHolder) -> bool:
    """An unreadable lock file old enough that nobody is still writing it."""
    if holder != UNREADABLE:
        return False
    try:
        return time.time() - path.stat().st_mtime > ABANDONED_AFTER
    except OSError:
        return False


class ProjectLock:
    """An acquired lock on ``target``; release() removes it if it is still ours."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = lock_path(target)
        self.holder = LockHolder(
            user=user_name(),
            machine=machine_name(),
            pid=os.getpid(),
            since=datetime.now(UTC).isoformat(timespec="seconds"),
            app=f"Stagecraft {__version__}",
        )

    @classmethod
    def acquire(cls, target: Path) -> ProjectLock:
        """Take the lock, clearing a stale one; raise FileLockedError if someone has it."""
        lock = cls(target)
        for _attempt in range(2):
            try:
                fd = os.open(lock.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_holder(target)
                if holder is None:
                    continue
                if holder.is_stale or abandoned(lock.path, holder):
                    lock.path.unlink(missing_ok=True)
                    continue
                raise FileLockedError(
                    f"{target.name} is open by {holder.describe()}", holder
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(asdict(lock.holder), stream)
            return lock
        holder = read_holder(target) or LockHolder("someone", "an unknown machine", 0, "")
        raise FileLockedError(f"{target.name} is open by {holder.describe()}", holder)

    def release(self) -> None:
        """Remove the lock if it is still ours. A lock that cannot be removed (the folder
        went read-only or away) is left: once this process is gone it is stale."""
        holder = read_holder(self.target)
        if (
            holder is not None
            and holder.pid == self.holder.pid
            and holder.machine == (self.holder.machine)
        ):
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
