"""Deleting a blueprint, lane, step or card: the item goes through the ORM, what it holds
through the database's ON DELETE CASCADE, the comments of all of it with them, and the
session keeps no stale objects or collections."""

import shutil
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, func, inspect, select

from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.errors import ModelError
from app.model.loading import load_blueprints
from app.model.ops_catalogue import add_comment, add_system, set_card_systems
from app.model.ops_method import add_opportunity, add_pain_point, set_emotion, set_key_moment
from app.model.project_file import ProjectFile
from app.model.schema import (
    Base,
    Blueprint,
    Card,
    Comment,
    Connector,
    Lane,
    PainPoint,
    Project,
    Step,
    System,
)
from app.model.sessions import ProjectSession

Rows = dict[tuple, dict[str, Any]]


def furnish(blueprint: Blueprint, *, per_cell: int = 2) -> None:
    """Cards in every cell, connectors along and across lanes, pain points on cards and
    steps, emotions, a key moment, systems, an opportunity, and a comment on every item."""
    project = blueprint.project
    system = add_system(project, "Records")
    cards: list[Card] = []
    for step in blueprint.steps:
        for lane in blueprint.lanes:
            for n in range(per_cell):
                cards.append(ops.add_card(lane, step, f"{lane.title} {step.title} {n}"))
        set_emotion(step, -1, 1)
        add_pain_point(step, f"Slow {step.title}", 2, "staff", "observation")
    set_key_moment(blueprint.steps[0], 5, 4, "first contact")
    connectors = [ops.add_connector(a, b) for a, b in pairwise(cards)]
    pains = [add_pain_point(card, "Lost", 4, "service user", "interview") for card in cards[::3]]
    for card in cards[::4]:
        set_card_systems(card, [system])
    add_opportunity(project, "Call back", pains[:2] + blueprint.steps[0].pain_points)
    items: list[Any] = [blueprint, *blueprint.stages, *blueprint.steps, *blueprint.lanes]
    items += cards[::5] + connectors[::5] + pains
    items += [step.emotion for step in blueprint.steps] + [blueprint.steps[0].key_moment]
    for item in items:
        add_comment(item, "Asha", f"on {type(item).__name__}")


@pytest.fixture
def furnished(session, project: Project, blueprint: Blueprint) -> Blueprint:
    """The blueprint furnished, beside another furnished blueprint and a to-be derived
    from it, with comments on the project and a system."""
    furnish(blueprint)
    other = ops.add_blueprint(project, "Elsewhere")
    ops.add_lane(other, "frontstage")
    ops.add_step(other, "Only step")
    furnish(other, per_cell=3)
    to_be = ops.add_blueprint(project, "To-be", kind="to-be")
    to_be.derived_from = blueprint
    add_comment(project, "Sam", "on the project")
    add_comment(project.systems[0], "Sam", "on a system")
    session.commit()
    return blueprint


def keyed(rows: dict[str, list[dict[str, Any]]]) -> Rows:
    out: Rows = {}
    for name, table_rows in rows.items():
        columns = [column.name for column in Base.metadata.tables[name].primary_key.columns]
        for row in table_rows:
            out[(name, *(row[c] for c in columns))] = row
    return out


def contents(item: Any) -> set[tuple]:
    """The keys of every row that should go with ``item``, found by walking the ORM, not
    the schema: the item, what it holds, their links and the comments on all of it."""
    items: list[Any] = [item]
    if isinstance(item, Blueprint):
        items += [*item.stages, *item.steps, *item.lanes, *item.connectors]
    if isinstance(item, Blueprint | Step):
        steps = item.steps if isinstance(item, Blueprint) else [item]
        for step in steps:
            items += [*step.cards, *step.pain_points]
            items += [x for x in (step.emotion, step.key_moment) if x is not None]
    if isinstance(item, Lane):
        items += item.cards
    cards = [c for c in items if isinstance(c, Card)]
    for card in cards:
        items += [*card.pain_points, *card.outgoing, *card.incoming]
    keys = {(type(i).__tablename__, i.id) for i in items}
    keys |= {("card_system", c.id, s.id) for c in cards for s in c.systems}
    pains = [p for p in items if isinstance(p, PainPoint)]
    keys |= {("opportunity_pain_point", o.id, p.id) for p in pains for o in p.opportunities}
    session = inspect(item).session
    ids = [i.id for i in items]
    comments = session.scalars(select(Comment.id).where(Comment.item_id.in_(ids)))
    keys |= {("comment", comment_id) for comment_id in comments}
    return keys


