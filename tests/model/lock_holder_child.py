"""Process A of test_lock_processes: ``python lock_holder_child.py FILE``.

Opens FILE (taking its lock), prints ``ready PID``, then waits for a line on stdin:
``close`` closes the project (releasing the lock) and exits 0; end of input does the same.
"""

from __future__ import annotations

import os
import sys

from app.model.project_file import ProjectFile


def main(path: str) -> int:
    project_file = ProjectFile.open(path)
    print("ready", os.getpid(), flush=True)
    sys.stdin.readline()
    project_file.close()
    print("closed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
