"""Duplicate as to-be: a full copy whose every item names the item it came from."""

from sqlalchemy import select

from app.model import ops_catalogue as cat
from app.model import ops_grid as grid
from app.model import ops_method as method
from app.model.duplicate import duplicate_as_to_be
from app.model.kinds import BlueprintKind
from app.model.schema import Card


def test_to_be_copies_everything_with_lineage(session, project, blueprint) -> None:
    system = cat.add_system(project, "GP clinical system")
    nurse = cat.add_actor(project, "Practice nurse", "staff role")
    a = grid.add_card(blueprint.lanes[0], blueprint.steps[0], "Receives letter", fail_point=True)
    b = grid.add_card(blueprint.lanes[1], blueprint.steps[0], "Books slot", wait_point=True)
    cat.set_card_systems(b, [system])
    cat.set_card_actor(b, nurse)
    link = grid.add_connector(a, b, "hand-off", "phones")
    pain = method.add_pain_point(a, "Hard to read", 3, "service user", "interview")
    method.add_pain_point(blueprint.steps[1], "DNA not followed up", 4, "staff", "data")
    method.set_emotion(blueprint.steps[0], -1, 0)
    method.set_key_moment(blueprint.steps[2], 5, 5)
    lonely = grid.add_card(blueprint.lanes[2], blueprint.steps[3], "Files results")
    method.add_pain_point(lonely, "Results lost", 2, "staff", "observation")
    grid.add_blueprint(project, "Later")

    to_be = duplicate_as_to_be(blueprint)

    assert to_be.kind is BlueprintKind.TO_BE and to_be.derived_from is blueprint
    assert to_be.name == "As-is (to-be)"
    assert [bp.name for bp in project.blueprints] == ["As-is", "As-is (to-be)", "Later"]
    assert [lane.title for lane in to_be.lanes] == [lane.title for lane in blueprint.lanes]
    assert [lane.derived_from for lane in to_be.lanes] == [lane.id for lane in blueprint.lanes]
    assert [s.derived_from for s in to_be.steps] == [s.id for s in blueprint.steps]
    assert [s.stage.derived_from for s in to_be.steps] == [s.stage.id for s in blueprint.steps]
    copies = {card.derived_from: card for lane in to_be.lanes for card in lane.cards}
    assert set(copies) == {a.id, b.id, lonely.id}
    lane_ids = [lane.id for lane in to_be.lanes]
    session.commit()
    stored = session.scalars(select(Card.derived_from).where(Card.lane_id.in_(lane_ids)))
    assert set(stored) == {a.id, b.id, lonely.id}
    assert copies[a.id].fail_point and copies[b.id].wait_point
    assert copies[b.id].systems == [system] and copies[b.id].actor is nurse
    (new_link,) = to_be.connectors
    assert new_link.derived_from == link.id
    assert (new_link.source, new_link.target) == (copies[a.id], copies[b.id])
    assert copies[a.id].pain_points[0].derived_from == pain.id
    assert to_be.steps[1].pain_points[0].description == "DNA not followed up"
    assert to_be.steps[0].emotion.service_user == -1
    assert to_be.steps[2].key_moment.is_sweet_spot
    # The copy is independent: editing it leaves the as-is alone.
    grid.edit(copies[a.id], text="Gets a call from a trusted contact")
    assert a.text == "Receives letter"
    assert len(blueprint.connectors) == 1 and len(a.pain_points) == 1
