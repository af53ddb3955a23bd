"""The pain-point overlay's data: numbering in reading order, badges on their cards and
step headers, the perspective filter, summed severity per step, key moments and the
emotion curve placed above the map's headers; and, printed, the evidence gaps and the
waiting time."""

from collections.abc import Iterator
from itertools import pairwise

import pytest
from overlay_helpers import build_project, geometry_of, write_overlay_pdf
from pypdf import PdfReader

from app.export.pdf_overlay import PainPointOverlay
from app.layout.overlay import build_overlay, numbered_pain_points, parse_perspective
from app.model.kinds import Perspective
from app.model.method import PainPoint
from app.model.ops_grid import add_card
from app.model.ops_method import add_pain_point, set_emotion, set_key_moment
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint


@pytest.fixture
def as_is(sample_file: ProjectFile) -> Blueprint:
    return sample_file.project.blueprints[0]


def all_pain_points(blueprint: Blueprint) -> Iterator[PainPoint]:
    for step in blueprint.steps:
        yield from step.pain_points
        for card in step.cards:
            yield from card.pain_points


def test_every_unresolved_pain_point_is_numbered_once_in_reading_order(as_is) -> None:
    entries = numbered_pain_points(as_is)
    expected = [p for p in all_pain_points(as_is) if not p.resolved]
    assert [e.number for e in entries] == list(range(1, len(expected) + 1))
    assert sorted(e.id for e in entries) == sorted(p.id for p in expected)
    step_index = {step.id: i for i, step in enumerate(as_is.steps)}
    lane_index = {lane.id: i for i, lane in enumerate(as_is.lanes)}
    cards = {card.id: card for lane in as_is.lanes for card in lane.cards}

    def reading_place(entry) -> tuple:
        if entry.card_id is None:
            return (step_index[entry.step_id], -1, -1)
        card = cards[entry.card_id]
        return (step_index[entry.step_id], lane_index[card.lane_id], card.position)

    places = [reading_place(e) for e in entries]
    assert places == sorted(places)


def test_the_sample_has_every_perspective_and_a_step_pain_point(as_is) -> None:
    entries = numbered_pain_points(as_is)
    assert {e.perspective for e in entries} == {p.value for p in Perspective}
    step_entry = next(e for e in entries if e.card_id is None)
    assert step_entry.where.endswith("(the step)")
    assert "Missed appointments" in step_entry.where


def test_each_badge_sits_on_its_card_corner_or_its_step_header(sample_file, as_is) -> None:
    geometry = geometry_of(sample_file, as_is)
    data = build_overlay(as_is, geometry)
    assert [b.number for b in data.badges] == [e.number for e in data.entries]
    for badge, entry in zip(data.badges, data.entries, strict=True):
        assert badge.severity == entry.severity
        if entry.card_id is not None:
            rect = geometry.cards[entry.card_id].rect
            assert rect.contains_point(badge.x, badge.y)
            assert badge.x - rect.x < 2 * badge.radius and badge.y - rect.y < 2 * badge.radius
        else:
            header = geometry.step(entry.step_id).header
            assert header.contains_point(badge.x, badge.y)
            assert badge.x > header.center[0]  # right-aligned, clear of the title's start


def test_badges_of_one_card_and_of_one_step_do_not_overlap() -> None:
    def fill(blueprint: Blueprint) -> None:
        lane, step = blueprint.lanes[1], blueprint.steps[1]
        card = add_card(lane, step, "Crowded card")
        for k in range(14):
            add_pain_point(card, f"Card pain {k}", 1 + k % 5, "staff", "interview")
            add_pain_point(step, f"Step pain {k}", 1 + k % 5, "partner", "data")

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        data = build_overlay(blueprint, geometry)
        assert len(data.badges) == 28
        for a, b in pairwise(sorted(data.badges, key=lambda b: b.number)):
            if a.card_id == b.card_id:
                assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= (2 * a.radius) ** 2
        card = next(iter(geometry.cards.values()))
        header = geometry.step(blueprint.steps[1].id).header
        for badge in data.badges:
            rect = card.rect if badge.card_id else header
            assert rect.contains_point(badge.x, badge.y)
        # the step's own pain points come first, the most severe first
        assert [b.card_id for b in data.badges[:14]] == [None] * 14
        assert [b.severity for b in data.badges[:14]] == sorted(
            (b.severity for b in data.badges[:14]), reverse=True
        )
    finally:
        project_file.close()


@pytest.mark.parametrize("name", ["staff", "service user", "service-user", "PARTNER"])
def test_the_perspective_filter_keeps_one_perspective_numbered_from_one(as_is, name) -> None:
    wanted = parse_perspective(name)
    entries = numbered_pain_points(as_is, perspective=name)
    expected = [p for p in all_pain_points(as_is) if p.perspective == wanted and not p.resolved]
    assert entries and len(entries) == len(expected)
    assert {e.perspective for e in entries} == {wanted.value}
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))


def test_an_unknown_perspective_is_refused_with_the_choices() -> None:
    assert parse_perspective(None) is None
    assert parse_perspective("all") is None
    with pytest.raises(ValueError, match="service user, staff, partner"):
        parse_perspective("patients")


def test_steps_total_their_own_and_their_cards_severities(sample_file, as_is) -> None:
    geometry = geometry_of(sample_file, as_is)
    for perspective in (None, "staff"):
        data = build_overlay(as_is, geometry, perspective=perspective)
        expected: dict[str, int] = {}
        for step in as_is.steps:
            pains = list(step.pain_points) + [p for c in step.cards for p in c.pain_points]
            total = sum(
                p.severity
                for p in pains
                if not p.resolved and (perspective is None or p.perspective == perspective)
            )
            if total:
                expected[step.id] = total
        assert data.step_totals == expected
        for shade in data.shades:
            step = geometry.step(shade.step_id)
            assert shade.rect.x == step.x and shade.rect.w == step.w
            assert shade.rect.y == step.header.y and shade.rect.bottom == geometry.height
            assert [c.y for c in shade.cells] == [lane.rect.y for lane in geometry.lanes]
            assert all(c.x == step.x and c.w == step.w for c in shade.cells)


