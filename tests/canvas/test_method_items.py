"""The method on the canvas: pain-point badges on their cards and step headers, in their
severity's colour, with their numbers when readable; the overlays (heat, evidence gaps,
key moments, wait points) shown and hidden by their options; and everything following the
layout when cards and lanes move."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from app.canvas import palette
from app.canvas.method_badges import BadgeItem, WaitHighlightItem, paint_badge
from app.canvas.method_columns import MethodColumnsItem
from app.canvas.method_marks import MethodOptions
from app.canvas.scene import BlueprintScene
from app.layout.engine import BlueprintLayout
from app.layout.overlay import OverlayData, build_overlay, format_minutes
from app.layout.severity import SEVERITY_FILL, SEVERITY_INK, fill, shade_level
from app.layout.source import cell_shapes, shape_from_blueprint
from app.model.loading import load_blueprints
from app.model.method import PainPoint
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint


@dataclasses.dataclass
class Canvas:
    blueprint: Blueprint
    layout: BlueprintLayout
    scene: BlueprintScene
    data: OverlayData
    project: ProjectFile

    def show(self, **options: object) -> None:
        self.scene.method.set_options(MethodOptions(**options))

    def rebuild(self, perspective: str | None = None) -> OverlayData:
        self.data = build_overlay(self.blueprint, self.layout.geometry, perspective=perspective)
        self.scene.method.show(self.data)
        return self.data


@pytest.fixture
def canvas(qapp, sample_file: ProjectFile) -> Iterator[Canvas]:
    blueprint = load_blueprints(sample_file.session)[0]
    layout = BlueprintLayout(shape_from_blueprint(sample_file.session, blueprint))
    scene = BlueprintScene(layout.geometry)
    data = build_overlay(blueprint, layout.geometry)
    scene.method.show(data)
    yield Canvas(blueprint, layout, scene, data, sample_file)
    scene.clear()


def render(scene: BlueprintScene, area: QRectF, scale: float = 4.0) -> QImage:
    image = QImage(
        int(area.width() * scale), int(area.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), area)
    painter.end()
    return image


def colour_at(scene: BlueprintScene, x: float, y: float) -> str:
    image = render(scene, QRectF(x - 1, y - 1, 2, 2))
    return image.pixelColor(image.width() // 2, image.height() // 2).name()


def test_each_card_pain_point_has_a_badge_on_its_card_with_its_number(canvas: Canvas) -> None:
    scene, data = canvas.scene, canvas.data
    card_entries = [e for e in data.entries if e.card_id is not None]
    assert card_entries and len(scene.method.badges) == len(card_entries)
    for entry, badge in zip(data.entries, data.badges, strict=True):
        if entry.card_id is None:
            continue
        item = scene.method.badges[entry.id]
        assert isinstance(item, BadgeItem)
        assert item.parentItem() is scene.cards[entry.card_id]
        assert (item.number, item.severity, item.resolved) == (
            entry.number,
            entry.severity,
            False,
        )
        centre = item.scenePos()
        assert (centre.x(), centre.y()) == pytest.approx((badge.x, badge.y))
        tip = item.toolTip()
        assert f"Pain point {entry.number}:" in tip and entry.perspective in tip
        assert f"Severity {entry.severity}" in tip and entry.text.split()[0] in tip


def test_a_badge_is_drawn_in_its_severity_colour(canvas: Canvas) -> None:
    scene = canvas.scene
    for severity in sorted({e.severity for e in canvas.data.entries if e.card_id}):
        entry = next(e for e in canvas.data.entries if e.card_id and e.severity == severity)
        centre = scene.method.badges[entry.id].scenePos()
        # Left of the number, inside the disc.
        assert colour_at(scene, centre.x() - 4.8, centre.y()) == SEVERITY_FILL[severity]


def test_the_number_shows_only_where_it_can_be_read() -> None:
    def white_inside(scale: float) -> int:
        size = int(40 * scale)
        image = QImage(size, size, QImage.Format.Format_RGB32)
        image.fill(QColor("#000000"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(QTransform.fromScale(scale, scale))
        paint_badge(painter, 20, 20, 5, 8, scale)
        painter.end()
        inner = int(4 * scale)  # within the disc, clear of the white ring
        middle = size // 2
        return sum(
            1
            for x in range(middle - inner, middle + inner)
            for y in range(middle - inner, middle + inner)
            if image.pixelColor(x, y).name() == SEVERITY_INK[5]
        )

    assert white_inside(2.0) > 10
    assert white_inside(0.5) == 0  # 8 units at half scale: too small to read


def test_the_steps_own_pain_points_are_badges_on_its_header(canvas: Canvas) -> None:
    scene, data = canvas.scene, canvas.data
    on_steps = [e for e in data.entries if e.card_id is None]
    assert on_steps
    for entry in on_steps:
        marks = scene.method.step_marks[entry.step_id]
        assert (entry.number, entry.severity) in [(b.number, b.severity) for b in marks.badges]
        header = scene.steps[entry.step_id]
        assert "Pain point" in header.toolTip() and entry.text.split()[0] in header.toolTip()
        badge = next(b for b in data.badges if b.number == entry.number)
        assert colour_at(scene, badge.x - 4.8, badge.y) == fill(entry.severity)


def test_resolved_pain_points_are_muted_or_hidden(canvas: Canvas) -> None:
    scene = canvas.scene
    entry = next(e for e in canvas.data.entries if e.card_id is not None)
    canvas.project.session.get(PainPoint, entry.id).resolved = True
    data = canvas.rebuild()
    item = scene.method.badges[entry.id]
    assert item.resolved and item.number == 0 and "Resolved pain point" in item.toolTip()
    assert entry.id not in {e.id for e in data.entries}
    centre = item.scenePos()
    assert colour_at(scene, centre.x() - 4.8, centre.y()) == palette.RESOLVED_FILL.name()
    canvas.show(resolved=False)
    assert entry.id not in scene.method.badges and item.scene() is None
    canvas.show(resolved=True)
    assert scene.method.badges[entry.id].resolved


def test_heat_shades_steps_and_cells_by_their_summed_severity(canvas: Canvas) -> None:
    scene, data, geometry = canvas.scene, canvas.data, canvas.layout.geometry
    columns = [i for i in scene.items() if isinstance(i, MethodColumnsItem)]
    assert len(columns) == 1  # the key moment's column edges (on by default)
    (item,) = columns
    assert set(scene.method.marks("step_heat")) == {shade_level(s.total) for s in data.shades}
    assert set(scene.method.marks("cells")) == {shade_level(c.total) for c in data.cells}
    shaded = max(data.shades, key=lambda s: s.total)
    empty = next(
        cell
        for cell in shaded.cells
        if not any(
            c.rect.intersects(cell) for c in geometry.cards.values() if c.step_id == shaded.step_id
        )
    )
    spot = (empty.x + empty.w / 2, empty.y + empty.h / 2)
    plain = colour_at(scene, *spot)
    canvas.show(heat=True)
    assert item.isVisible()
    assert colour_at(scene, *spot) != plain
    canvas.show(heat=False)
    assert colour_at(scene, *spot) == plain


def test_the_perspective_filter_changes_the_badges_and_the_heat(canvas: Canvas) -> None:
    everyone = canvas.data
    staff = canvas.rebuild("staff")
    assert {e.perspective for e in staff.entries} == {"staff"}
    assert [e.number for e in staff.entries] == list(range(1, len(staff.entries) + 1))
    shown = {i.pain_point_id for i in canvas.scene.method.badges.values()}
    assert shown == {e.id for e in staff.entries if e.card_id}
    assert sum(staff.step_totals.values()) < sum(everyone.step_totals.values())
    cells = canvas.scene.method.marks("cells")
    assert sum(len(r) for b in cells.values() for r in b.values()) == len(staff.cells)


def test_evidence_gaps_and_key_moments_are_marked_on_their_steps(canvas: Canvas) -> None:
    scene, data = canvas.scene, canvas.data
    assert data.gaps and data.moments
    canvas.show(gaps=True, moments=True)
    for gap in data.gaps:
        assert scene.method.step_marks[gap.step_id].gap == gap.label
        assert gap.label in scene.steps[gap.step_id].toolTip()
    gaps = scene.method.marks("gaps")
    assert sum(len(rects) for rects in gaps.values()) == len(data.gaps)
    (moment,) = data.moments
    step_marks = scene.method.step_marks[moment.step_id]
    assert step_marks.moment and step_marks.sweet_spot
    assert "sweet spot" in scene.steps[moment.step_id].toolTip()
    header = moment.header
    # The header's outline is gold.
    assert colour_at(scene, header.x + 2.2, header.y + header.h / 2) == palette.KEY_MOMENT.name()
    canvas.show(gaps=False, moments=False)
    assert colour_at(scene, header.x + 2.2, header.y + header.h / 2) != palette.KEY_MOMENT.name()
    assert scene.steps[moment.step_id].toolTip() == ""


def test_wait_points_are_highlighted_and_their_waiting_summed(canvas: Canvas) -> None:
    scene, data = canvas.scene, canvas.data
    assert scene.method.waits == {}
    canvas.show(waits=True)
    assert set(scene.method.waits) == {w.card_id for w in data.wait_cards}
    for wait in data.wait_cards:
        item = scene.method.waits[wait.card_id]
        assert isinstance(item, WaitHighlightItem)
        assert item.parentItem() is scene.cards[wait.card_id]
        minutes = wait.minutes
        expected = "no waiting time recorded" if minutes is None else format_minutes(minutes)
        assert item.toolTip() == f"Wait point: {expected}"
    assert scene.corner.toolTip() == data.journey_wait.summary
    assert data.journey_wait.summary.startswith("Waiting: 1 h 45 min across 4 wait points")
    tipped = [item for item in scene.stage_items if item.toolTip()]
    assert len(tipped) == len(data.stage_waits)
    canvas.show(waits=False)
    assert scene.method.waits == {} and scene.corner.toolTip() == ""


def test_badges_ride_on_their_cards_when_a_lane_above_grows(canvas: Canvas) -> None:
    scene, layout, data = canvas.scene, canvas.layout, canvas.data
    entry = next(e for e in data.entries if e.card_id and e.lane_title == "Backstage")
    item = scene.method.badges[entry.id]
    before = item.scenePos().y()
    first_lane = canvas.blueprint.lanes[0]
    card = first_lane.cards[0]
    card.text = "A much longer text " * 30
    cells = cell_shapes(canvas.project.session, {(card.lane_id, card.step_id)})
    change = layout.update_cells(cells)
    assert change.lanes_moved
    scene.apply(change, layout.geometry)
    grown = layout.geometry.cards[entry.card_id].rect
    assert item.scenePos().y() > before
    assert item.scenePos().y() == pytest.approx(grown.y)


def test_a_deleted_card_takes_its_badges_and_a_rebuilt_scene_gets_them_back(
    canvas: Canvas,
) -> None:
    scene, layout, data = canvas.scene, canvas.layout, canvas.data
    entry = next(e for e in data.entries if e.card_id is not None)
    card = scene.cards[entry.card_id]
    lane_id, step_id = card.relative.lane_id, card.relative.step_id
    cells = cell_shapes(canvas.project.session, {(lane_id, step_id)})
    kept = {key: [c for c in shapes if c.id != entry.card_id] for key, shapes in cells.items()}
    change = layout.update_cells(kept)
    scene.apply(change, layout.geometry)
    assert entry.id not in scene.method.badges
    scene.set_geometry(BlueprintLayout(layout.shape).geometry)  # e.g. after undo
    canvas.rebuild()
    assert entry.id in scene.method.badges


def test_a_badge_lets_clicks_through_to_its_card(canvas: Canvas) -> None:
    item = next(iter(canvas.scene.method.badges.values()))
    assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    found = canvas.scene.card_at(item.scenePos() + QPointF(1.0, 1.0))
    assert found is item.parentItem()


def test_heat_follows_a_lane_that_grows_and_stays_within_the_map(canvas: Canvas) -> None:
    scene, layout, data = canvas.scene, canvas.layout, canvas.data
    canvas.show(heat=True)
    backstage = next(lane for lane in canvas.blueprint.lanes if lane.title == "Backstage")
    cell = next(c for c in data.cells if c.lane_id == backstage.id)
    inside = (cell.rect.x + 1.0 + 3.0, cell.rect.y + 4.0)  # within the cell's own shading
    shaded = colour_at(scene, *inside)
    card = canvas.blueprint.lanes[0].cards[0]
    card.text = "A much longer text " * 30
    cells = cell_shapes(canvas.project.session, {(card.lane_id, card.step_id)})
    change = layout.update_cells(cells)
    scene.apply(change, layout.geometry)
    moved = layout.geometry.cells[(cell.lane_id, cell.step_id)]
    assert moved.y > cell.rect.y
    assert colour_at(scene, moved.x + 4.0, moved.y + 4.0) == shaded
    below = layout.geometry.height + 10.0  # the columns stop at the map's bottom
    step = layout.geometry.step(data.shades[0].step_id)
    assert colour_at(scene, step.x + step.w / 2, below) == palette.CANVAS.name()
