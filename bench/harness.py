"""Timing, reporting and the results log shared by every benchmark."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")


@dataclass
class Figure:
    name: str
    seconds: float
    floor_name: str
    floor_seconds: float
    target: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_seconds if self.floor_seconds else float("inf")

    def row(self) -> str:
        verdict = "" if self.met is None else ("yes" if self.met else "NO")
        return (
            f"| {self.name} | {self.seconds * 1000:,.1f} ms | {self.floor_name} | "
            f"{self.floor_seconds * 1000:,.1f} ms | {self.ratio:,.1f}x | {self.target} "
            f"| {verdict} |"
        )


HEADER = (
    "| figure | time | floor | floor time | ratio | target | met |\n"
    "| --- | ---: | --- | ---: | ---: | --- | --- |"
)


def median_time(
    action: Callable[[], object],
    *,
    runs: int = 5,
    warmup: int = 1,
    setup: Callable[[], object] | None = None,
    teardown: Callable[[object], object] | None = None,
) -> float:
    """The median wall time of ``action`` over ``runs`` runs after ``warmup`` runs;
    ``setup``/``teardown`` run around each call and are not timed."""
    times: list[float] = []
    for index in range(warmup + runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
        if teardown is not None:
            teardown(result)
        if index >= warmup:
            times.append(elapsed)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
        return out.stdout.strip() + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def report(title: str, figures: list[Figure], *, record: bool = True) -> str:
    lines = [
        f"### {title}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}, {machine()}",
        "",
        HEADER,
        *(f.row() for f in figures),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if record:
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(text + "\n")
    return text


def warn_missed(figures: list[Figure]) -> None:
    missed = [f.name for f in figures if f.met is False]
    if missed:
        print(f"missed targets: {', '.join(missed)}", file=sys.stderr)


def bench_main(
    prog: str,
    doc: str | None,
    title: str,
    run: Callable[[list[int], int], list[Figure]],
    sizes: list[int],
) -> int:
    """``python -m bench.NAME [--quick] [--no-record]`` for one benchmark module."""
    parser = argparse.ArgumentParser(prog=prog, description=doc)
    parser.add_argument("--quick", action="store_true", help="fewer runs, 2,000 cards only")
    parser.add_argument("--no-record", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STAGECRAFT_DATA_DIR", tempfile.mkdtemp(prefix="stagecraft-bench-"))
    chosen, runs = ([2_000], 3) if args.quick else (sizes, 7)
    figures = run(chosen, runs)
    report(title, figures, record=not args.no_record)
    warn_missed(figures)
    return 0


def make_project(folder: Path, cards: int, prefix: str = "sample") -> Path:
    """The sample grown to about ``cards`` cards, saved as ``folder/PREFIX-CARDS.blueprint``."""
    from app.model.project_file import ProjectFile
    from app.model.sample import SAMPLE_NAME, build_sample

    path = folder / f"{prefix}-{cards}.blueprint"
    project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, cards))
    project.save_as(path)
    project.close()
    return path


def dispose(*widgets: object) -> None:
    """Close and delete ``widgets`` now, with everything they own, and collect the garbage:
    the next measurement starts as a fresh program would, not beside the last one's
    windows and scenes (a deleteLater alone waits for an event loop the benchmarks never
    return to)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
