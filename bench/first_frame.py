"""Open to the first drawn frame, on generated projects of 500, 2,000 and 10,000 cards.

Timed as the editor shows a file: open it (copy, quick_check, checks), load it, build the
grown blueprint's canvas (BlueprintEditor: shape, layout, scene, view), show it at 100%
and draw the first frame (``viewport().grab()``, 1400x900). The median CPU time of the
process over the same runs is given in the figure's name: on a machine busy with other work
the wall time grows, the CPU time does not.

The floor, in the same run: raw ``sqlite3`` reading the same rows, then a bare
QGraphicsScene of one QGraphicsRectItem and one QGraphicsSimpleTextItem per card (the
card's text from the rows, at the places the layout gives, worked out beforehand and not
timed) in a plain QGraphicsView of the same size at 100%, and its first frame.

Run: ``python -m bench.first_frame [--quick] [--no-record]``.
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from app.canvas.fonts import qfont
from app.canvas.scene import SCENE_MARGIN
from app.editing.document import EditingDocument
from app.layout.engine import BlueprintLayout
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.ui.blueprint_editor import BlueprintEditor
from bench.canvas_frames import HINTS, VIEW_SIZE, biggest_shape
from bench.harness import Figure, bench_main, cpu_note, dispose, make_project
from bench.project_file import TABLES

TARGETS = {2_000: 1.0, 10_000: 3.0}  # seconds, by the project's cards (rounded)

Places = dict[str, tuple[float, float, float, float, float, float]]


def first_frame(path: Path) -> tuple[float, float, int]:
    """What the editor does to show a file, timed to its first frame (wall and CPU time);
    and the cards drawn."""
    start, cpu = time.perf_counter(), time.process_time()
    project = ProjectFile.open(path)
    blueprints = load_blueprints(project.session)
    grown = max(blueprints, key=lambda bp: sum(len(lane.cards) for lane in bp.lanes))
    editor = BlueprintEditor(EditingDocument(project), grown.id)
    view = editor.view
    editor.resize(*VIEW_SIZE)
    editor.show()
    view.zoom_to_actual()
    view.viewport().grab()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    count = len(editor.layout_engine.geometry.cards)
    dispose(editor)
    project.close()
    return elapsed, used, count


def places(path: Path) -> Places:
    """Each card's rectangle and text origin, as the layout puts them (not timed)."""
    project = ProjectFile.open(path)
    try:
        geometry = BlueprintLayout(biggest_shape(project)).geometry
        return {
            card.id: (card.rect.x, card.rect.y, card.rect.w, card.rect.h, card.text.x, card.text.y)
            for card in geometry.cards.values()
        }
    finally:
        project.close()


def floor_frame(path: Path, where: Places) -> float:
    """Raw sqlite3 read of the same rows, bare items for the cards, the first frame."""
    start = time.perf_counter()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    texts: dict[str, str] = {}
    for table in TABLES:
        rows = connection.execute(f"SELECT * FROM {table}").fetchall()
        if table == "card":
            columns = [d[0] for d in connection.execute("SELECT * FROM card LIMIT 0").description]
            id_at, text_at = columns.index("id"), columns.index("text")
            texts = {row[id_at]: row[text_at] for row in rows}
    connection.close()
    scene = QGraphicsScene()
    right = max(x + w for x, _y, w, _h, _tx, _ty in where.values())
    bottom = max(y + h for _x, y, _w, h, _tx, _ty in where.values())
    m = SCENE_MARGIN
    scene.setSceneRect(QRectF(-m, -m, right + 2 * m, bottom + 2 * m))
    pen, brush, font = QPen(QColor("#b4bfcc")), QBrush(QColor("#ffffff")), qfont(10)
    for card_id, (x, y, w, h, tx, ty) in where.items():
        rect = QGraphicsRectItem(x, y, w, h)
        rect.setPen(pen)
        rect.setBrush(brush)
        scene.addItem(rect)
        text = QGraphicsSimpleTextItem(texts[card_id])
        text.setFont(font)
        text.setPos(tx, ty)
        scene.addItem(text)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.setRenderHints(HINTS)
    view.show()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    view.viewport().grab()
    elapsed = time.perf_counter() - start
    dispose(view)
    del scene
    return elapsed


def run(sizes: list[int], runs: int) -> list[Figure]:
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive while we run
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = make_project(Path(folder), cards, "first-frame")
            where = places(path)
            times: list[float] = []
            cpu: list[float] = []
            floors: list[float] = []
            for _ in range(1 + runs):  # the product and its floor in turn; round one warms up
                gc.collect()
                elapsed, used, count = first_frame(path)
                times.append(elapsed)
                cpu.append(used)
                gc.collect()
                floors.append(floor_frame(path, where))
            shown, floor = statistics.median(times[1:]), statistics.median(floors[1:])
            target = TARGETS.get(round(cards, -3))
            figures.append(
                Figure(
                    f"open to first frame, {cards:,} cards ({count:,} in the blueprint shown)"
                    + cpu_note(cpu[1:]),
                    shown,
                    "raw sqlite3 read + bare items + first frame",
                    floor,
                    f"< {target * 1000:.0f} ms" if target else "",
                    shown < target if target else None,
                    cost="open to first frame",
                    cards=cards,
                )
            )
    return figures


def main() -> int:
    return bench_main(
        "python -m bench.first_frame",
        __doc__,
        "Open to the first drawn frame",
        run,
        [500, 2_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
