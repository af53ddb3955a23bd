"""``python -m bench [--quick] [--no-record]``: run every benchmark at 500, 2,000 and 10,000
cards (the canvas frames at 5,000 too), print each table, how each cost grows with the
cards, and the targets missed; append it all to results.md."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

from bench import analysis, canvas_frames, editing, export_pdf, first_frame, memory, project_file
from bench.growth import growth_table
from bench.harness import Figure, record_text, report, sizes_and_runs, warn_missed

SECTIONS = (  # title, module, the sizes of a full run (None: the harness's SIZES)
    ("Project file: open, load, save, quick_check, delete", project_file, None),
    ("Open to the first drawn frame", first_frame, None),
    ("Canvas: frames and edits", canvas_frames, [500, 2_000, 5_000, 10_000]),
    ("Editor: edit latency (command, commit, layout, redraw) and undo", editing, None),
    ("Export: PDF pages and tiles", export_pdf, None),
    ("Analysis: every finding of the project", analysis, None),
    ("Memory: peak RSS with the project open", memory, None),
)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 runs, 500 and 2,000 cards")
    parser.add_argument("--no-record", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    os.environ.setdefault("STAGECRAFT_DATA_DIR", tempfile.mkdtemp(prefix="stagecraft-bench-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    figures: list[Figure] = []
    for title, module, full_sizes in SECTIONS:
        sizes, runs = sizes_and_runs(args.quick, full_sizes)
        found = module.run(sizes, runs)
        report(title, found, record=not args.no_record)
        figures += found
    record_text(growth_table(figures), record=not args.no_record)
    warn_missed(figures)
    print(f"benchmarks ran in {time.perf_counter() - started:,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
