"""The parent side of a fuzzing run: starts fuzz_worker.py in a subprocess, restarts it after
a case that crashed it or hung past its timeout, and tallies what every case gave.

A crash is an uncaught error other than the program's own StagecraftError, or the worker
dying (a segfault); a hang is a case still running after fuzz_worker.TIMEOUT seconds; a
wrong answer is a changed input, a message of more than one line, something left in the
data folder, or check and open disagreeing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
WORKER = HERE / "fuzz_worker.py"


@dataclass
class Tally:
    kind: str
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    mutations: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def crashes(self) -> int:
        return self.outcomes["crash"]

    @property
    def hangs(self) -> int:
        return self.outcomes["hang"]

    @property
    def wrong(self) -> int:
        return self.outcomes["wrong"]

    def summary(self) -> str:
        lines = [
            f"fuzz {self.kind}: {self.cases} cases; "
            + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
            + f"; crashes {self.crashes}, hangs {self.hangs}, wrong answers {self.wrong}",
            "  mutations: " + ", ".join(f"{k} {v}" for k, v in self.mutations.most_common()),
            "  refusals by kind:",
            *(f"    {count:6d}  {name}" for name, count in self.errors.most_common()),
            *(f"  FAILURE {failure}" for failure in self.failures[:20]),
        ]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "cases": self.cases,
            "outcomes": dict(self.outcomes),
            "crashes": self.crashes,
            "hangs": self.hangs,
            "wrong": self.wrong,
            "mutations": dict(self.mutations),
            "errors": dict(self.errors),
        }


def run_fuzz(kind: str, bases: list[Path], count: int, seed: int, work: Path) -> Tally:
    """Run cases 0 … count-1 of ``kind`` ("blueprint", "csv", "json" or "drawio")."""
    work.mkdir(parents=True, exist_ok=True)
    results = work / "results.jsonl"
    env = dict(os.environ, STAGECRAFT_DATA_DIR=str(work / "data"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    start = 0
    tally = Tally(kind)
    while start < count:
        arguments = {
            "kind": kind,
            "seed": seed,
            "start": start,
            "stop": count,
            "bases": [str(base) for base in bases],
            "work": str(work / "cases"),
            "results": str(results),
        }
        results.unlink(missing_ok=True)
        try:
            finished = subprocess.run(
                [sys.executable, str(WORKER), json.dumps(arguments)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60 + 10 * (count - start),
            )
            status, stderr = finished.returncode, finished.stderr
        except subprocess.TimeoutExpired as expired:
            status, stderr = None, f"the worker ran past its deadline: {expired.stderr!r}"
        records = _read(results)
        last_started = None
        for entry in records:
            if entry["event"] == "start":
                last_started = entry
                continue
            last_started = None
            tally.cases += 1
            tally.mutations[entry["mutation"].split(" + ")[0]] += 1
            tally.outcomes[entry["outcome"]] += 1
            if entry["outcome"] == "refused":
                tally.errors[entry["detail"]] += 1
            elif entry["outcome"] in ("crash", "wrong"):
                tally.failures.append(
                    f"case {entry['index']} ({entry['mutation']}): {entry['detail']}"
                )
            start = entry["index"] + 1
        if status == 0 and start >= count:
            break
        if last_started is None:
            raise RuntimeError(f"the fuzz worker failed before its first case: {stderr[-3000:]}")
        died = "hang" if status is None or "Timeout (0:00:0" in stderr else "crash"
        tally.cases += 1
        tally.mutations[last_started["mutation"].split(" + ")[0]] += 1
        tally.outcomes[died] += 1
        tally.failures.append(
            f"case {last_started['index']} ({last_started['mutation']}): {died}, "
            f"exit status {status}: {stderr[-2000:]}"
        )
        start = last_started["index"] + 1
    return tally


def _read(results: Path) -> list[dict]:
    if not results.exists():
        return []
    entries = []
    for line in results.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            break  # the last line of a worker that died while writing it
    return entries
