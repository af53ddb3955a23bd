"""draw.io import: the corpus of real template diagrams gives the lanes, cards and
connectors its README counts; plain and compressed pages read alike; several pages make
several blueprints; hand-built diagrams check lanes, steps, HTML titles and what is
reported as not brought in."""

from __future__ import annotations

import base64
import urllib.parse
import zlib
from pathlib import Path

import pytest

from app.importers.build import build_plan
from app.importers.drawio_import import read_drawio
from app.importers.plan import ImportPlan
from app.model.kinds import LaneKind
from app.model.project_file import ProjectFile

DATA = Path(__file__).parent.parent / "data" / "drawio"

# (file, lanes, cards, connectors): the README's counts, pools not counted as lanes.
CORPUS = [
    ("swimlanes.drawio", 3, 8, 8),
    ("cross-functional-1.drawio", 6, 17, 21),
    ("cross-functional-2.drawio", 3, 13, 14),
    ("business-swimlane.drawio", 7, 19, 22),
]


def compress(xml: str) -> str:
    """A page as draw.io compresses it: URL-encoded, raw deflate, base64."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(urllib.parse.quote(xml, safe="").encode()) + packer.flush()
    return base64.b64encode(packed).decode()


def inflate(text: str) -> str:
    return urllib.parse.unquote(zlib.decompress(base64.b64decode(text), -15).decode())


def corpus_model(name: str) -> str:
    """The decoded ``<mxGraphModel>`` of a corpus file's one page."""
    text = (DATA / name).read_text()
    start = text.index(">", text.index("<diagram")) + 1
    return inflate(text[start : text.index("</diagram>")])


def shape(cid: str, parent: str, x: float, y: float, w: float = 80, h: float = 40, **kw) -> str:
    value = kw.pop("value", "")
    style = kw.pop("style", "rounded=1;whiteSpace=wrap;html=1;")
    return (
        f'<mxCell id="{cid}" value="{value}" style="{style}" parent="{parent}" vertex="1">'
        f'<mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell>'
    )


def line(cid: str, source: str, target: str, value: str = "", parent: str = "1") -> str:
    ends = (f' source="{source}"' if source else "") + (f' target="{target}"' if target else "")
    return (
        f'<mxCell id="{cid}" value="{value}" style="edgeStyle=orthogonalEdgeStyle;html=1;" '
        f'parent="{parent}"{ends} edge="1"><mxGeometry relative="1" as="geometry"/></mxCell>'
    )


def model(*cells: str) -> str:
    body = "".join(cells)
    top = '<mxCell id="0"/><mxCell id="1" parent="0"/>'
    return f"<mxGraphModel><root>{top}{body}</root></mxGraphModel>"


def write(tmp_path: Path, text: str, name: str = "diagram.drawio") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def blueprint_service(tmp_path: Path) -> str:
    """A pool of three horizontal lanes, a service blueprint: HTML titles, cards in two
    columns that line up across the lanes, a shape off the lanes, a picture, a line to a
    lane and a labelled line."""
    lane = "swimlane;html=1;startSize=20;horizontal=0;"
    return model(
        shape("pool", "1", 0, 0, 620, 300, value="Clinic", style=lane + "childLayout=stackLayout;"),
        shape(
            "l1", "pool", 20, 0, 600, 100, value="&lt;b&gt;Customer&lt;/b&gt; actions", style=lane
        ),
        shape("l2", "pool", 20, 100, 600, 100, value="Front&lt;br&gt;stage", style=lane),
        shape("l3", "pool", 20, 200, 600, 100, value="Systems &amp;amp; tools", style=lane),
        shape("a", "l1", 60, 30, value="Receives &lt;i&gt;letter&lt;/i&gt;"),
        shape("b", "l1", 300, 30, value="Phones&lt;br&gt;surgery"),
        shape("c", "l2", 70, 30, value="Sends letter"),
        shape("d", "l2", 290, 10, value="Books slot"),
        shape("e", "l2", 300, 55, value="Checks diary"),
        shape("f", "l3", 310, 30, value="GP system"),
        shape("off", "1", 700, 40, value="A note beside the pool"),
        shape("pic", "l1", 480, 30, style="shape=image;image=data:image/png,AAAA;"),
        line("e1", "c", "a", value="post"),
        line("e2", "a", "b"),
        line("e3", "b", "d"),
        line("e4", "d", "f"),
        line("e5", "b", "l3"),
    )


