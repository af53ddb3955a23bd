"""Frame times of the blueprint canvas on generated maps of 500, 2,000, 5,000 and 10,000
cards.

Frames are the main view's viewport rendered into a pixmap (``viewport().grab()``, which
runs the real paint path: items, level of detail, frozen panes), 1400x900, zoomed to fit
and at 100% while panning sideways. The floor, built in the same run, is a bare
QGraphicsScene holding one QGraphicsRectItem and one QGraphicsSimpleTextItem per card at
the same places, in a plain QGraphicsView with the same size, zoom and render hints.

Also reported, for information: the canvas side of an edit (re-lay out one card's cell,
apply the change to the scene, draw a frame). Open to the first frame is bench/first_frame.

Run: ``python -m bench.canvas_frames [--quick] [--no-record]``.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from app.canvas.fonts import qfont
from app.canvas.scene import SCENE_MARGIN, BlueprintScene
from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout
from app.layout.geometry import BlueprintGeometry
from app.layout.shape import BlueprintShape
from app.layout.source import shape_from_blueprint
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from bench.harness import Figure, bench_main, dispose, make_project, median_time

VIEW_SIZE = (1400, 900)
PAN_STEP = 37  # pixels per panned frame, so that consecutive frames differ
FIT_TARGET_RATIO = 0.5  # fit frame for 5,000 cards: at most half the bare-items floor
FRAME_TARGET = 0.016  # a frame at 100% with 10,000 cards
HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


def biggest_shape(project: ProjectFile) -> BlueprintShape:
    """The grown as-is blueprint (the to-be stays the sample's size)."""
    shapes = [shape_from_blueprint(project.session, bp) for bp in load_blueprints(project.session)]
    return max(shapes, key=lambda shape: len(shape.cards))


def floor_scene(geometry: BlueprintGeometry) -> QGraphicsScene:
    scene = QGraphicsScene()
    m = SCENE_MARGIN
    scene.setSceneRect(QRectF(-m, -m, geometry.width + 2 * m, geometry.height + 2 * m))
    pen, brush, font = QPen(QColor("#b4bfcc")), QBrush(QColor("#ffffff")), qfont(10)
    for card in geometry.cards.values():
        r = card.rect
        rect = QGraphicsRectItem(r.x, r.y, r.w, r.h)
        rect.setPen(pen)
        rect.setBrush(brush)
        scene.addItem(rect)
        text = QGraphicsSimpleTextItem("\n".join(card.text.lines))
        text.setFont(font)
        text.setPos(card.text.x, card.text.y)
        scene.addItem(text)
    return scene


def show(view: QGraphicsView) -> QGraphicsView:
    view.resize(*VIEW_SIZE)
    view.setRenderHints(HINTS)
    view.show()
    QApplication.processEvents()
    return view


def fit(view: QGraphicsView) -> None:
    if isinstance(view, BlueprintView):
        view.zoom_to_fit()
    else:
        view.fitInView(view.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    QApplication.processEvents()


def actual_size(view: QGraphicsView) -> None:
    if isinstance(view, BlueprintView):
        view.zoom_to_actual()
    else:
        view.resetTransform()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.minimum())
    QApplication.processEvents()


def frame(view: QGraphicsView) -> Callable[[], object]:
    return lambda: view.viewport().grab()


def panning_frame(view: QGraphicsView) -> Callable[[], object]:
    bar = view.horizontalScrollBar()

    def step() -> object:
        value = bar.value() + PAN_STEP
        bar.setValue(value if value <= bar.maximum() else bar.minimum())
        return view.viewport().grab()

    return step


def edit_latency(
    layout: BlueprintLayout, scene: BlueprintScene, view: BlueprintView
) -> tuple[float, float]:
    """Type one character into a card in the middle of the map: (the layout's update of
    its cell, the canvas's part: apply the change to the scene and repaint what changed).
    Commands and the model commit are the editing layer's and not in these figures."""
    shape = layout.shape
    card = sorted(shape.cards.values(), key=lambda c: c.id)[len(shape.cards) // 2]
    cell = shape.cell(card.lane_id, card.step_id)
    view.center_on_card(card.id)
    QApplication.processEvents()
    state = {"text": card.text, "change": None}

    def relayout() -> None:
        state["text"] += "x"
        cards = [dataclasses.replace(c, text=state["text"]) if c.id == card.id else c for c in cell]
        state["change"] = layout.update_cells({(card.lane_id, card.step_id): cards})

    def apply_and_repaint() -> None:
        scene.apply(state["change"], layout.geometry)
        QApplication.processEvents()  # the scene sends its dirty region; the view paints it

    relayout_time = median_time(relayout, runs=15)
    canvas_time = median_time(apply_and_repaint, runs=15, setup=relayout)
    return relayout_time, canvas_time


def run(sizes: list[int], runs: int) -> list[Figure]:
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive while we run
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = make_project(Path(folder), cards, "canvas")
            project = ProjectFile.open(path)
            layout = BlueprintLayout(biggest_shape(project))
            project.close()
            count = len(layout.geometry.cards)
            scene = BlueprintScene(layout.geometry)
            view = show(BlueprintView(scene))
            bare = floor_scene(layout.geometry)  # held: a view does not own its scene
            floor = show(QGraphicsView(bare))

            fit(view)
            fit(floor)
            fit_time = median_time(frame(view), runs=runs)
            fit_floor = median_time(frame(floor), runs=runs)
            actual_size(view)
            actual_size(floor)
            pan_time = median_time(panning_frame(view), runs=runs * 3)
            pan_floor = median_time(panning_frame(floor), runs=runs * 3)

            fit_met = fit_time <= FIT_TARGET_RATIO * fit_floor if cards == 5_000 else None
            pan_met = pan_time < FRAME_TARGET if cards == 10_000 else None
            figures += [
                Figure(
                    f"canvas frame, fit, {count:,} cards",
                    fit_time,
                    "bare rect + text items",
                    fit_floor,
                    "<= 0.5x floor" if fit_met is not None else "",
                    fit_met,
                    cost="canvas frame, fit",
                    cards=count,
                ),
                Figure(
                    f"canvas frame, 100% panning, {count:,} cards",
                    pan_time,
                    "bare rect + text items",
                    pan_floor,
                    "< 16 ms" if pan_met is not None else "",
                    pan_met,
                    cost="canvas frame, 100% panning",
                    cards=count,
                ),
            ]
            relayout, edit = edit_latency(layout, scene, view)
            figures.append(
                Figure(
                    f"typing one character: scene.apply + repaint, {count:,} cards",
                    edit,
                    "layout.update_cells",
                    relayout,
                    cost="typing: scene.apply + repaint",
                    cards=count,
                )
            )
            dispose(view, floor)
            del scene, bare, layout
    return figures


def main() -> int:
    return bench_main(
        "python -m bench.canvas_frames",
        __doc__,
        "Canvas: frames and edits",
        run,
        [500, 2_000, 5_000, 10_000],
    )


if __name__ == "__main__":
    sys.exit(main())
