"""Working copies in the user's data folder: one folder per open project, with a record of
where it came from, so that after a crash the next start can offer to restore it."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.model.atomic import Fingerprint
from app.model.datadir import working_root
from app.model.processes import machine_name, process_alive

DATABASE = "project.blueprint"
RECORD = "session.json"


@dataclass
class WorkingRecord:
    """What session.json says about one working copy."""

    name: str
    origin: str | None = None
    read_only: bool = False
    modified: bool = False
    pid: int = field(default_factory=os.getpid)
    machine: str = field(default_factory=machine_name)
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    changed: str = ""
    fingerprint: dict | None = None
    # The SHA-256 of a save under way: a crash after its rename left this content on disk.
    saving: str | None = None

    @property
    def origin_path(self) -> Path | None:
        return Path(self.origin) if self.origin else None

    @property
    def origin_fingerprint(self) -> Fingerprint | None:
        return Fingerprint(**self.fingerprint) if self.fingerprint else None


class WorkingCopy:
    """A folder holding the working database and its record."""

    def __init__(self, folder: Path, record: WorkingRecord) -> None:
        self.folder = folder
        self.record = record

    @property
    def database(self) -> Path:
        return self.folder / DATABASE

    @classmethod
    def create(cls, record: WorkingRecord) -> WorkingCopy:
        root = working_root()
        root.mkdir(parents=True, exist_ok=True)
        folder = root / uuid.uuid4().hex
        folder.mkdir()
        copy = cls(folder, record)
        copy.write_record()
        return copy

    @classmethod
    def load(cls, folder: Path) -> WorkingCopy | None:
        try:
            data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            return cls(folder, WorkingRecord(**data))
        except (OSError, ValueError, TypeError):
            return None

    def write_record(self) -> None:
        temp = self.folder / f"{RECORD}.new"
        temp.write_text(json.dumps(asdict(self.record), indent=1), encoding="utf-8")
        os.replace(temp, self.folder / RECORD)

    def adopt(self) -> None:
        """This process takes over a working copy left by one that is gone."""
        self.record.pid = os.getpid()
        self.record.machine = machine_name()
        self.write_record()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def in_use(self) -> bool:
        return self.record.machine == machine_name() and process_alive(self.record.pid)


def recoverable() -> list[WorkingCopy]:
    """Working copies whose program ended without closing them and that hold unsaved work.

    Copies left without unsaved work are removed on the way.
    """
    root = working_root()
    if not root.is_dir():
        return []
    found: list[WorkingCopy] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir():
            continue
        copy = WorkingCopy.load(folder)
        if copy is None:
            if not (folder / DATABASE).exists():
                shutil.rmtree(folder, ignore_errors=True)
            continue
        if copy.in_use:
            continue
        if not copy.record.modified or not copy.database.exists():
            copy.remove()
            continue
        found.append(copy)
    found.sort(key=lambda c: c.record.changed or c.record.started, reverse=True)
    return found