DELETES: dict[str, tuple[Callable[[Blueprint], Any], Callable[[Any], None]]] = {
    "blueprint": (lambda blueprint: blueprint, ops.delete_blueprint),
    "lane": (lambda blueprint: blueprint.lanes[1], ops.delete_lane),
    "step": (lambda blueprint: blueprint.steps[0], ops.delete_step),
    "card": (lambda blueprint: blueprint.lanes[0].cards[0], ops.delete_card),
}
KINDS = {"blueprint": Blueprint, "lane": Lane, "step": Step, "card": Card}


@pytest.mark.parametrize("loaded", [True, False], ids=["loaded", "not-loaded"])
@pytest.mark.parametrize("kind", list(DELETES))
def test_a_delete_takes_exactly_its_rows_and_their_comments(
    session, furnished: Blueprint, kind: str, loaded: bool
) -> None:
    pick, delete = DELETES[kind]
    expected = contents(pick(furnished))
    assert any(key[0] == "comment" for key in expected)
    if kind in ("blueprint", "step"):
        assert {"emotion", "key_moment", "opportunity_pain_point"} <= {k[0] for k in expected}
    if kind != "card":
        assert {"card", "connector", "pain_point", "card_system"} <= {k[0] for k in expected}
    item_id = pick(furnished).id
    was = keyed(dump(session))
    session.expunge_all()
    if loaded:
        load_blueprints(session)
    delete(session.get(KINDS[kind], item_id))
    session.commit()
    now = keyed(dump(session))
    assert set(was) - set(now) == expected
    assert not set(now) - set(was)
    # What stays is unchanged but for positions of siblings and a to-be's lost source.
    for key in now:
        changed = {c for c in now[key] if now[key][c] != was[key][c]}
        assert changed <= {"position", "derived_from_id"}, key


def test_comments_go_with_rows_the_database_deletes(session, furnished: Blueprint) -> None:
    """Deleting the blueprint with nothing in it loaded, through the plain ORM delete: the
    database's cascade removes the cards, connectors, pain points, emotions and key
    moments without the ORM seeing them, and their comments still go."""
    blueprint_id = furnished.id
    session.expunge_all()
    blueprint = session.get(Blueprint, blueprint_id)
    session.delete(blueprint)
    session.commit()
    kinds = session.scalars(select(Comment.item_kind).order_by(Comment.item_kind)).all()
    assert "Card" in kinds  # the other blueprint's
    texts = session.scalars(select(Comment.text).where(Comment.author == "Sam")).all()
    assert sorted(texts) == ["on a system", "on the project"]
    item_ids = set(session.scalars(select(Comment.item_id)))
    existing: set[str] = set()
    for kind in {m.class_ for m in Base.registry.mappers} - {Comment}:
        existing |= set(session.scalars(select(kind.id).where(kind.id.in_(item_ids))))
    assert item_ids == existing, "a comment is left on a deleted item"


def test_the_session_keeps_no_stale_objects_or_collections(
    session, furnished: Blueprint, project: Project
) -> None:
    load_blueprints(session)
    lane = furnished.lanes[1]
    step = furnished.steps[0]
    other = project.blueprints[1]
    doomed = list(lane.cards)
    doomed_connectors = {c for card in doomed for c in (*card.outgoing, *card.incoming)}
    doomed_pains = {p for card in doomed for p in card.pain_points}
    system = next(s for card in doomed for s in card.systems)
    opportunity = next(o for pain in doomed_pains for o in pain.opportunities)
    survivors = [c for c in furnished.lanes[0].cards]
    assert any(c.outgoing or c.incoming for c in survivors)
    assert set(system.cards) & set(doomed) and set(opportunity.pain_points) & doomed_pains
    ops.delete_lane(lane)
    session.commit()
    for card in doomed:
        assert inspect(card).detached
        assert session.get(Card, card.id) is None
    for connector in doomed_connectors:
        assert session.get(Connector, connector.id) is None
    assert not set(step.cards) & set(doomed)
    assert not set(system.cards) & set(doomed)
    assert not set(opportunity.pain_points) & doomed_pains
    assert not set(furnished.connectors) & doomed_connectors
    for card in survivors:
        assert not {*card.outgoing, *card.incoming} & doomed_connectors
    assert [lane.position for lane in furnished.lanes] == [0, 1]
    assert len(other.lanes[0].cards) == 3  # the other blueprint is untouched
    to_be = project.blueprints[2]
    ops.delete_blueprint(furnished)
    session.commit()
    assert to_be.derived_from_id is None and to_be.derived_from is None
    assert [b.name for b in project.blueprints] == ["Elsewhere", "To-be"]


