"""How each cost grows with the cards: the time per card from one size to the next, and the
exponent k of time ~ n^k fitted over every size measured (least squares on log-log).

A cost whose exponent is above LINEAR_LIMIT grows worse than linearly: a bug to find.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from bench.harness import Figure

LINEAR_LIMIT = 1.15  # above this fitted exponent, a cost grows worse than linearly
FLAT_LIMIT = 0.25  # below it, a cost does not grow with the map (a frame, an edit)


def exponent(points: list[tuple[int, float]]) -> float:
    """The slope of log(value) against log(cards) fitted over ``points`` (cards, value)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(value, 1e-9)) for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        raise ValueError("an exponent needs at least two different sizes")
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def per_card_steps(points: list[tuple[int, float]]) -> list[float]:
    """For each size after the first, its value per card over the previous size's."""
    return [(b / n_b) / (a / n_a) for (n_a, a), (n_b, b) in itertools.pairwise(points)]


def verdict(k: float) -> str:
    if k > LINEAR_LIMIT:
        return "WORSE THAN LINEAR"
    if k < FLAT_LIMIT:
        return "flat"
    return "linear" if k > 0.85 else "sub-linear"


@dataclass
class Growth:
    cost: str
    figures: list[Figure]

    @property
    def points(self) -> list[tuple[int, float]]:
        return [(f.cards, f.seconds) for f in self.figures]

    @property
    def floor_points(self) -> list[tuple[int, float]]:
        return [(f.cards, f.floor_seconds) for f in self.figures]

    @property
    def exponent(self) -> float:
        return exponent(self.points)

    @property
    def worse_than_linear(self) -> bool:
        return self.exponent > LINEAR_LIMIT

    def row(self) -> str:
        first = self.figures[0]
        cards = " / ".join(f"{f.cards:,}" for f in self.figures)
        values = " / ".join(first.amount(f.seconds).split()[0] for f in self.figures)
        unit = first.amount(0).split()[1]
        steps = ", ".join(f"{step:.2f}x" for step in per_card_steps(self.points))
        floor = exponent(self.floor_points)
        return (
            f"| {self.cost} | {cards} | {values} {unit} | {steps} | {self.exponent:.2f} "
            f"| {floor:.2f} | {verdict(self.exponent)} |"
        )


def growths(figures: list[Figure]) -> list[Growth]:
    """The costs measured at two sizes or more, in the order first met, sizes ascending."""
    by_cost: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.cost and figure.cards > 0:
            by_cost.setdefault(figure.cost, []).append(figure)
    found = []
    for cost, group in by_cost.items():
        group = sorted(group, key=lambda f: f.cards)
        if len({f.cards for f in group}) >= 2:
            found.append(Growth(cost, group))
    return found


GROWTH_HEADER = (
    "| cost | cards | value at each size | value per card against the size before "
    "| exponent k (value ~ cards^k) | floor's k | growth |\n"
    "| --- | --- | --- | --- | ---: | ---: | --- |"
)


def growth_table(figures: list[Figure]) -> str:
    """The growth section: a row per cost, then a line naming the costs worse than linear."""
    found = growths(figures)
    if not found:
        return "### Growth with the cards\n\nno cost was measured at two sizes\n"
    worse = [g.cost for g in found if g.worse_than_linear]
    summary = (
        f"worse than linear (k > {LINEAR_LIMIT}): {', '.join(worse)}"
        if worse
        else f"every cost grows at most linearly (k <= {LINEAR_LIMIT})"
    )
    return "\n".join(
        [
            "### Growth with the cards",
            "",
            GROWTH_HEADER,
            *(g.row() for g in found),
            "",
            summary,
            "",
        ]
    )
