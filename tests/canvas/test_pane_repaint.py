"""The frozen panes are drawn only where the view is being redrawn: an edit in the middle of
the map costs them nothing, and a lane growing redraws the lane titles, not the headers."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.frozen_panes import FrozenPanes
from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout
from app.layout.shape import CardShape


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the panes drawn, in order."""
    seen: list[str] = []
    for name in ("_paint_lane_titles", "_paint_header_rows"):
        original = getattr(FrozenPanes, name)

        def spy(self, painter, layout, original=original, name=name) -> None:
            seen.append(name)
            original(self, painter, layout)

        monkeypatch.setattr(FrozenPanes, name, spy)
    return seen


def scrolled_in(view: BlueprintView) -> None:
    """Scrolled right and down, so that the panes cover part of the map."""
    view.resize(700, 420)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue(bar.minimum() + 120)
    QTest.qWait(50)  # drawn, and the idle-time work done
    # Qt redraws every item once on its first pass over changed items after they were
    # made; have it behind us.
    next(iter(view.blueprint_scene.cards.values())).update()
    QTest.qWait(50)


def test_an_edit_away_from_the_panes_does_not_draw_them(
    view: BlueprintView, layout: BlueprintLayout, drawn: list[str]
) -> None:
    scrolled_in(view)
    scene = view.blueprint_scene
    shown = view.mapToScene(view.viewport().rect().center())
    card_id = min(
        scene.geometry.cards,
        key=lambda i: (
            abs(scene.geometry.cards[i].rect.x - shown.x())
            + abs(scene.geometry.cards[i].rect.y - shown.y())
        ),
    )
    drawn.clear()
    scene.cards[card_id].update()  # as a card's edit does
    QApplication.processEvents()
    assert drawn == []
    view.viewport().update()  # a full redraw draws them
    QApplication.processEvents()
    assert drawn == ["_paint_lane_titles", "_paint_header_rows"]


def test_a_lane_growing_redraws_the_lane_titles_not_the_header_rows(
    view: BlueprintView, layout: BlueprintLayout, drawn: list[str]
) -> None:
    scrolled_in(view)
    scene = view.blueprint_scene
    panes = view.pane_layout()
    below_headers = panes.top + panes.header_height + 10
    index = next(
        i
        for i, lane in enumerate(layout.geometry.lanes[:-1])
        if view.mapFromScene(0, lane.rect.y).y() > below_headers
    )
    before = layout.geometry.lanes[index + 1].rect.y
    lane, step = layout.geometry.lanes[index], layout.geometry.steps[0]
    cell = layout.shape.cell(lane.id, step.id)
    tall = CardShape("tall", lane.id, step.id, len(cell), "\n".join("x" * 12 for _ in range(20)))
    drawn.clear()
    scene.apply(layout.update_cells({(lane.id, step.id): [*cell, tall]}), layout.geometry)
    QApplication.processEvents()
    assert layout.geometry.lanes[index + 1].rect.y > before  # the lanes below moved
    assert "_paint_lane_titles" in drawn
    assert "_paint_header_rows" not in drawn