@pytest.mark.parametrize(("name", "lanes", "cards", "connectors"), CORPUS)
def test_each_corpus_file_has_the_readme_counts(
    name: str, lanes: int, cards: int, connectors: int
) -> None:
    plan = read_drawio(DATA / name)
    assert plan.skipped == []
    [blueprint] = plan.blueprints
    assert blueprint.name == Path(name).stem
    assert (len(blueprint.lanes), len(blueprint.cards), len(blueprint.connectors)) == (
        lanes,
        cards,
        connectors,
    )
    keys = {card.key for card in blueprint.cards}
    assert all({c.source, c.target} <= keys for c in blueprint.connectors)
    assert all(0 <= card.step < len(blueprint.steps) for card in blueprint.cards)


def test_html_lane_titles_come_out_as_plain_text() -> None:
    [blueprint] = read_drawio(DATA / "business-swimlane.drawio").blueprints
    titles = [lane.title for lane in blueprint.lanes]
    # Vertical lanes (columns side by side) are read left to right.
    assert titles == [
        "Inside Sales Rep",
        "Sales Admin",
        "Sales Representative",
        "Sales Manager",
        "VP Sales",
        "Inside Sales Manager",
        "Director",
    ]
    texts = {card.text for card in blueprint.cards}
    assert "Facilities Procurement Application" in texts  # <font>…<br>…</font><br>
    assert not any("<" in text or "&" in text for text in texts | set(titles))


def test_a_vertical_pool_is_read_turned_a_quarter() -> None:
    """In cross-functional-1 the lanes are columns: lanes go left to right and the steps
    follow the cards from top to bottom."""
    [blueprint] = read_drawio(DATA / "cross-functional-1.drawio").blueprints
    assert [lane.title for lane in blueprint.lanes] == [f"Lane {n}" for n in range(1, 7)]
    first_lane = [card for card in blueprint.cards if card.lane == 0]
    # Lane 1's cards sit at y 65, 155 and 560: three different steps, in that order.
    assert [card.step for card in first_lane] == sorted({card.step for card in first_lane})
    assert len(first_lane) == 3
    # The last lane's one card (y 640) is in the last step.
    assert [card.step for card in blueprint.cards if card.lane == 5] == [len(blueprint.steps) - 1]


def test_horizontal_lanes_put_cards_in_steps_by_their_x(tmp_path: Path) -> None:
    [blueprint] = read_drawio(DATA / "swimlanes.drawio").blueprints
    # Shapes centred at x 60, 160, 280 and 380 in the pool: four steps.
    assert [step.title for step in blueprint.steps] == ["Step 1", "Step 2", "Step 3", "Step 4"]
    cells = [(card.lane, card.step) for card in blueprint.cards]
    assert cells == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (2, 2), (2, 3)]


@pytest.mark.parametrize("name", [row[0] for row in CORPUS])
def test_compressed_and_plain_pages_give_the_same_plan(tmp_path: Path, name: str) -> None:
    xml = corpus_model(name)
    plain = write(tmp_path, f'<mxfile><diagram id="x">{xml}</diagram></mxfile>', name)
    bare = write(tmp_path, xml, Path(name).stem + ".xml")
    compressed = read_drawio(DATA / name)
    assert read_drawio(plain) == compressed
    bare_plan = read_drawio(bare)
    assert bare_plan.blueprints == compressed.blueprints


def test_several_pages_make_several_blueprints_named_after_the_pages(tmp_path: Path) -> None:
    first = corpus_model("swimlanes.drawio")
    second = corpus_model("business-swimlane.drawio")
    path = write(
        tmp_path,
        f'<mxfile><diagram name="Referral" id="a">{compress(first)}</diagram>'
        f'<diagram name="Follow-up" id="b">{second}</diagram></mxfile>',
    )
    plan = read_drawio(path)
    assert [b.name for b in plan.blueprints] == ["Referral", "Follow-up"]
    assert [len(b.cards) for b in plan.blueprints] == [8, 19]
    assert [len(b.lanes) for b in plan.blueprints] == [3, 7]


