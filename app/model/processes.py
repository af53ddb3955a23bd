"""Who is running: the user, the machine, and whether a process on this machine is alive."""

from __future__ import annotations

import getpass
import os
import socket


def user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def machine_name() -> str:
    return socket.gethostname() or "unknown machine"


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
