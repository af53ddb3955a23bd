"""Write an exported file so that a failure leaves the old file or none, never half of one.

The bytes go to a temporary file beside the target (named as the project file's saves
name theirs, so a crash's leftover is swept the same way), are flushed to disk, and then
replace the target in one rename.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.model.atomic import sweep_stale_saves, sync_folder, temp_name
from app.model.errors import StagecraftError


class ExportError(StagecraftError):
    """An export could not be made; nothing was written. The message is one line."""


def write_atomically(target: Path | str, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write`` with a binary stream whose bytes become ``target`` once it returns;
    if it raises, the target is untouched and the temporary file is removed."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"could not write {target.name}: the folder {folder} does not exist")
    sweep_stale_saves(target)
    temp = temp_name(target)
    try:
        with open(temp, "xb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.is_file():
            shutil.copymode(target, temp)  # a replaced export keeps who may read it
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(f"could not write {target.name}: {_reason(error, folder)}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(folder)
    return target


def write_bytes_atomically(target: Path | str, data: bytes) -> Path:
    return write_atomically(target, lambda stream: stream.write(data))


def _reason(error: OSError, folder: Path) -> str:
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full; free some space or choose another folder"
    if code in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {folder}; choose another folder"
    if code == errno.EROFS:
        return f"{folder} is read-only; choose another folder"
    if code == errno.EISDIR:
        return "a folder of that name is in the way; choose another name"
    if code == errno.ENOENT:
        return f"the folder {folder} no longer exists; choose another folder"
    return f"{error.strerror or error}; try again or choose another folder"
