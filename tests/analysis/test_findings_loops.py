"""Rework loops (cycles of connectors) and the longest chain of waiting through wait
points, found on the condensation of the connector graph."""

from findings_builder import Map, project_file

from app.analysis.finding_types import duration
from app.analysis.findings import FindingKind, analyse


def of(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def test_each_loop_of_connectors_is_a_rework_loop() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        sent = journey.card("back", "One", "Form sent")
        checked = journey.card("back", "Two", "Form checked")
        returned = journey.card("back", "Three", "Form returned")
        other = journey.card("front", "Four", "Asks again")
        journey.connect(sent, checked, returned, sent)
        journey.connect(checked, other, checked)
        [loop] = of(analyse(opened.session), FindingKind.REWORK_LOOP)
        assert loop.title == "Rework loop through “Form sent”"
        assert loop.sentence.startswith(
            "Work goes round in a loop: “Form sent” → “Form checked” → “Form returned” → "
            "back to “Form sent”."
        )
        assert loop.sentence.endswith("4 cards take part in this loop in all.")
        assert [i.id for i in loop.items] == [sent.id, checked.id, returned.id, other.id]


def test_the_longest_chain_of_waiting_adds_the_wait_points_along_a_path() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        start = journey.card("customer", "One", "Refers")
        letter = journey.card("back", "Two", "Letter queue", wait_point=True, duration_minutes=90)
        hold = journey.card("customer", "Three", "On hold", wait_point=True, duration_minutes=20)
        queue = journey.card("customer", "Three", "Queue", wait_point=True, duration_minutes=60)
        lab = journey.card("back", "Four", "Lab", wait_point=True)  # no duration given
        end = journey.card("customer", "Five", "Told")
        journey.connect(start, letter, hold, end)  # 110 minutes
        journey.connect(start, queue, lab, end)  # 60 minutes and one unknown
        [chain] = of(analyse(opened.session), FindingKind.WAITING_CHAIN)
        assert [i.id for i in chain.items] == [letter.id, hold.id]
        assert chain.title == f"Longest wait: {duration(110)}"
        assert chain.sentence == (
            "The longest chain of waiting runs through 2 wait points along the connectors: "
            f"“Letter queue” ({duration(90)}) then “On hold” ({duration(20)}), "
            f"{duration(110)} in all."
        )


def test_a_wait_inside_a_loop_counts_once_and_unknown_waits_are_said() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        a = journey.card("back", "One", "Sent", wait_point=True, duration_minutes=30)
        b = journey.card("back", "Two", "Checked")
        c = journey.card("back", "Three", "Courier", wait_point=True)
        journey.connect(a, b, a)
        journey.connect(b, c)
        journey.card("customer", "Three", "Apart", wait_point=True, duration_minutes=10)
        [chain] = of(analyse(opened.session), FindingKind.WAITING_CHAIN)
        assert [i.id for i in chain.items] == [a.id, c.id]
        assert chain.sentence.endswith(
            f"{duration(30)} in all. 1 wait on it has no duration yet, so the real wait is longer."
        )


def test_durations_read_as_a_person_says_them() -> None:
    assert [duration(m).replace("\u00a0", " ") for m in (0, 45, 60, 85, 1500)] == [
        "0 min",
        "45 min",
        "1 h",
        "1 h 25 min",
        "1 day 1 h",
    ]