def count_statements(engine: Engine, action: Callable[[], object]) -> int:
    """The SQL statements ``action`` runs, but for the PRAGMAs of the once-per-connection
    check of the file's foreign keys."""
    statements: list[str] = []

    def counted(_conn, _cursor, statement, _params, _context, _many) -> None:
        if not statement.startswith("PRAGMA"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return len(statements)


@pytest.mark.parametrize("what", ["blueprint", "lane", "step"])
def test_deleting_does_not_go_card_by_card(engine, session, project, what) -> None:
    """Deleting a blueprint (lane, step) takes as many statements at 2 cards per cell as at
    12: the ORM does not load, delete or clean up after the cards one by one."""
    counts = []
    for per_cell in (2, 12):
        project = session.scalar(select(Project))
        blueprint = ops.add_blueprint(project, f"{per_cell} per cell")
        for kind in ("customer actions", "frontstage", "backstage"):
            ops.add_lane(blueprint, kind)
        for title in ("One", "Two", "Three"):
            ops.add_step(blueprint, title, stage=ops.add_stage(blueprint, title))
        furnish(blueprint, per_cell=per_cell)
        session.commit()
        session.expunge_all()
        blueprint = load_blueprints(session)[-1]
        item = {"blueprint": blueprint, "lane": blueprint.lanes[1], "step": blueprint.steps[1]}
        delete = DELETES[what][1]
        counts.append(count_statements(engine, lambda: delete(item[what])))  # noqa: B023
        session.commit()
        session.expunge_all()
    assert counts[0] == counts[1]


def test_a_file_whose_keys_do_not_cascade_is_refused_untouched(tmp_path) -> None:
    """Deleting counts on the file's foreign keys: a file changed by another program so
    that cards no longer go with their lane is refused before anything is deleted."""
    path = tmp_path / "changed.db"
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _foreign_keys(connection, _record) -> None:
        connection.execute("PRAGMA foreign_keys = ON")

    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        sql = connection.exec_driver_sql("SELECT sql FROM sqlite_schema WHERE name = 'card'")
        changed = sql.scalar().replace(
            "REFERENCES lane (id) ON DELETE CASCADE", "REFERENCES lane (id)"
        )
        connection.exec_driver_sql("PRAGMA writable_schema = ON")
        connection.exec_driver_sql(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'card'", (changed,)
        )
    engine.dispose()
    with ProjectSession(bind=engine) as session:
        project = ops.create_project(session, "Changed")
        blueprint = ops.add_blueprint(project, "As-is")
        lane = ops.add_lane(blueprint, "frontstage")
        ops.add_card(lane, ops.add_step(blueprint, "Arrive"), "Knocks")
        session.commit()
        with pytest.raises(ModelError, match="'card' of this file does not delete"):
            ops.delete_lane(lane)
        session.rollback()
        assert session.scalar(select(func.count()).select_from(Card)) == 1
        assert session.scalar(select(func.count()).select_from(Lane)) == 1
    engine.dispose()


def test_foreign_keys_must_be_enforced(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    Base.metadata.create_all(engine)
    with ProjectSession(bind=engine) as session:
        project = ops.create_project(session, "Plain")
        blueprint = ops.add_blueprint(project, "As-is")
        session.commit()
        with pytest.raises(ModelError, match="foreign keys are not enforced"):
            ops.delete_blueprint(blueprint)
    engine.dispose()


def test_a_system_keeps_its_other_cards(session, furnished) -> None:
    system = next(s for card in furnished.steps[0].cards for s in card.systems)
    before = {card.id for card in system.cards}
    ops.delete_step(furnished.steps[0])
    session.commit()
    gone = before - {card.id for card in system.cards}
    assert gone and all(session.get(Card, card_id) is None for card_id in gone)
    assert {card.id for card in system.cards} == set(
        session.scalars(select(Card.id).where(Card.systems.any(System.id == system.id)))
    )


def test_a_file_upgraded_from_format_1_deletes_by_cascade(tmp_path) -> None:
    """Format 1 files declare the same cascades; the upgrade (which rebuilds the blueprint
    table) keeps them, so deleting in an upgraded file passes the check and takes all."""
    original = tmp_path / "old.blueprint"
    shutil.copy(Path(__file__).parents[1] / "data" / "format1.blueprint", original)
    project_file = ProjectFile.open(original)
    try:
        session = project_file.session
        blueprint = project_file.project.blueprints[0]
        card = blueprint.lanes[0].cards[0]
        add_comment(card, "Asha", "on a card of format 1")
        project_file.commit()
        ops.delete_blueprint(blueprint)
        project_file.commit()
        assert session.scalar(select(func.count()).select_from(Card)) == 0
        assert session.scalar(select(func.count()).select_from(Comment)) == 0
        assert [b.name for b in project_file.project.blueprints] == ["Middle", "Zeta to-be"]
    finally:
        project_file.close()