def test_unnamed_pages_are_named_after_the_file_and_their_number(tmp_path: Path) -> None:
    xml = corpus_model("swimlanes.drawio")
    path = write(tmp_path, f"<mxfile><diagram>{xml}</diagram><diagram>{xml}</diagram></mxfile>")
    names = [b.name for b in read_drawio(path).blueprints]
    assert names == ["diagram (page 1)", "diagram (page 2)"]


def test_a_service_blueprint_diagram(tmp_path: Path) -> None:
    plan = read_drawio(write(tmp_path, blueprint_service(tmp_path), "clinic.xml"))
    [blueprint] = plan.blueprints
    assert [(lane.title, lane.kind) for lane in blueprint.lanes] == [
        ("Customer actions", LaneKind.CUSTOMER_ACTIONS),
        ("Front stage", LaneKind.FRONTSTAGE),
        ("Systems & tools", LaneKind.SYSTEMS),
    ]
    # Centres at x ~120 and ~360 (through the pool's offset): two steps shared by the lanes.
    assert len(blueprint.steps) == 2
    placed = [(card.text, card.lane, card.step) for card in blueprint.cards]
    assert placed == [
        ("Receives letter", 0, 0),
        ("Phones surgery", 0, 1),
        ("Sends letter", 1, 0),
        ("Books slot", 1, 1),  # above "Checks diary" in the same cell
        ("Checks diary", 1, 1),
        ("GP system", 2, 1),
    ]
    joined = [(c.source, c.target, c.label) for c in blueprint.connectors]
    assert joined == [("c", "a", "post"), ("a", "b", ""), ("b", "d", ""), ("d", "f", "")]
    assert plan.skipped == [
        "clinic: 1 shape outside every lane (“A note beside the pool”)",
        "clinic: 1 picture (an unlabelled image)",
        "clinic: 1 line that does not join two cards (an unlabelled line)",
    ]


def test_shapes_in_groups_are_placed_and_labels_on_lines_join_the_label(tmp_path: Path) -> None:
    lane = "swimlane;horizontal=0;"
    path = write(
        tmp_path,
        model(
            shape("l1", "1", 0, 0, 400, 100, value="Backstage", style=lane),
            shape("g", "l1", 40, 20, 200, 60, style="group;"),
            shape("a", "g", 0, 0, 60, 40, value="Pulls list"),
            shape("b", "g", 140, 0, 60, 40, value="Chases"),
            line("e", "a", "b", value="then"),
            '<mxCell id="lbl" value="weekly" style="edgeLabel;html=1;" parent="e" vertex="1">'
            '<mxGeometry x="-0.2" relative="1" as="geometry"/></mxCell>',
            # Drawn on the page, not in the lane, but over it: it goes in the lane.
            shape("c", "1", 300, 30, 60, 40, value="Files results"),
        ),
    )
    plan = read_drawio(path)
    [blueprint] = plan.blueprints
    assert [card.text for card in blueprint.cards] == ["Pulls list", "Chases", "Files results"]
    assert [card.step for card in blueprint.cards] == [0, 1, 2]
    assert [c.label for c in blueprint.connectors] == ["then weekly"]
    assert plan.skipped == []


def test_a_user_object_carries_its_label(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        model(
            shape("l1", "1", 0, 0, 400, 100, value="Support", style="swimlane;"),
            '<UserObject label="Triage &lt;b&gt;call&lt;/b&gt;" owner="Ann" id="u">'
            '<mxCell style="html=1;" parent="l1" vertex="1">'
            '<mxGeometry x="40" y="30" width="80" height="40" as="geometry"/>'
            "</mxCell></UserObject>",
        ),
    )
    [blueprint] = read_drawio(path).blueprints
    assert blueprint.lanes[0].kind == LaneKind.SUPPORT_PROCESSES
    assert [(card.text, card.key) for card in blueprint.cards] == [("Triage call", "u")]


def test_a_page_without_swimlanes_is_reported(tmp_path: Path) -> None:
    lanes = corpus_model("swimlanes.drawio")
    flowchart = model(shape("a", "1", 0, 0, value="Start"), shape("b", "1", 200, 0))
    path = write(
        tmp_path,
        f'<mxfile><diagram name="Lanes">{lanes}</diagram>'
        f'<diagram name="Sketch">{flowchart}</diagram></mxfile>',
    )
    plan = read_drawio(path)
    assert [b.name for b in plan.blueprints] == ["Lanes"]
    assert plan.skipped == ["Sketch: no swimlanes; 2 shapes and lines not brought in"]


