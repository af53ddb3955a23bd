"""Text that tries to be code, put in every place a person types text, and a watch on
anything that would load what such text names (the network, file:// resources).

``hostile_project(session)`` builds the sample project and then writes the strings below
into cards (text and notes), lane titles, stage and step names, pain point descriptions,
opportunities, systems, data items, actors and comments, through the model's operations.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.model import ops_catalogue as catalogue
from app.model import ops_grid as ops
from app.model.ops_method import add_opportunity, add_pain_point
from app.model.sample import build_sample

HTML = '<b>bold</b><img src="http://example.invalid/x.png"><script>alert(1)</script>'
LINK = '<a href="file:///etc/passwd">passwd</a><img src="file:///etc/passwd">'
REPORTLAB = '<para><font color="red" size="40">red</font> &amp; &lt;x&gt; <br/></para>'
URLS = "see http://example.invalid/track and file:///etc/passwd now"
FORMATS = "{0} %s %(name)s {card.__class__} {{}} %n"
CONTROL = "bell\x07 escape\x1b[31m delete\x7f tab\there\x0bvt"
RTL = "invoice\u202egpj.exe \u2066isolated\u2069 \u200fmark"
NUL = "before\x00after"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
ENTITY = "&lt;b&gt;entity&lt;/b&gt; &amp; &#60;i&#62;"
# One megabyte of text (more than a card shows), with markup throughout.
BIG = ("<i>long</i> %s {x} & " * 60_000)[: 1024 * 1024]

TITLES = [
    HTML[:200],
    LINK,
    REPORTLAB,
    ENTITY,
    URLS,
    FORMATS,
    CONTROL,
    RTL,
    NUL,
    FORMULA,
    "+1+2",
    "-3",
    "@SUM(A1)",
    "\tstarts with a tab",
    "\rstarts with CR",
]
# Fragments that must come out exactly as typed wherever the text is shown in full.
LITERAL = [
    "<b>bold</b>",
    "<img src=",
    "<a href=",
    "<para>",
    "<font",
    "&amp;",
    "&lt;x&gt;",
    "{card.__class__}",
    "%(name)s",
    "file:///etc/passwd",
    "<script>",
    "&lt;b&gt;entity",
]
# Raw markup that, in text shown as rich text, would be interpreted.
MARKUP = ["<b>", "<img", "<a ", "<para", "<font", "<script", "<i>", "&#60;i"]
# What the entities of ENTITY become when they are wrongly decoded.
DECODED = ["<b>entity"]


def hostile_project(session: Session) -> None:
    build_sample(session)
    project = ops.get_project(session)
    project.description = URLS
    blueprint = project.blueprints[0]
    ops.edit(blueprint, name="<b>As-is</b> {0} %s")
    for lane, text in zip(blueprint.lanes, TITLES, strict=False):
        ops.edit(lane, title=text)
    for stage, text in zip(blueprint.stages, reversed(TITLES), strict=False):
        ops.edit(stage, title=text)
    for step, text in zip(blueprint.steps, TITLES[3:] + TITLES[:3], strict=False):
        ops.edit(step, title=text)
    cards = [card for lane in blueprint.lanes for card in lane.cards]
    texts = [HTML + " " + LINK, ENTITY, REPORTLAB, URLS, FORMATS, CONTROL, RTL, NUL, *TITLES]
    for card, text in zip(cards, texts, strict=False):
        ops.edit(card, text=text, notes=LINK + "\n" + REPORTLAB)
    ops.edit(cards[-1], text=BIG, notes=BIG)
    ops.edit(cards[-2], channel=HTML[:200])
    step = blueprint.steps[0]
    pains = [
        add_pain_point(
            cards[0], HTML + " " + LINK, 5, "service user", "interview", underserved_group=REPORTLAB
        ),
        add_pain_point(step, REPORTLAB + " " + FORMATS, 4, "staff", "assumption"),
        add_pain_point(cards[1], BIG, 3, "partner", "workshop"),
    ]
    add_opportunity(
        project,
        LINK,
        pains[:2],
        owner=HTML[:200],
        measure=FORMATS,
        management_interest=5,
        operational_capacity=5,
        capability=5,
        impact=5,
        effort=1,
    )
    system = catalogue.add_system(project, HTML[:200], [LINK, FORMATS], owner=REPORTLAB)
    catalogue.set_card_systems(cards[0], [system])
    actor = catalogue.add_actor(project, REPORTLAB, "staff role")
    catalogue.set_card_actor(cards[0], actor)
    for item in (cards[0], step, pains[0]):
        catalogue.add_comment(item, HTML[:200], LINK + " " + FORMATS)
    catalogue.add_comment(cards[1], "Reviewer", BIG)


@contextmanager
def nothing_loaded() -> Iterator[list[str]]:
    """Record every attempt to reach the network or to open a file that the hostile text
    names, while the block runs (Python's audit events: sockets, open(), urllib)."""
    attempts: list[str] = []
    _WATCHERS.append(attempts)
    try:
        yield attempts
    finally:
        _WATCHERS.remove(attempts)


_WATCHERS: list[list[str]] = []
_NAMED = ("/etc/passwd", "example.invalid")


def _audit(event: str, args: tuple) -> None:
    if not _WATCHERS:
        return
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request", "socket.gethostbyname"):
        for attempts in _WATCHERS:
            attempts.append(f"{event} {args!r:.200}")
    elif event == "open" and args and any(name in str(args[0]) for name in _NAMED):
        for attempts in _WATCHERS:
            attempts.append(f"open {args[0]!r}")


sys.addaudithook(_audit)
