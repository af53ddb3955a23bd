"""The priority rule of DOMAIN.md §5: the three conditions first, then need (severity,
vulnerability, head-count logarithmically), impact and effort; ties; quick wins; the
README and the help say the same rule."""

from dataclasses import replace
from pathlib import Path

import pytest

from app.analysis.priority import (
    FEASIBILITY_LINE,
    PREPARE,
    RULE_TEXT,
    Candidate,
    PainInput,
    assess,
    benefit_axis,
    benefit_line,
    need_of,
    prioritise,
    quadrant,
)

README = Path(__file__).resolve().parents[2] / "README.md"
READY = {"management_interest": 4, "operational_capacity": 4, "capability": 4}


def candidate(title: str, *pains: PainInput, **fields) -> Candidate:
    values = {**READY, "impact": 3, "effort": 2, **fields}
    return Candidate(id=f"id-{title}", title=title, pain_points=tuple(pains), **values)


def order(*candidates: Candidate) -> list[str]:
    return [p.title for p in prioritise(candidates)]


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("management_interest", "senior management interest"),
        ("operational_capacity", "operational willingness and capacity"),
        ("capability", "team capability"),
    ],
)
@pytest.mark.parametrize(("value", "state"), [(None, "not scored"), (2, "low"), (0, "low")])
def test_a_missing_condition_means_prepare_the_ground_first(field, words, value, state) -> None:
    waiting = candidate("Waiting", PainInput(5, 100, "Carers"), **{field: value}, impact=5)
    ready = candidate("Ready", PainInput(1), impact=0, effort=5)
    first, second = prioritise([waiting, ready])
    assert (first.title, first.rank) == ("Ready", 1)
    assert (second.title, second.rank) == ("Waiting", None)
    assert [(m.field, m.words, m.state) for m in second.missing] == [(field, words, state)]
    assert second.standing == f"{PREPARE}: needs {words}"
    assert second.missing_text == f"{words} ({state})"
    expected = (
        f"{words[0].upper()}{words[1:]} is not scored yet."
        if value is None
        else f"{words[0].upper()}{words[1:]} is low ({value} of 5; it needs 3 or more)."
    )
    assert expected in second.reasons
    assert second.reasons[0].startswith(PREPARE)


def test_three_is_enough_for_a_condition() -> None:
    (priority,) = prioritise(
        [candidate("Just", management_interest=3, operational_capacity=3, capability=3)]
    )
    assert priority.rank == 1 and priority.missing == ()
    assert priority.standing == "1"


def test_every_missing_condition_is_named_and_fewer_missing_comes_first() -> None:
    nothing = Candidate(id="a", title="Nothing scored yet")
    two = candidate("Two low", operational_capacity=1, capability=2)
    one = candidate("One low", management_interest=1)
    priorities = prioritise([nothing, two, one])
    assert [p.title for p in priorities] == ["One low", "Two low", "Nothing scored yet"]
    assert all(p.rank is None for p in priorities)
    assert priorities[1].standing == (
        f"{PREPARE}: needs operational willingness and capacity, and team capability"
    )
    assert priorities[2].missing_text == (
        "senior management interest (not scored), operational willingness and capacity "
        "(not scored), and team capability (not scored)"
    )


def test_a_small_severe_underserved_group_ranks_above_a_large_mild_one() -> None:
    small = candidate("Small severe", PainInput(5, 20, "People with severe mental illness"))
    large = candidate("Large mild", PainInput(2, 5000))
    first, second = prioritise([large, small])
    assert (first.title, first.rank, second.rank) == ("Small severe", 1, 2)
    assert first.need == pytest.approx(17.42, abs=0.01)
    assert second.need == pytest.approx(9.40, abs=0.01)
    assert "so need counts 1.5 times" in " ".join(first.reasons)
    # Head-count still counts: the same severity for more people ranks higher.
    assert order(candidate("Few", PainInput(3, 10)), candidate("Many", PainInput(3, 1000))) == [
        "Many",
        "Few",
    ]


def test_the_score_is_benefit_times_the_effort_factor() -> None:
    priority = assess(candidate("Sum", PainInput(4, 99), impact=2, effort=3))
    need = 4 * (1 + 2)  # log10(1 + 99) = 2
    assert priority.need == pytest.approx(need)
    assert priority.benefit == pytest.approx(need * 3 / 6)
    assert priority.score == pytest.approx(need * 3 / 6 * 0.7)
    assert priority.feasibility == pytest.approx(4 * 0.7)
    assert need_of(4, 99, underserved=True) == pytest.approx(need * 1.5)


def test_unscored_impact_and_effort_count_against_the_candidate() -> None:
    scored = candidate("Scored", PainInput(3), impact=0, effort=5)
    unscored = candidate("Unscored", PainInput(3), impact=None, effort=None)
    assert assess(unscored).score == pytest.approx(assess(scored).score)
    reasons = " ".join(assess(unscored).reasons)
    assert "Impact not scored yet (counts as 0)" in reasons
    assert "effort not scored yet (counts as 5)" in reasons


def test_the_underserved_group_may_be_named_on_the_opportunity_or_a_pain_point() -> None:
    plain = assess(candidate("Plain", PainInput(3, 50)))
    on_opportunity = assess(candidate("Own", PainInput(3, 50), underserved_group="Carers"))
    on_pain = assess(candidate("Pain", PainInput(3, 50, "Travellers")))
    assert on_opportunity.need == pytest.approx(plain.need * 1.5) == on_pain.need
    assert on_opportunity.underserved == ("Carers",)
    assert on_pain.underserved == ("Travellers",)