def test_resolved_pain_points_are_left_out_unless_asked() -> None:
    def fill(blueprint: Blueprint) -> None:
        card = add_card(blueprint.lanes[0], blueprint.steps[0], "Queue")
        add_pain_point(card, "Open", 4, "service user", "interview")
        add_pain_point(card, "Fixed", 5, "service user", "data", resolved=True)

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        assert [e.text for e in build_overlay(blueprint, geometry).entries] == ["Open"]
        data = build_overlay(blueprint, geometry, include_resolved=True)
        assert [(e.text, e.resolved) for e in data.entries] == [("Fixed", True), ("Open", False)]
        assert data.step_totals == {blueprint.steps[0].id: 9}
    finally:
        project_file.close()


def test_the_sample_appointment_is_a_sweet_spot_above_the_map(sample_file, as_is) -> None:
    geometry = geometry_of(sample_file, as_is)
    data = build_overlay(as_is, geometry)
    assert data.extra_top > 0
    (moment,) = data.moments
    assert moment.sweet_spot and moment.step_title == "Health check appointment"
    step = geometry.step(moment.step_id)
    assert step.x <= moment.x <= step.x + step.w
    assert -data.extra_top <= moment.y < 0


def test_a_sweet_spot_needs_both_importances_high() -> None:
    def fill(blueprint: Blueprint) -> None:
        arrive, wait, leave = blueprint.steps
        set_key_moment(arrive, 5, 3)
        set_key_moment(wait, 4, 4)
        set_key_moment(leave, 2, 5)

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        data = build_overlay(blueprint, geometry)
        assert [(m.step_title, m.sweet_spot) for m in data.moments] == [
            ("Arrive", False),
            ("Wait", True),
            ("Leave", False),
        ]
        assert data.curves == []  # no emotions: only the key-moment row
        strict = build_overlay(blueprint, geometry, sweet_spot_at=5)
        assert not any(m.sweet_spot for m in strict.moments)
    finally:
        project_file.close()


def test_emotion_curves_follow_the_steps_above_the_headers(sample_file, as_is) -> None:
    geometry = geometry_of(sample_file, as_is)
    data = build_overlay(as_is, geometry)
    curves = {curve.who: curve for curve in data.curves}
    assert set(curves) == {"service user", "staff"}
    band = data.band
    for who, attribute in (("service user", "service_user"), ("staff", "staff")):
        expected = [
            (s.id, getattr(s.emotion, attribute))
            for s in as_is.steps
            if s.emotion is not None and getattr(s.emotion, attribute) is not None
        ]
        points = curves[who].points
        assert [(p.step_id, p.value) for p in points] == expected
        for point in points:
            step = geometry.step(point.step_id)
            assert point.x == pytest.approx(step.x + step.w / 2)
            assert -data.extra_top < point.y < 0
            assert point.y == pytest.approx(band.y_of(point.value))
    assert band.y_of(2) < band.y_of(0) < band.y_of(-2)  # happier is higher on the page


def test_a_blueprint_without_emotions_or_moments_needs_no_room_above() -> None:
    def fill(blueprint: Blueprint) -> None:
        add_pain_point(blueprint.steps[2], "Nobody says goodbye", 2, "service user", "workshop")

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        data = build_overlay(blueprint, geometry_of(project_file, blueprint))
        assert data.band is None and data.extra_top == 0
        assert data.moments == [] and data.curves == []
        assert len(data.badges) == 1
    finally:
        project_file.close()


def test_one_emotion_value_makes_a_one_point_curve() -> None:
    def fill(blueprint: Blueprint) -> None:
        set_emotion(blueprint.steps[1], None, staff=-2)

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        data = build_overlay(blueprint, geometry_of(project_file, blueprint))
        assert [(c.who, len(c.points)) for c in data.curves] == [("staff", 1)]
        assert data.moments == [] and data.band.moment_row is None
    finally:
        project_file.close()


def test_the_printed_overlay_names_evidence_gaps_and_the_waiting(tmp_path) -> None:
    def fill(blueprint: Blueprint) -> None:
        user, front, _back = blueprint.lanes
        arrive, wait, _leave = blueprint.steps
        add_pain_point(add_card(user, arrive, "Queues"), "Cold", 3, "service user", "interview")
        add_pain_point(wait, "Bored?", 2, "service user", "assumption")
        add_card(user, arrive, "Stands in line", wait_point=True, duration_minutes=20)
        add_card(front, wait, "Phones the lab", wait_point=True, duration_minutes=45)
        add_card(user, wait, "Waits", wait_point=True)

    project_file = build_project(fill)
    try:
        blueprint = project_file.project.blueprints[0]
        geometry = geometry_of(project_file, blueprint)
        overlay = PainPointOverlay(blueprint, geometry)
        path = tmp_path / "gaps.pdf"
        write_overlay_pdf(path, geometry, overlay)
        text = " ".join((PdfReader(path).pages[0].extract_text() or "").split())
        assert "Assumptions only" in text and "No evidence" in text  # Wait; Leave
        assert "Waiting 1 h 5 min" in text and "across 3 wait points" in text  # the corner
        assert "20 min" in text and "45 min" in text and "no time" in text  # the cards
        assert text.count("1 h 5 min") >= 2  # the journey's and the stage's
        assert "Cells with pain points" in " ".join(t for _c, t in overlay.legend())
    finally:
        project_file.close()
