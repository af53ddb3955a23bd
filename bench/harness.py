"""Timing, reporting and the results log shared by every benchmark."""

from __future__ import annotations

import argparse
import gc
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
SIZES = [500, 2_000, 10_000]  # cards: the sizes every cost is measured at
QUICK_SIZES = [500, 2_000]
RUNS, QUICK_RUNS = 7, 3  # timed runs per figure (after a warm-up); the median is reported


def sizes_and_runs(quick: bool, sizes: list[int] | None = None) -> tuple[list[int], int]:
    """The sizes (``sizes`` or SIZES) and runs of a full run, or of a quick look."""
    if quick:
        return QUICK_SIZES, QUICK_RUNS
    return sizes or SIZES, RUNS


@dataclass
class Figure:
    """One measured cost beside its floor. ``seconds`` and ``floor_seconds`` hold
    megabytes when ``unit`` is "MB". ``cost`` names the cost across sizes and ``cards``
    the cards it handled, for the growth table."""

    name: str
    seconds: float
    floor_name: str
    floor_seconds: float
    target: str = ""
    met: bool | None = None
    cost: str = ""
    cards: int = 0
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_seconds if self.floor_seconds else float("inf")

    def amount(self, value: float) -> str:
        if self.unit == "MB":
            return f"{value:,.0f} MB"
        if value < 0.001:
            return f"{value * 1000:,.3f} ms"
        return f"{value * 1000:,.1f} ms"

    def row(self) -> str:
        verdict = "" if self.met is None else ("yes" if self.met else "NO")
        return (
            f"| {self.name} | {self.amount(self.seconds)} | {self.floor_name} | "
            f"{self.amount(self.floor_seconds)} | {self.ratio:,.1f}x | {self.target} "
            f"| {verdict} |"
        )


HEADER = (
    "| figure | measured | floor | floor measured | ratio | target | met |\n"
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


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """The wall time and the process's CPU time of one call of ``action``, in seconds.
    On a busy machine the wall time grows and the CPU time does not: the two together
    tell the code's cost from the wait for a core."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def cpu_note(cpu_times: list[float]) -> str:
    """ " (CPU x ms)": the median CPU time, for a figure's name."""
    return f" (CPU {statistics.median(cpu_times) * 1000:,.1f} ms)"


def interleaved(
    actions: list[Callable[[], object]], runs: int, warmup: int = 1
) -> list[list[float]]:
    """The times of each action over ``runs`` rounds, run in turn in every round (after a
    garbage collection each), so that whatever else the machine is doing weighs on the
    figures and their floor alike."""
    times: list[list[float]] = [[] for _ in actions]
    for round_ in range(warmup + runs):
        for action, found in zip(actions, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            action()
            if round_ >= warmup:
                found.append(time.perf_counter() - start)
    return times


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


def table(title: str, figures: list[Figure], when: str) -> str:
    """The markdown section of ``figures``: title, ``when`` (date, commit, machine), rows."""
    return "\n".join([f"### {title}", "", when, "", HEADER, *(f.row() for f in figures), ""])


def load() -> str:
    """The machine's load (runnable processes, averaged over 1, 5 and 15 minutes): above
    the cores, other work shared them and the wall times are longer than the code's."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


def stamp() -> str:
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}, {machine()}, {load()}"


def record_text(text: str, *, record: bool = True) -> str:
    """Print ``text`` and, when ``record``, append it to results.md."""
    print(text)
    if record:
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(text + "\n")
    return text


def report(title: str, figures: list[Figure], *, record: bool = True) -> str:
    return record_text(table(title, figures, stamp()), record=record)


def missed_line(figures: list[Figure]) -> str:
    """One line naming every figure that missed its target, or saying all were met."""
    checked = [f for f in figures if f.met is not None]
    missed = [f"{f.name} ({f.amount(f.seconds)}, target {f.target})" for f in checked if not f.met]
    if missed:
        return f"missed targets ({len(missed)} of {len(checked)}): {'; '.join(missed)}"
    return f"every target met ({len(checked)} checked)"


def warn_missed(figures: list[Figure]) -> None:
    line = missed_line(figures)
    print(line, file=sys.stderr if line.startswith("missed") else sys.stdout)


def bench_main(
    prog: str,
    doc: str | None,
    title: str,
    run: Callable[[list[int], int], list[Figure]],
    sizes: list[int],
) -> int:
    """``python -m bench.NAME [--quick] [--no-record]`` for one benchmark module."""
    parser = argparse.ArgumentParser(prog=prog, description=doc)
    parser.add_argument("--quick", action="store_true", help="fewer runs, 500 and 2,000 cards")
    parser.add_argument("--no-record", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STAGECRAFT_DATA_DIR", tempfile.mkdtemp(prefix="stagecraft-bench-"))
    chosen, runs = sizes_and_runs(args.quick, sizes)
    figures = run(chosen, runs)
    report(title, figures, record=not args.no_record)
    from bench.growth import growth_table

    record_text(growth_table(figures), record=not args.no_record)
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
