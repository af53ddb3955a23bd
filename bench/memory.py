"""Peak memory (RSS) with a generated project of 500, 2,000 and 10,000 cards open in the
editor, each measured in a fresh process.

The process starts the editor as ``stagecraft FILE`` does (the main window, the file opened
in it), draws the blueprint shown at 100% and zoomed to fit, opens the Findings dock on
every blueprint (the analysis of the whole project runs) and reports its high-water mark
(``VmHWM`` in /proc/self/status, else ``ru_maxrss``). The floor, also a fresh process:
PySide6 with raw ``sqlite3`` reading the same rows and a bare QGraphicsRectItem +
QGraphicsSimpleTextItem scene of the cards (at the places the layout gives, worked out by
this process and handed over in a file), drawn once. One process per figure: a
high-water mark is not a noisy timing, and repeated runs agree within a few MB.

Run: ``python -m bench.memory [--quick] [--no-record]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import Figure, bench_main, make_project

TARGET_MB = 500  # with 10,000 cards open


def peak_mb() -> float:
    """This process's peak resident set so far, in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def editor_child(path: Path) -> dict[str, float]:
    """In the child: the editor showing ``path``, drawn, the analysis run."""
    from PySide6.QtWidgets import QApplication

    from app.ui.analysis.findings import findings_of
    from app.ui.analysis.findings_dock import ALL
    from app.ui.app import create_application, start

    _app = create_application()
    window = start(path)
    QApplication.processEvents()
    editor = window.workspace.current
    if editor is None:
        raise SystemExit(f"stagecraft: error: {path} did not open in the editor")
    editor.view.zoom_to_actual()
    editor.view.viewport().grab()
    editor.view.zoom_to_fit()
    editor.view.viewport().grab()
    findings = findings_of(window)
    findings.dock.show()
    scope = findings.panel.scope
    scope.setCurrentIndex(scope.findData(ALL))  # every blueprint of the project
    QApplication.processEvents()
    found = findings.analysis()
    cards = len(editor.layout_engine.geometry.cards)
    result = {"peak": peak_mb(), "cards": cards, "findings": len(found.findings) if found else 0}
    window.files.release()
    return result


def floor_child(path: Path, places_file: Path) -> dict[str, float]:
    """In the child: raw rows and the bare items scene, drawn once."""
    from PySide6.QtWidgets import QApplication

    from bench.first_frame import floor_frame

    _app = QApplication(sys.argv[:1])
    where = {key: tuple(value) for key, value in json.loads(places_file.read_text()).items()}
    floor_frame(path, where)
    return {"peak": peak_mb(), "cards": len(where)}


def in_child(*arguments: str) -> dict[str, float]:
    """Run this module in a fresh process with ``arguments`` and read what it reports."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--child", *arguments],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"the memory child {arguments} failed: {done.stderr.strip()[-500:]}")
    return json.loads(lines[-1])


def run(sizes: list[int], runs: int) -> list[Figure]:
    """One fresh process per figure (``runs`` is not used: see the module's note)."""
    from bench.first_frame import places

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = make_project(Path(folder), cards, "memory")
            places_file = Path(folder) / f"places-{cards}.json"
            places_file.write_text(json.dumps(places(path)))
            editor = in_child("editor", str(path))
            floor = in_child("floor", str(path), str(places_file))
            target = cards == 10_000
            figures.append(
                Figure(
                    f"peak RSS, editor open on {cards:,} cards "
                    f"({editor['cards']:,} drawn, analysis run)",
                    editor["peak"],
                    "PySide6 process: raw sqlite3 rows + bare items, drawn",
                    floor["peak"],
                    f"< {TARGET_MB} MB" if target else "",
                    editor["peak"] < TARGET_MB if target else None,
                    cost="peak RSS, editor open",
                    cards=cards,
                    unit="MB",
                )
            )
    return figures


def child_main(arguments: list[str]) -> int:
    kind, path, *rest = arguments
    if kind == "editor":
        result = editor_child(Path(path))
    else:
        result = floor_child(Path(path), Path(rest[0]))
    print(json.dumps(result), flush=True)
    os._exit(0)  # the figure is taken; tearing the window down adds nothing to it


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child_main(sys.argv[2:])
    return bench_main(
        "python -m bench.memory",
        __doc__,
        "Memory: peak RSS with the project open",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
