"""Soak: one long editing session of random edits of every kind (soak_session.py), each
committed to the working copy with the first blueprint's canvas shown and following it.
Memory stays bounded and edits do not get slower; at the end, undo all still gives back
the first model. ``make soak`` runs 10,000 edits; the suite a short run of 1,000."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from soak_session import Soak, median_ms, rss_mb

from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

WARM_UP = 500  # edits before measuring: caches fill, the first imports and layouts happen
MAX_GROWTH_MB = 50.0  # over the 10,000 edits after warm-up, the undo history included
SLOWER = 1.5  # the last 1,000 edits' median CPU time against the first 1,000's ...
SLACK_MS = 2.0  # ... plus this much


@pytest.fixture
def document(qapp) -> Iterator[EditingDocument]:
    project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    document = EditingDocument(project_file)
    yield document
    project_file.close()


def soak(document: EditingDocument, edits: int, seed: int) -> tuple[Soak, dict[str, float]]:
    """Warm up, then ``edits`` edits; the figures: RSS at start and end (MB), median
    latency of the first and last 1,000 (ms), and how long it ran (s)."""
    session = Soak(document, seed=seed)
    session.run(WARM_UP)
    start_mb = rss_mb()
    started = time.perf_counter()
    session.run(edits)
    seconds = time.perf_counter() - started
    end_mb = rss_mb()
    measured = session.latencies[WARM_UP:]
    figures = {
        "edits": edits,
        "rss_start_mb": start_mb,
        "rss_end_mb": end_mb,
        "growth_mb": end_mb - start_mb,
        "first_ms": median_ms(measured[:1000]),
        "last_ms": median_ms(measured[-1000:]),
        "first_cpu_ms": median_ms(session.cpu[WARM_UP:][:1000]),
        "last_cpu_ms": median_ms(session.cpu[-1000:]),
        "seconds": seconds,
        "undo_steps": document.undo_stack.count(),
    }
    return session, figures


def report(capsys: pytest.CaptureFixture[str], figures: dict[str, float]) -> None:
    with capsys.disabled():
        print(
            "\nsoak: {edits:,} edits in {seconds:.0f} s; RSS {rss_start_mb:.1f} -> "
            "{rss_end_mb:.1f} MB (+{growth_mb:.1f} MB, {undo_steps:,} undo steps kept); "
            "median edit {first_ms:.2f} ms first 1,000, {last_ms:.2f} ms last 1,000 "
            "(CPU {first_cpu_ms:.2f} ms, {last_cpu_ms:.2f} ms)".format(**figures)
        )


def undo_all_gives_back(document: EditingDocument, first: dict) -> None:
    stack = document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert dump(document.session) == first


@pytest.mark.slow
def test_ten_thousand_edits_keep_memory_and_speed(document, capsys) -> None:
    first = dump(document.session)
    session, figures = soak(document, 10_000, seed=10_000)
    report(capsys, figures)
    assert figures["growth_mb"] < MAX_GROWTH_MB, figures
    # CPU time of the edit (push, commit, the canvas following): what piles up shows there,
    # while the wall time also carries the disk's and the other processes' moods.
    assert figures["last_cpu_ms"] <= SLOWER * figures["first_cpu_ms"] + SLACK_MS, figures
    assert sum(session.kinds.values()) == WARM_UP + 10_000
    assert not session.failures, session.failures[:3]
    undo_all_gives_back(document, first)
    session.close()


def test_a_thousand_edits_keep_memory_bounded(document, capsys) -> None:
    """The short form: memory only (no timing in the suite), at most twice the long run's
    share per edit (the first thousand after warm-up still fill the glyph caches)."""
    first = dump(document.session)
    session, figures = soak(document, 1_000, seed=1_000)
    report(capsys, figures)
    assert figures["growth_mb"] < 2 * MAX_GROWTH_MB * 1_000 / 10_000, figures
    # Every kind of edit was made, with undo among them.
    kinds = {"add_card", "pain_points", "catalogue", "ecosystem", "undo", "cut"}
    assert kinds <= set(session.kinds)
    assert not session.failures, session.failures[:3]
    undo_all_gives_back(document, first)
    session.close()
