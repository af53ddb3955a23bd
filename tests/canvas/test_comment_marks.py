"""Cards and steps with unresolved comments show a speech-bubble mark, with a tooltip that
counts them; the scene repaints only the cards whose mark changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor

from app.canvas.card_item import CardItem
from app.canvas.marks import COMMENT, CommentMarkItem
from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView
from app.layout.geometry import Rect

NOTE = "2 comments, latest by Ann\n“Is the letter in plain English?”"


def teal_pixels(view: BlueprintView, x: float, y: float, reach: int = 8) -> int:
    """How many pixels around scene point (x, y) have the comment mark's colour."""
    image = view.viewport().grab().toImage()
    centre = view.mapFromScene(QPointF(x, y))
    box = QRect(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach)
    found = 0
    for px in range(max(0, box.left()), min(image.width(), box.right() + 1)):
        for py in range(max(0, box.top()), min(image.height(), box.bottom() + 1)):
            colour = QColor(image.pixel(px, py))
            if (
                abs(colour.red() - COMMENT.red()) < 30
                and abs(colour.green() - COMMENT.green()) < 30
                and abs(colour.blue() - COMMENT.blue()) < 30
            ):
                found += 1
    return found


def shown_card(view: BlueprintView, scene: BlueprintScene, index: int = 0) -> str:
    """A card of the sample, scrolled into view with room above it for its marks."""
    card_ids = sorted(scene.geometry.cards, key=lambda i: scene.geometry.cards[i].rect.x)
    card_id = card_ids[index]
    rect = scene.geometry.cards[card_id].rect
    view.reveal(Rect(rect.x - 40, rect.y - 40, rect.w + 80, rect.h + 80))
    return card_id


def mark_centre(scene: BlueprintScene, card_id: str) -> tuple[float, float]:
    rect = scene.geometry.cards[card_id].rect
    return rect.x + rect.w - 1.0, rect.y


def test_a_commented_card_shows_the_mark_and_its_tooltip(
    qtbot, view: BlueprintView, scene: BlueprintScene
) -> None:
    card_id = shown_card(view, scene, 3)
    item = scene.cards[card_id]
    x, y = mark_centre(scene, card_id)
    qtbot.waitUntil(lambda: teal_pixels(view, x, y) == 0)
    assert item.comment_note is None and item.toolTip() == ""

    scene.set_commented({card_id: NOTE})
    assert item.comment_note == NOTE
    assert item.toolTip() == NOTE
    qtbot.waitUntil(lambda: teal_pixels(view, x, y) > 20)  # repainted with the mark

    scene.set_commented({})
    assert item.comment_note is None and item.toolTip() == ""
    qtbot.waitUntil(lambda: teal_pixels(view, x, y) == 0)  # repainted without it


def test_the_comment_mark_sits_beside_the_fail_and_wait_marks(
    qtbot, view: BlueprintView, scene: BlueprintScene
) -> None:
    marked = [
        i for i, card in scene.geometry.cards.items() if card.fail_point and card.wait_point
    ] or [i for i, card in scene.geometry.cards.items() if card.fail_point or card.wait_point]
    assert marked, "the sample has fail and wait points"
    card_id = marked[0]
    card = scene.geometry.cards[card_id]
    rect = card.rect
    view.reveal(Rect(rect.x - 60, rect.y - 40, rect.w + 80, rect.h + 80))
    x, y = mark_centre(scene, card_id)
    others = card.fail_point + card.wait_point
    beside = x - others * (2 * 5.5 + 3.0)
    qtbot.waitUntil(lambda: teal_pixels(view, beside, y, 5) == 0)
    scene.set_commented({card_id: NOTE})
    qtbot.waitUntil(lambda: teal_pixels(view, beside, y, 5) > 10)
    assert teal_pixels(view, x, y, 4) == 0  # the fail or wait mark keeps its place


def test_only_cards_whose_mark_changed_are_touched(
    monkeypatch: pytest.MonkeyPatch, scene: BlueprintScene
) -> None:
    a, b, c = list(scene.cards)[:3]
    touched: list[str] = []
    real = CardItem.set_comment_note

    def spy(item: CardItem, note: str | None) -> None:
        touched.append(item.card_id)
        real(item, note)

    monkeypatch.setattr(CardItem, "set_comment_note", spy)
    scene.set_commented({a: "1 comment by Ann", b: "1 comment by Bo"})
    assert sorted(touched) == sorted([a, b])
    touched.clear()
    scene.set_commented({b: "1 comment by Bo", c: "1 comment by Cy"})
    assert sorted(touched) == sorted([a, c])  # a lost its mark, c gained one, b is as it was
    touched.clear()
    scene.set_commented({b: "2 comments, latest by Dee", c: "1 comment by Cy"})
    assert touched == [b]  # a new tooltip
    assert scene.cards[b].toolTip() == "2 comments, latest by Dee"
    assert scene.cards[a].comment_note is None


def test_a_card_drawn_again_keeps_its_mark(scene: BlueprintScene) -> None:
    card_id = next(iter(scene.cards))
    scene.set_commented({card_id: NOTE})
    geometry = scene.geometry
    scene.clear()  # every item goes, as when a blueprint is drawn from scratch
    scene.set_geometry(geometry)
    assert scene.cards[card_id] is not None
    assert scene.cards[card_id].comment_note == NOTE


def test_a_commented_step_shows_the_mark_on_its_header(
    qtbot, view: BlueprintView, scene: BlueprintScene
) -> None:
    step = scene.geometry.steps[1]
    header = step.header
    x, y = header.right - 8.5, header.y + 8.5
    qtbot.waitUntil(lambda: teal_pixels(view, x, y, 6) == 0)

    scene.set_commented({}, {step.id: "1 comment by Jo"})
    marks = [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    assert len(marks) == 1
    assert marks[0].toolTip() == "1 comment by Jo"
    assert marks[0].rect().center().toTuple() == pytest.approx((x, y))
    qtbot.waitUntil(lambda: teal_pixels(view, x, y, 6) > 10)
    # A click on the mark reaches the step header under it.
    assert view._thing_at(view.mapFromScene(QPointF(x, y))) == ("step", step.id)

    scene.set_commented({}, {})
    assert not [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    qtbot.waitUntil(lambda: teal_pixels(view, x, y, 6) == 0)


def test_a_step_mark_follows_its_header_and_goes_with_its_step(scene: BlueprintScene) -> None:
    first, second = scene.geometry.steps[0], scene.geometry.steps[1]
    scene.set_commented({}, {second.id: "1 comment by Jo", "no-such-step": "1 comment by Al"})
    marks = [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    assert len(marks) == 1  # a step that is not on this map has no mark
    scene.set_geometry(scene.geometry)  # drawn again: the mark stays, once
    marks = [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    assert len(marks) == 1
    assert marks[0].rect().center().x() == pytest.approx(second.header.right - 8.5)
    scene.set_commented({}, {first.id: "1 comment by Jo"})
    marks = [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    assert [m.rect().center().x() for m in marks] == [pytest.approx(first.header.right - 8.5)]
