"""Deleting a big blueprint, lane or step through the commands the window uses: every row
goes (comments too), undo gives back exactly what was there, redo takes it again, and the
loaded objects the canvas reads agree with the database all along."""

from collections.abc import Callable, Iterator

import pytest
from editing_helpers import round_trip
from random_edits import check_loaded_objects
from sqlalchemy import func, select, union_all

from app.editing.commands.base import EditCommand
from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.commands.lanes import DeleteLaneCommand, RenameLaneCommand
from app.editing.commands.steps import DeleteStepCommand
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.loading import load_blueprints
from app.model.ops_catalogue import add_comment
from app.model.ops_method import set_key_moment
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.schema import (
    Base,
    Card,
    Comment,
    Lane,
    Project,
)

CARDS = 1_500


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The sample grown to about 1,500 cards, with comments on cards, connectors, pain
    points, emotions and key moments of the as-is, saved once for the module."""
    data = tmp_path_factory.mktemp("big-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGECRAFT_DATA_DIR", str(data))
        project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, CARDS))
        as_is = project_file.project.blueprints[0]
        cards = [card for lane in as_is.lanes for card in lane.cards]
        set_key_moment(as_is.steps[-1], 4, 4, "leaving")
        items = [*cards[::50], *as_is.connectors[::40]]
        items += [p for card in cards for p in card.pain_points][::20]
        items += [step.emotion for step in as_is.steps if step.emotion][::30]
        items += [as_is.steps[-1].key_moment, as_is.stages[-1], as_is.lanes[-1]]
        for item in items:
            add_comment(item, "Asha", f"on a {type(item).__name__}")
        path = tmp_path_factory.mktemp("big") / "big.blueprint"
        project_file.save_as(path)
        project_file.close()
    yield path


@pytest.fixture
def big(qapp, big_path) -> Iterator[EditingDocument]:
    """The big project opened and loaded as the window has it."""
    project_file = ProjectFile.open(big_path)
    load_blueprints(project_file.session)
    yield EditingDocument(project_file)
    project_file.close()


def comments_on_missing_items(document: EditingDocument) -> int:
    """Comments whose item no longer exists (must stay 0)."""
    kinds = [mapper.class_ for mapper in Base.registry.mappers if mapper.class_ is not Comment]
    existing = union_all(*(select(kind.id) for kind in kinds))
    query = select(func.count()).select_from(Comment).where(Comment.item_id.not_in(existing))
    return document.session.scalar(query) or 0


def count(document: EditingDocument, kind: type[Base]) -> int:
    return document.session.scalar(select(func.count()).select_from(kind)) or 0


def fullest_lane(project: Project) -> Lane:
    return max(project.blueprints[0].lanes, key=lambda lane: len(lane.cards))


# What to delete: the grown as-is, its fullest lane, a step; with the cards each holds.
PICKS: dict[str, Callable[[Project], tuple[EditCommand, Base, int]]] = {
    "blueprint": lambda p: (
        DeleteBlueprintCommand(p.blueprints[0].id),
        p.blueprints[0],
        sum(len(lane.cards) for lane in p.blueprints[0].lanes),
    ),
    "lane": lambda p: (
        DeleteLaneCommand(fullest_lane(p).id),
        fullest_lane(p),
        len(fullest_lane(p).cards),
    ),
    "step": lambda p: (
        DeleteStepCommand(p.blueprints[0].steps[2].id),
        p.blueprints[0].steps[2],
        len(p.blueprints[0].steps[2].cards),
    ),
}


@pytest.mark.parametrize("what", list(PICKS))
def test_delete_undo_redo_exactly(big: EditingDocument, what: str) -> None:
    session = big.session
    command, item, held = PICKS[what](big.project)
    assert held >= {"blueprint": 1_400, "lane": 200, "step": 1}[what]
    cards, comments = count(big, Card), count(big, Comment)
    assert comments_on_missing_items(big) == 0
    before, after = round_trip(big, command)
    # round_trip ends redone: the item and what it held are gone, with their comments.
    assert session.get(type(item), item.id) is None
    assert count(big, Card) == cards - held
    assert count(big, Comment) < comments
    assert comments_on_missing_items(big) == 0
    check_loaded_objects(big)
    big.undo()
    assert dump(session) == before
    check_loaded_objects(big)
    big.redo()
    assert dump(session) == after
    check_loaded_objects(big)


def test_delete_then_edit_what_is_left_then_undo_all(big: EditingDocument) -> None:
    """After big deletes what is left can be edited, and undoing all of it gives back the
    first state."""
    before = dump(big.session)
    big.push(DeleteLaneCommand(big.project.blueprints[0].lanes[0].id))
    big.push(DeleteStepCommand(big.project.blueprints[0].steps[0].id))
    big.push(RenameLaneCommand(big.project.blueprints[0].lanes[0].id, "Renamed"))
    big.push(DeleteBlueprintCommand(big.project.blueprints[1].id))
    check_loaded_objects(big)
    while big.undo_stack.canUndo():
        big.undo()
    assert dump(big.session) == before
    check_loaded_objects(big)
