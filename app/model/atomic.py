"""Write a file so that a crash leaves the old version or the new one, never a broken one.

The new bytes go to a temporary file beside the target, are flushed to disk, and then
replace the target in one rename; the folder is flushed too so the rename survives a
power cut. A temporary file left by a crash is swept on the next save or open.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.model.errors import SaveError
from app.model.processes import machine_name, process_alive

CHUNK = 1024 * 1024
SUFFIX = ".stagecraft-save"


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when we last read or wrote it, to notice changes made by others."""

    size: int
    mtime_ns: int
    sha256: str

    def same_stat(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
        stat = path.stat()
        return cls(stat.st_size, stat.st_mtime_ns, digest.hexdigest())


def copy_file(source: Path, target: Path) -> str:
    """Copy bytes to a new file, flushed to disk; return the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with source.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                write_all(fd, chunk)
        os.fsync(fd)
    finally:
        os.close(fd)
    return digest.hexdigest()


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def temp_name(target: Path) -> Path:
    return target.with_name(f".~{target.name}.{_machine_token()}.{os.getpid()}{SUFFIX}")


def _machine_token() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", machine_name())


def sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems cannot flush a folder; the rename still holds
    finally:
        os.close(fd)


def replace_atomically(
    source: Path, target: Path, before_replace: Callable[[str], None] | None = None
) -> Fingerprint:
    """Put a copy of ``source`` at ``target`` atomically; return the new file's fingerprint.

    ``before_replace(sha256)`` is called once the copy is on disk and just before it
    replaces ``target``, so a caller can note what it is writing: after a crash between
    the rename and the caller's own record, the file on disk is then known as ours.
    """
    folder = target.parent
    if not folder.is_dir():
        raise SaveError(
            f"could not save {target.name}: the folder {folder} no longer exists; "
            "use Save As to choose another folder (your work is kept)"
        )
    sweep_stale_saves(target)
    temp = temp_name(target)
    try:
        digest = copy_file(source, temp)
        if target.exists():
            shutil.copymode(target, temp)
        if before_replace is not None:
            before_replace(digest)
        os.replace(temp, target)
        sync_folder(folder)
    except OSError as error:
        with contextlib.suppress(OSError):  # a read-only folder refuses even this
            temp.unlink(missing_ok=True)
        raise SaveError(f"could not save {target.name}: {describe(error, folder)}") from error
    stat = target.stat()
    return Fingerprint(stat.st_size, stat.st_mtime_ns, digest)


def describe(error: OSError, folder: Path) -> str:
    """A plain sentence for a failed write, with what to do; the work itself is kept."""
    keep = "your work is kept"
    code = error.errno
    if code == errno.ENOSPC:
        return f"the disk is full; free some space or save elsewhere ({keep})"
    if code == getattr(errno, "EDQUOT", -1):
        return f"your disk quota is used up; free some space or save elsewhere ({keep})"
    if code in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {folder}; use Save As to choose another folder ({keep})"
    if code == errno.EROFS:
        return f"{folder} is read-only; use Save As to choose another folder ({keep})"
    if code == errno.ENOENT:
        return f"the folder {folder} no longer exists; use Save As ({keep})"
    if code == errno.EIO:
        return f"the disk reported an input/output error; save elsewhere ({keep})"
    return f"{error.strerror or error}; try again or save elsewhere ({keep})"


_TEMP = re.compile(r"^\.~(?P<name>.+)\.(?P<machine>[^.]+)\.(?P<pid>\d+)" + re.escape(SUFFIX) + "$")


def sweep_stale_saves(target: Path) -> None:
    """Remove temporary files of saves of ``target`` that crashed on this machine."""
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    here = _machine_token()
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or match["name"] != target.name or match["machine"] != here:
            continue
        if not process_alive(int(match["pid"])):
            entry.unlink(missing_ok=True)
