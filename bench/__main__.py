"""``python -m bench [--quick]``: run the benchmarks, print the figures, append to results.md."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from bench import analysis, canvas_frames, editing, export_pdf, project_file
from bench.harness import report, warn_missed


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller projects")
    parser.add_argument("--no-record", action="store_true", help="do not append to results.md")
    args = parser.parse_args()
    os.environ.setdefault("STAGECRAFT_DATA_DIR", tempfile.mkdtemp(prefix="stagecraft-bench-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes, runs = ([2_000], 3) if args.quick else ([2_000, 10_000], 7)
    figures = project_file.run(sizes, runs)
    report("Project file: open, load, save, delete", figures, record=not args.no_record)
    canvas_sizes = [2_000] if args.quick else [2_000, 5_000, 10_000]
    canvas = canvas_frames.run(canvas_sizes, runs)
    report("Canvas: frames and edits", canvas, record=not args.no_record)
    edits = editing.run([2_000] if args.quick else [2_000, 10_000], runs)
    report(
        "Editor: edit latency (command, commit, layout, redraw)", edits, record=not args.no_record
    )
    exports = export_pdf.run([2_000] if args.quick else [2_000, 10_000], runs)
    report("Export: PDF pages and tiles", exports, record=not args.no_record)
    analyses = analysis.run([2_000] if args.quick else [2_000, 10_000], runs)
    report("Analysis: every finding of the project", analyses, record=not args.no_record)
    figures += canvas + edits + exports + analyses
    warn_missed(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
