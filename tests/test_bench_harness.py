"""The benchmark harness's arithmetic and text on made-up figures: the growth of each cost
with the cards, the table rows, the targets missed (no timing here)."""

from __future__ import annotations

import pytest

from bench.growth import exponent, growth_table, growths, per_card_steps
from bench.harness import Figure, missed_line, report, sizes_and_runs, table

SIZES = (500, 2_000, 10_000)


def figures_of(cost: str, seconds: list[float], floors: list[float] | None = None) -> list[Figure]:
    floors = floors or [0.001] * len(seconds)
    return [
        Figure(f"{cost}, {n:,} cards", s, "floor", f, cost=cost, cards=n)
        for n, s, f in zip(SIZES, seconds, floors, strict=True)
    ]


def test_exponent_of_linear_quadratic_and_flat_costs() -> None:
    assert exponent([(500, 0.01), (2_000, 0.04), (10_000, 0.2)]) == pytest.approx(1.0)
    assert exponent([(500, 0.01), (2_000, 0.16), (10_000, 4.0)]) == pytest.approx(2.0)
    assert exponent([(500, 0.005), (2_000, 0.005), (10_000, 0.005)]) == pytest.approx(0.0)


def test_exponent_needs_two_sizes() -> None:
    with pytest.raises(ValueError, match="two different sizes"):
        exponent([(2_000, 0.1), (2_000, 0.2)])


def test_time_per_card_against_the_size_before() -> None:
    steps = per_card_steps([(500, 0.01), (2_000, 0.08), (10_000, 0.4)])
    assert steps == pytest.approx([2.0, 1.0])


def test_growth_table_names_each_cost_and_flags_the_quadratic_one() -> None:
    figures = (
        figures_of("open + load", [0.02, 0.08, 0.4], floors=[0.002, 0.008, 0.04])
        + figures_of("delete a blueprint", [0.01, 0.16, 4.0])
        + figures_of("canvas frame, 100% panning", [0.004, 0.004, 0.0041])
        + [Figure("peak RSS, 10,000 cards", 330, "bare", 130, cost="peak RSS", cards=10_000)]
    )
    text = growth_table(figures)
    lines = text.splitlines()
    assert lines[0] == "### Growth with the cards"
    assert (
        "| open + load | 500 / 2,000 / 10,000 | 20.0 / 80.0 / 400.0 ms | 1.00x, 1.00x "
        "| 1.00 | 1.00 | linear |" in lines
    )
    assert (
        "| delete a blueprint | 500 / 2,000 / 10,000 | 10.0 / 160.0 / 4,000.0 ms "
        "| 4.00x, 5.00x | 2.00 | 0.00 | WORSE THAN LINEAR |" in lines
    )
    panning = next(line for line in lines if line.startswith("| canvas frame, 100% panning"))
    assert panning.endswith("| flat |")
    assert not any(line.startswith("| peak RSS") for line in lines)  # one size: no growth
    assert lines[-1] == "worse than linear (k > 1.15): delete a blueprint"


def test_growth_table_says_when_every_cost_is_at_most_linear() -> None:
    text = growth_table(figures_of("save", [0.005, 0.015, 0.06]))
    assert "every cost grows at most linearly (k <= 1.15)" in text
    assert "sub-linear" in text


def test_growths_sort_each_cost_by_cards() -> None:
    shuffled = list(reversed(figures_of("load (ORM)", [0.01, 0.04, 0.2])))
    (growth,) = growths(shuffled)
    assert [f.cards for f in growth.figures] == list(SIZES)


def test_table_rows_show_time_floor_ratio_target_and_verdict() -> None:
    figures = [
        Figure("open + load 2,000 cards", 0.0884, "raw sqlite3 read", 0.0061, "< 1000 ms", True),
        Figure(
            "edit: undo a move, 10,000 cards", 0.0123, "raw SQL update", 0.000016, "< 10 ms", False
        ),
        Figure("peak RSS, 10,000 cards", 360.2, "bare items", 130.4, "< 500 MB", True, unit="MB"),
    ]
    text = table("Some figures", figures, "2026-12-07 10:00 UTC, commit abc, a machine")
    lines = text.splitlines()
    assert lines[:3] == ["### Some figures", "", "2026-12-07 10:00 UTC, commit abc, a machine"]
    assert (
        "| open + load 2,000 cards | 88.4 ms | raw sqlite3 read | 6.1 ms | 14.5x "
        "| < 1000 ms | yes |" in lines
    )
    assert (
        "| edit: undo a move, 10,000 cards | 12.3 ms | raw SQL update | 0.016 ms | 768.8x "
        "| < 10 ms | NO |" in lines
    )
    assert (
        "| peak RSS, 10,000 cards | 360 MB | bare items | 130 MB | 2.8x | < 500 MB | yes |" in lines
    )


def test_report_prints_the_table_without_recording_it(capsys: pytest.CaptureFixture[str]) -> None:
    text = report("Made up", figures_of("save", [0.005, 0.015, 0.06]), record=False)
    printed = capsys.readouterr().out
    assert printed.strip() == text.strip()
    assert "| save, 10,000 cards | 60.0 ms | floor | 1.0 ms | 60.0x |  |  |" in printed


def test_missed_line_names_each_missed_target_with_its_figure() -> None:
    met = Figure("save 10,000 cards", 0.05, "backup", 0.02, "< 200 ms", True)
    missed = Figure(
        "edit: move a card, 10,000 cards", 0.0125, "raw SQL update", 0.001, "< 10 ms", False
    )
    unchecked = Figure("load 10,000 cards (ORM)", 0.3, "raw read", 0.03)
    assert missed_line([met, unchecked]) == "every target met (1 checked)"
    assert missed_line([met, missed, unchecked]) == (
        "missed targets (1 of 2): edit: move a card, 10,000 cards (12.5 ms, target < 10 ms)"
    )


def test_quick_look_is_two_sizes_and_three_runs() -> None:
    assert sizes_and_runs(True) == ([500, 2_000], 3)
    assert sizes_and_runs(False) == ([500, 2_000, 10_000], 7)
    assert sizes_and_runs(False, [500, 5_000]) == ([500, 5_000], 7)