def test_resolved_pain_points_do_not_count() -> None:
    fixed = PainInput(5, 900, "Carers", resolved=True)
    open_one = PainInput(2, 10)
    priority = assess(candidate("Half done", fixed, open_one))
    assert priority.severity == 2 and priority.people == 10 and priority.underserved == ()
    assert priority.need == pytest.approx(2 * (1 + 1.0413926851582251))
    all_fixed = assess(candidate("All done", fixed))
    assert all_fixed.severity is None and all_fixed.need == pytest.approx(1.0)
    assert "Its pain points are all resolved, so severity counts as 1." in all_fixed.reasons
    none_linked = assess(candidate("Alone"))
    assert "No pain point is linked to it, so severity counts as 1." in none_linked.reasons


def test_the_opportunity_s_own_head_count_wins_over_its_pain_points() -> None:
    priority = assess(
        candidate("Own count", PainInput(3, 40), PainInput(2, 700), people_affected=9)
    )
    assert priority.people == 9
    assert assess(candidate("Largest", PainInput(3, 40), PainInput(2, 700))).people == 700


def test_ties_go_to_the_quick_win_then_less_effort_then_the_title() -> None:
    # Same need, impact and effort factor: the same score.
    pain = PainInput(3, 100)
    plain_b = candidate("B plain", pain)
    plain_a = candidate("A plain", pain)
    quick = candidate("Z quick", pain, quick_win=True)
    assert order(plain_b, plain_a, quick) == ["Z quick", "A plain", "B plain"]
    # Equal to one decimal place is a tie; then less effort goes first.
    low_effort = candidate("Low effort", PainInput(2, 0), impact=5, effort=0)  # 2.0
    high_effort = candidate("High effort", PainInput(5, 0), impact=1, effort=2)  # 5/3*0.8=1.33
    assert assess(low_effort).score != assess(high_effort).score
    tied_low = candidate("Y low", PainInput(4, 0), impact=2, effort=0)  # 4*3/6 = 2.0
    tied_high = candidate("X high", PainInput(5, 0), impact=2, effort=2)  # 5*3/6*0.8 = 2.0
    assert order(tied_high, tied_low) == ["Y low", "X high"]
    # The order never depends on the order the candidates came in.
    every = [plain_b, plain_a, quick, tied_low, tied_high, low_effort, high_effort]
    assert order(*every) == order(*reversed(every))


def test_quick_wins_and_exemplars_are_marked() -> None:
    quick, exemplar, plain = prioritise(
        [
            candidate("Quick", PainInput(5, 100), quick_win=True),
            candidate("Exemplar", PainInput(4, 100), exemplar=True),
            candidate("Plain", PainInput(1)),
        ]
    )
    assert (quick.quick_win, quick.exemplar) == (True, False)
    assert "Quick win: it can ship while bigger changes are funded." in quick.reasons
    assert (exemplar.quick_win, exemplar.exemplar) == (False, True)
    assert "Exemplar: a pilot others can learn from." in exemplar.reasons
    assert not any("Quick win" in r or "Exemplar" in r for r in plain.reasons)


def test_the_matrix_quadrants() -> None:
    strong = assess(candidate("Strong", PainInput(5, 1000), impact=5, effort=0))
    weak_easy = assess(candidate("Weak easy", PainInput(1), impact=0, effort=0))
    weak_hard = assess(candidate("Weak hard", PainInput(1), impact=0, effort=5, capability=3))
    ranked = prioritise(
        [
            candidate("Strong", PainInput(5, 1000), impact=5, effort=0),
            candidate("Weak easy", PainInput(1), impact=0, effort=0),
        ]
    )
    line = benefit_line(ranked)
    assert line == pytest.approx(strong.benefit / 2)
    assert quadrant(strong, line) == "Do first"
    assert quadrant(weak_easy, line) == "Fit in"
    assert weak_hard.feasibility < FEASIBILITY_LINE
    assert quadrant(weak_hard, line) == "Reconsider"
    hard_but_worth = assess(candidate("Worth it", PainInput(5, 1000), impact=5, effort=5))
    assert quadrant(hard_but_worth, line) == "Plan"
    assert benefit_line([]) == 0


@pytest.mark.parametrize(
    ("largest", "axis"),
    [
        (0, (4.0, 1.0)),
        (3.0, (4.0, 1.0)),
        (20.4, (25.0, 5.0)),
        (47, (50.0, 10.0)),
        (9.9, (12.5, 2.5)),
    ],
)
def test_the_benefit_axis_is_round(largest, axis) -> None:
    priority = replace(assess(candidate("Axis", PainInput(1))), rank=1, benefit=largest)
    assert benefit_axis([priority]) == axis
    top, step = axis
    assert top >= largest and top / step <= 5


def test_the_sample_s_opportunities(sample_file) -> None:
    priorities = prioritise(sample_file.project.opportunities)
    assert [(p.rank, p.title) for p in priorities] == [
        (1, "Quieter appointment times"),
        (2, "Follow-up call after the check"),
        (3, "Reminder by a trusted contact"),
        (None, "Plain-English invitation letter"),
        (None, "Shared record with the mental health trust"),
    ]
    assert priorities[3].standing == f"{PREPARE}: needs senior management interest"


def test_the_readme_and_the_help_say_the_same_rule() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.index("## How opportunities are ranked")
    assert section < text.index("## Command line")
    assert RULE_TEXT in text[section:]
    words = " ".join(RULE_TEXT.split())
    for part in ("1.5", "log10", "Prepare the ground first", "a quick win goes first", "Do first"):
        assert part in words
