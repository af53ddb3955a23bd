"""Start the real program in a real X server, find its window, and close it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = "import sys; from app.ui.app import run_gui; sys.exit(run_gui(None))"

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)


def wait_for(check, timeout: float) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return None


@pytest.fixture
def display(tmp_path: Path):
    """A private X server on a free display number."""
    for number in range(120, 160):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    else:
        pytest.skip("no free X display number")
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10):
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(10)


def test_the_program_opens_its_window_and_quits(display: str, data_dir: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "STAGECRAFT_DATA_DIR": str(data_dir),
    }
    program = subprocess.Popen(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def window_id() -> str:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "Stagecraft"],
                env=env,
                capture_output=True,
                text=True,
            )
            return found.stdout.split()[0] if found.stdout.strip() else ""

        window = wait_for(lambda: program.poll() is None and window_id(), 30)
        assert window, f"no Stagecraft window appeared; stderr: {program.stderr.read()}"
        name = subprocess.run(
            ["xdotool", "getwindowname", window], env=env, capture_output=True, text=True
        ).stdout
        assert "Stagecraft" in name
        # Quit as a user would: focus the window and press Ctrl+Q (the sample is unmodified,
        # so nothing is asked).
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window, "key", "ctrl+q"], env=env, check=False
        )
        code = program.wait(20)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    assert code == 0, program.stderr.read()