def test_the_plan_builds_into_a_project(tmp_path: Path) -> None:
    plan: ImportPlan = read_drawio(DATA / "cross-functional-2.drawio")
    project_file = ProjectFile.new("Import")
    try:
        result = build_plan(project_file.project, plan)
        [blueprint_id] = result.blueprint_ids
        blueprint = next(b for b in project_file.project.blueprints if b.id == blueprint_id)
        assert blueprint.name == "cross-functional-2"
        assert [lane.title for lane in blueprint.lanes] == ["Lane 1", "Lane 2", "Lane 3"]
        assert sum(len(lane.cards) for lane in blueprint.lanes) == 13
        assert len(blueprint.connectors) == 14
        assert (result.cards, result.connectors, result.skipped) == (13, 14, [])
    finally:
        project_file.close()


def test_progress_is_reported_and_ends_at_the_total(tmp_path: Path) -> None:
    lane = "swimlane;horizontal=0;"
    cards = [shape(f"c{n}", "l1", 100 * n, 20, 60, 40, value=f"Card {n}") for n in range(600)]
    path = write(tmp_path, model(shape("l1", "1", 0, 0, 60_100, 100, style=lane), *cards))
    seen: list[tuple[int, int]] = []
    plan = read_drawio(path, progress=lambda done, total: seen.append((done, total)))
    assert len(plan.blueprints[0].cards) == 600
    assert len(plan.blueprints[0].steps) == 600
    assert len(seen) >= 2
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)


def test_headers_above_the_lanes_title_steps_and_name_stages(tmp_path: Path) -> None:
    """The usual hand-drawn blueprint: a stage header over two steps, step headers over
    each column of cards, lanes below; a note far off stays reported."""
    lane = "swimlane;horizontal=0;"
    header = "rounded=0;html=1;fillColor=#dae8fc;"
    path = write(
        tmp_path,
        model(
            shape("s1", "1", 100, 0, 250, 30, value="Booking", style=header),
            shape("s2", "1", 360, 0, 100, 30, value="&lt;b&gt;Check&lt;/b&gt;", style=header),
            shape("t1", "1", 100, 40, 100, 30, value="Receives letter", style=header),
            shape("t2", "1", 240, 40, 100, 30, value="Phones surgery", style=header),
            shape("t3", "1", 250, 40, 80, 30, value="A second title", style=header),
            shape("far", "1", 900, 40, 80, 30, value="Legend", style=header),
            shape("l1", "1", 0, 80, 600, 100, value="Customer", style=lane),
            shape("l2", "1", 0, 180, 600, 100, value="Backstage", style=lane),
            shape("a", "l1", 110, 30, value="Opens letter"),
            shape("b", "l1", 250, 30, value="Calls"),
            shape("c", "l2", 370, 30, value="Runs bloods"),
        ),
    )
    plan = read_drawio(path)
    [blueprint] = plan.blueprints
    steps = [(step.title, step.stage) for step in blueprint.steps]
    # "Check" covers one step only: it titles that step rather than naming a stage.
    assert steps == [
        ("Receives letter", "Booking"),
        ("Phones surgery", "Booking"),
        ("Check", ""),
    ]
    assert plan.skipped == [
        "diagram: 2 shapes outside every lane (“A second title”, “Legend”)",
    ]
    project_file = ProjectFile.new("Headers")
    try:
        [blueprint_id] = build_plan(project_file.project, plan).blueprint_ids
        made = next(b for b in project_file.project.blueprints if b.id == blueprint_id)
        assert [stage.title for stage in made.stages] == ["Booking"]
        assert [step.title for step in made.steps] == ["Receives letter", "Phones surgery", "Check"]
    finally:
        project_file.close()


def test_a_long_lane_title_is_cut_and_said_so(tmp_path: Path) -> None:
    title = "Backstage " + "x" * 990
    path = write(
        tmp_path,
        model(
            shape("l1", "1", 0, 0, 400, 100, value=title, style="swimlane;horizontal=0;"),
            shape("a", "l1", 40, 30, value="Files results"),
        ),
    )
    plan = read_drawio(path)
    assert len(plan.blueprints[0].lanes[0].title) == 200
    assert plan.skipped == ["diagram: a lane's title: cut to 200 of its 1,000 characters"]
