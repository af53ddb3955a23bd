"""One worker process of a fuzzing run: makes mutated inputs one by one and runs each through
the program, writing one JSON line per case to a results file.

Run by fuzz_harness.py as ``python fuzz_worker.py '<json arguments>'``. Each case is
written as "start" before it runs and "done" after, so that when this process dies (a
crash) or is stopped by faulthandler after TIMEOUT seconds (a hang) the parent knows which
case did it and starts a new worker at the next one.
"""

from __future__ import annotations

import contextlib
import faulthandler
import hashlib
import io
import json
import random
import re
import shutil
import socket
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 5.0


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the input's folder and its SHA-256: what a case must leave as it was."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def category(error: BaseException, path: Path) -> str:
    """A short name for a kind of refusal, for the tallies: the class and the first words of
    the message, without the file's name, numbers or quoted values."""
    message = str(error).replace(str(path), "FILE").replace(path.name, "FILE")
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"\d[\d,.]*", "N", message)
    return f"{type(error).__name__}: {message[:70]}"


def one_line(message: str) -> str | None:
    """What is wrong with a user-facing message, or None."""
    if not message.strip():
        return "an empty message"
    if "\n" in message.strip() or "Traceback" in message:
        return f"not one line: {message[:200]!r}"
    return None


def no_network() -> None:
    """Any attempt to reach the network fails the case (nothing may be fetched)."""

    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"tried to connect to {address!r}")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]


class Wrong(Exception):
    """The program gave an answer, but not a correct one (a changed input, two lines, …)."""


# -- project files ----------------------------------------------------------------------------


def run_cli(arguments: list[str]) -> tuple[int, str, str]:
    from app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(arguments)
    return status, out.getvalue(), err.getvalue()


def cli_refusal(status: int, err: str) -> str | None:
    """The one error line of a failed command, checked; None when it succeeded."""
    if status == 0:
        return None
    if "unexpected" in err or "please report this" in err:
        raise AssertionError(f"the command line met an uncaught error: {err.strip()}")
    problem = one_line(err)
    if problem or not err.startswith("stagecraft: error: "):
        raise Wrong(f"the command line's refusal: {problem or err[:200]!r}")
    return err.strip()


def _data_files(*folders: Path) -> set[str]:
    return {str(p) for folder in folders if folder.exists() for p in folder.rglob("*")}


def blueprint_case(path: Path, out: Path, index: int) -> tuple[str, str]:
    from app.model.datadir import data_dir, working_root
    from app.model.dump import dump
    from app.model.errors import StagecraftError
    from app.model.loading import load_blueprints
    from app.model.project_file import ProjectFile

    data_before = _data_files(working_root(), data_dir() / "check")
    status, _stdout, err = run_cli(["check", str(path)])
    if status not in (0, 1, 2):
        raise Wrong(f"stagecraft check exited {status}")
    if status == 2:
        cli_refusal(status, err)
    refusal = None
    try:
        project_file = ProjectFile.open(path)
    except StagecraftError as error:
        refusal = error
        problem = one_line(str(error))
        if problem or path.name not in str(error):
            raise Wrong(f"open's refusal: {problem or str(error)[:200]!r}") from None
    else:
        try:
            load_blueprints(project_file.session)
            dump(project_file.session)
        finally:
            project_file.close()
    export = ("csv", "json", "pdf")[index % 3]
    exported, _stdout, export_err = run_cli(
        ["export", str(path), "--out", str(out / f"export.{export}"), "--force"]
    )
    export_refusal = cli_refusal(exported, export_err)
    if status == 0 and refusal is not None:
        raise Wrong(f"check calls it healthy, but open refuses it: {refusal}")
    if status == 0 and export_refusal and "no blueprint" not in export_refusal:
        raise Wrong(f"check calls it healthy, but export refuses it: {export_refusal}")
    if refusal is None and status == 2:
        raise Wrong(f"it opens, but check calls it unreadable: {err.strip()}")
    leftovers = _data_files(working_root(), data_dir() / "check") - data_before
    if leftovers:
        raise Wrong(f"left behind in the data folder: {sorted(leftovers)}")
    if refusal is None:
        return "opened", "opened" if status == 0 else "opened; check lists problems"
    return "refused", category(refusal, path)


# -- import sources -------------------------------------------------------------------------


class ImportRun:
    def __init__(self) -> None:
        from app.model.project_file import ProjectFile

        self.target = ProjectFile.new("Fuzz target")

    def case(self, path: Path, kind: str) -> tuple[str, str]:
        from app.importers.build import build_plan
        from app.importers.plan import ImportFailed
        from app.importers.service import read_plan

        try:
            plan = read_plan(path, kind)
            try:
                build_plan(self.target.project, plan)
            finally:
                self.target.session.rollback()
            if kind == "json":
                self._restore(path)
        except ImportFailed as error:
            problem = one_line(str(error))
            if problem:
                raise Wrong(f"the import's refusal: {problem}") from None
            return "refused", category(error, path)
        return "imported", "imported"

    def _restore(self, path: Path) -> None:
        """A JSON export brought back whole as a new project, as `stagecraft import` does."""
        from app.importers.json_import import restore_json
        from app.model.project_file import ProjectFile

        ProjectFile.build("restored", lambda session: restore_json(session, path)).close()


# -- the loop -------------------------------------------------------------------------------


def main(arguments: dict) -> None:
    sys.setrecursionlimit(10_000)
    no_network()
    kind = arguments["kind"]
    work = Path(arguments["work"])
    bases = [Path(p) for p in arguments["bases"]]
    results = Path(arguments["results"]).open("a", encoding="utf-8")  # noqa: SIM115

    def record(**fields: object) -> None:
        results.write(json.dumps(fields) + "\n")
        results.flush()

    if kind == "blueprint":
        from fuzz_blueprint_mutations import mutate

        runner: Callable[[Path, Path, int], tuple[str, str]] = blueprint_case
    else:
        from fuzz_import_mutations import mutate  # type: ignore[no-redef]

        importer = ImportRun()

        def runner(path: Path, _out: Path, _index: int) -> tuple[str, str]:
            return importer.case(path, kind)

    for index in range(arguments["start"], arguments["stop"]):
        rng = random.Random(f"{arguments['seed']}:{kind}:{index}")
        case = work / f"case-{index}"
        inputs, out = case / "in", case / "out"
        inputs.mkdir(parents=True)
        out.mkdir()
        base = bases[index % len(bases)]
        path = inputs / base.name
        shutil.copyfile(base, path)
        mutation = mutate(rng, index, path)
        before = snapshot(inputs)
        record(event="start", index=index, mutation=mutation, base=base.name)
        faulthandler.dump_traceback_later(TIMEOUT, exit=True)
        try:
            outcome, detail = runner(path, out, index)
            after = snapshot(inputs)
            if after != before:
                raise Wrong(
                    f"the input changed: {sorted(set(after.items()) ^ set(before.items()))}"
                )
        except Wrong as error:
            outcome, detail = "wrong", str(error)
        except Exception as error:  # an uncaught error is what is counted
            outcome = "crash"
            detail = "".join(traceback.format_exception(error))[-3000:]
        finally:
            faulthandler.cancel_dump_traceback_later()
        record(event="done", index=index, mutation=mutation, outcome=outcome, detail=detail)
        if outcome in ("opened", "refused", "imported"):
            shutil.rmtree(case, ignore_errors=True)
    results.close()


if __name__ == "__main__":
    faulthandler.enable()
    main(json.loads(sys.argv[1]))
