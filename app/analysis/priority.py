"""Which change candidates (opportunities) to start with: the priority rule of DOMAIN.md §5.

An exemplar initiative succeeds when senior management is interested, operational teams
are willing and have capacity, and the team has the capability. A candidate that lacks
any of the three is not ranked: it must *prepare the ground first*. The others are ranked
by a priority score that weighs how severe the problem is and whether it falls on an
underserved group as well as how many people it reaches, so a severe problem of a small,
badly served group is not ranked below a mild problem of a large one.

The rule, exactly (``RULE_TEXT`` says the same in words; the README and Help show it):

- A condition (``management_interest``, ``operational_capacity``, ``capability``, each
  0-5) is met at ``CONDITION_MET`` (3) or more. Any condition unmet or unscored: not
  ranked (rank None), with each missing condition named and said to be low or unscored.
- ``severity``: the highest severity (1-5) of the candidate's linked pain points that are
  not resolved; 1 when it has none.
- ``people``: the candidate's own people affected, else the largest number among those
  open pain points, else 0.
- ``need = severity × vulnerability × reach``, where vulnerability is
  ``UNDERSERVED_WEIGHT`` (1.5) when an underserved group is named on the candidate or on
  any of those open pain points (else 1) and ``reach = 1 + log10(1 + people)``.
- ``benefit = need × (1 + impact) / 6`` (impact 0-5; unscored counts as 0).
- ``effort factor = 1 - effort / 10`` (effort 0-5; unscored counts as 5): each point of
  effort takes a tenth off.
- ``score = benefit × effort factor``.
- ``feasibility = mean of the three conditions (unscored counts as 0) × effort factor``,
  from 0 to 5: the horizontal axis of the prioritisation matrix, whose vertical axis is
  the benefit.
- Ranked candidates are ordered by score, highest first; scores equal to one decimal
  place are a tie, broken by quick win first, then lower effort, then title (then id).
  Candidates that must prepare the ground follow, fewest missing conditions first, then
  in the same order.

Everything here is plain Python over plain values; ``Candidate.of`` reads one from an
``Opportunity`` of the model.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.model.method import Opportunity

CONDITION_MET = 3
UNDERSERVED_WEIGHT = 1.5
SCORE_TOP = 5
LOWEST_SEVERITY = 1
FEASIBILITY_LINE = 2.5  # the matrix's vertical divide: the middle of the 0-5 scale

# The three conditions, in the words a service manager uses.
CONDITIONS: tuple[tuple[str, str], ...] = (
    ("management_interest", "senior management interest"),
    ("operational_capacity", "operational willingness and capacity"),
    ("capability", "team capability"),
)
PREPARE = "Prepare the ground first"

# The matrix's quadrants: (name, high benefit, high feasibility, what it means).
QUADRANTS: tuple[tuple[str, bool, bool, str], ...] = (
    ("Do first", True, True, "high benefit, feasible now"),
    ("Plan", True, False, "high benefit, needs more effort or readiness"),
    ("Fit in", False, True, "smaller benefit, easy to do"),
    ("Reconsider", False, False, "smaller benefit, harder to do"),
)

RULE_TEXT = """\
Stagecraft ranks opportunities (change candidates) by one rule, the same in the
Opportunities dock, the prioritisation matrix and the opportunities report (Help → How
Opportunities Are Ranked shows it too).

1. **Three conditions first.** A pilot or exemplar succeeds when senior management is
   interested, operational teams are willing and have capacity, and the team has the
   capability. Each is scored 0–5 and is met at 3 or more. A candidate with any condition
   low or not scored is not ranked: it is listed as **Prepare the ground first**, naming
   what is missing and whether it is low or not scored yet.
2. **Need, not only head-count.** Need = severity × vulnerability × reach. Severity is
   the highest of the pain points the candidate answers (1–5; resolved ones do not count;
   1 when none is open). Vulnerability is 1.5 when an underserved group is named on the
   candidate or on any of those pain points, else 1. Reach is 1 + log10(1 + people
   affected), taking the candidate's own figure, else the largest of its pain points',
   else 0. So head-count counts only logarithmically, and a severity-5 problem of 20
   people in an underserved group (need 17.4) ranks above a severity-2 problem of 5,000
   people (need 9.4).
3. **Benefit and effort.** Benefit = need × (1 + impact) / 6, impact 0–5 (not scored
   counts as 0). Priority score = benefit × (1 − effort / 10), effort 0–5 (not scored
   counts as 5): each point of effort takes a tenth off.
4. **Order.** Highest score first. Scores equal to one decimal place are a tie: a quick
   win goes first, then the one with less effort, then by title. Candidates that must
   prepare the ground come after, those missing fewest conditions first.
5. **The matrix.** Benefit is plotted up, feasibility across. Feasibility is the mean of
   the three conditions × (1 − effort / 10), from 0 to 5. The lines divide at
   feasibility 2.5 and at half the highest benefit: *Do first* (top right), *Plan* (top
   left), *Fit in* (bottom right), *Reconsider* (bottom left). Quick wins, which can ship
   while bigger changes are funded, are marked, and so are exemplars.
"""


@dataclass(frozen=True, slots=True)
class PainInput:
    """What the rule reads of one linked pain point."""

    severity: int
    people_affected: int | None = None
    underserved_group: str = ""
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the rule reads of one opportunity."""

    id: str
    title: str
    management_interest: int | None = None
    operational_capacity: int | None = None
    capability: int | None = None
    impact: int | None = None
    effort: int | None = None
    people_affected: int | None = None
    underserved_group: str = ""
    quick_win: bool = False
    exemplar: bool = False
    pain_points: tuple[PainInput, ...] = ()

    @classmethod
    def of(cls, opportunity: Opportunity) -> Candidate:
        return cls(
            id=opportunity.id,
            title=opportunity.title,
            management_interest=opportunity.management_interest,
            operational_capacity=opportunity.operational_capacity,
            capability=opportunity.capability,
            impact=opportunity.impact,
            effort=opportunity.effort,
            people_affected=opportunity.people_affected,
            underserved_group=opportunity.underserved_group or "",
            quick_win=bool(opportunity.quick_win),
            exemplar=bool(opportunity.exemplar),
            pain_points=tuple(
                PainInput(
                    pain.severity,
                    pain.people_affected,
                    pain.underserved_group or "",
                    bool(pain.resolved),
                )
                for pain in opportunity.pain_points
            ),
        )


@dataclass(frozen=True, slots=True)
class MissingCondition:
    """A condition that is not met: low (scored under 3) or not scored."""

    field: str
    words: str
    value: int | None

    @property
    def unscored(self) -> bool:
        return self.value is None

    @property
    def state(self) -> str:
        return "not scored" if self.unscored else "low"

    @property
    def sentence(self) -> str:
        words = self.words[0].upper() + self.words[1:]
        if self.unscored:
            return f"{words} is not scored yet."
        return f"{words} is low ({self.value} of 5; it needs {CONDITION_MET} or more)."


@dataclass(frozen=True, slots=True)
class Priority:
    """Where one candidate stands under the rule, with its reasons."""

    id: str
    title: str
    rank: int | None
    score: float
    need: float
    benefit: float
    feasibility: float
    severity: int | None  # the highest severity of its open pain points; None: none
    people: int
    underserved: tuple[str, ...]  # the underserved groups it serves
    impact: int | None
    effort: int | None
    quick_win: bool
    exemplar: bool
    missing: tuple[MissingCondition, ...]
    reasons: tuple[str, ...]

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    @property
    def standing(self) -> str:
        """ "3", or "Prepare the ground first: needs senior management interest"."""
        if self.rank is not None:
            return str(self.rank)
        return f"{PREPARE}: needs {joined([m.words for m in self.missing])}"

    @property
    def missing_text(self) -> str:
        """Each missing condition with whether it is low or not scored yet."""
        return joined([f"{m.words} ({m.state})" for m in self.missing])


def joined(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    # A serial comma where a part has its own "and": "capacity, and team capability".
    last = ", and " if any(" and " in w for w in words) else " and "
    return f"{', '.join(words[:-1])}{last}{words[-1]}"


# -- the parts of the rule ------------------------------------------------------------------


def missing_conditions(candidate: Candidate) -> tuple[MissingCondition, ...]:
    """The conditions that are low or not scored, in the order of ``CONDITIONS``."""
    missing = []
    for field, words in CONDITIONS:
        value = getattr(candidate, field)
        if value is None or value < CONDITION_MET:
            missing.append(MissingCondition(field, words, value))
    return tuple(missing)


def reach(people: int) -> float:
    """1 for nobody (or not known), 2 for 9 people, 4 for 999: head-count, logarithmically."""
    return 1 + math.log10(1 + max(0, people))


def need_of(severity: int, people: int, underserved: bool) -> float:
    return severity * (UNDERSERVED_WEIGHT if underserved else 1) * reach(people)


def effort_factor(effort: int | None) -> float:
    return 1 - (SCORE_TOP if effort is None else effort) / 10


def benefit_of(need: float, impact: int | None) -> float:
    return need * (1 + (impact or 0)) / (SCORE_TOP + 1)


def feasibility_of(
    management_interest: int | None,
    operational_capacity: int | None,
    capability: int | None,
    effort: int | None,
) -> float:
    readiness = ((management_interest or 0) + (operational_capacity or 0) + (capability or 0)) / 3
    return readiness * effort_factor(effort)


def shown(value: float) -> float:
    """A score as it is shown and compared: to one decimal place."""
    return round(value + 1e-9, 1)


def assess(candidate: Candidate) -> Priority:
    """One candidate under the rule, not yet ranked among others (``rank`` None)."""
    open_pains = [p for p in candidate.pain_points if not p.resolved]
    severity = max((p.severity for p in open_pains), default=None)
    if candidate.people_affected is not None:
        people = candidate.people_affected
    else:
        people = max((p.people_affected or 0 for p in open_pains), default=0)
    groups = [candidate.underserved_group.strip()] + [
        p.underserved_group.strip() for p in open_pains
    ]
    underserved = tuple(dict.fromkeys(g for g in groups if g))
    need = need_of(severity or LOWEST_SEVERITY, people, bool(underserved))
    benefit = benefit_of(need, candidate.impact)
    factor = effort_factor(candidate.effort)
    missing = missing_conditions(candidate)
    priority = Priority(
        id=candidate.id,
        title=candidate.title,
        rank=None,
        score=benefit * factor,
        need=need,
        benefit=benefit,
        feasibility=feasibility_of(
            candidate.management_interest,
            candidate.operational_capacity,
            candidate.capability,
            candidate.effort,
        ),
        severity=severity,
        people=people,
        underserved=underserved,
        impact=candidate.impact,
        effort=candidate.effort,
        quick_win=candidate.quick_win,
        exemplar=candidate.exemplar,
        missing=missing,
        reasons=(),
    )
    return _with_reasons(priority, candidate, linked=len(candidate.pain_points))


def _sort_key(priority: Priority) -> tuple:
    effort = SCORE_TOP if priority.effort is None else priority.effort
    return (
        -shown(priority.score),
        not priority.quick_win,
        effort,
        priority.title.casefold(),
        priority.id,
    )


def prioritise(items: Iterable[Candidate | Opportunity]) -> list[Priority]:
    """Every candidate under the rule: the ranked ones in rank order (1, 2, …), then those
    that must prepare the ground first (rank None), fewest missing conditions first."""
    assessed = [assess(i if isinstance(i, Candidate) else Candidate.of(i)) for i in items]
    ready = sorted((p for p in assessed if not p.missing), key=_sort_key)
    waiting = sorted(
        (p for p in assessed if p.missing), key=lambda p: (len(p.missing), *_sort_key(p))
    )
    ranked = [_ranked(p, number) for number, p in enumerate(ready, start=1)]
    return ranked + waiting


def _ranked(priority: Priority, rank: int) -> Priority:
    reasons = (f"Ranked {rank} with a priority score of {shown(priority.score):.1f}.",)
    return replace(priority, rank=rank, reasons=reasons + priority.reasons)


# -- the matrix ---------------------------------------------------------------------------------


def benefit_line(priorities: Iterable[Priority]) -> float:
    """The matrix's horizontal divide: half the highest benefit among ranked candidates."""
    return max((p.benefit for p in priorities if p.ranked), default=0.0) / 2


def benefit_axis(priorities: Iterable[Priority], ticks: int = 5) -> tuple[float, float]:
    """The matrix's benefit axis, the same on screen and in print: its top and its step (a
    round 1, 2, 2.5 or 5 times a power of ten, at most ``ticks`` steps), just above the
    highest benefit among ranked candidates."""
    largest = max((p.benefit for p in priorities if p.ranked), default=0.0) * 1.06
    if largest <= 0:
        return 4.0, 1.0
    power = 10.0 ** math.floor(math.log10(largest / ticks))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if largest / (f * power) <= ticks)
    return math.ceil(largest / step - 1e-9) * step, step


def quadrant(priority: Priority, line: float) -> str:
    """The name of the matrix quadrant a ranked candidate falls in (on a line counts as
    high)."""
    high_benefit = priority.benefit >= line
    feasible = priority.feasibility >= FEASIBILITY_LINE
    return next(name for name, b, f, _meaning in QUADRANTS if (b, f) == (high_benefit, feasible))


# -- the reasons, in sentences ----------------------------------------------------------------


def _score_words(value: int | None, name: str, unscored: str) -> str:
    return f"{name} not scored yet ({unscored})" if value is None else f"{name} {value} of 5"


def _with_reasons(priority: Priority, candidate: Candidate, linked: int) -> Priority:
    reasons: list[str] = []
    if priority.missing:
        reasons.append(f"{PREPARE}: it is not ranked until all three conditions are met.")
        reasons += [m.sentence for m in priority.missing]
    else:
        scores = ", ".join(f"{words} {getattr(candidate, field)}" for field, words in CONDITIONS)
        reasons.append(f"All three conditions are met ({scores}).")
    if priority.severity is not None:
        reasons.append(f"Its most severe open pain point has severity {priority.severity} of 5.")
    elif linked:
        reasons.append("Its pain points are all resolved, so severity counts as 1.")
    else:
        reasons.append("No pain point is linked to it, so severity counts as 1.")
    if priority.underserved:
        groups = joined(priority.underserved)
        kind = "an underserved group" if len(priority.underserved) == 1 else "underserved groups"
        reasons.append(f"It serves {kind} ({groups}), so need counts {UNDERSERVED_WEIGHT:g} times.")
    if priority.people:
        reasons.append(f"About {priority.people:,} people are affected.")
    else:
        reasons.append("How many people are affected is not recorded.")
    impact = _score_words(priority.impact, "Impact", "counts as 0")
    effort = _score_words(priority.effort, "effort", "counts as 5")
    reasons.append(f"{impact}; {effort} (less effort ranks higher).")
    reasons.append(
        f"Need {priority.need:.1f}, benefit {priority.benefit:.1f}, "
        f"feasibility {priority.feasibility:.1f} of 5."
    )
    if priority.quick_win:
        reasons.append("Quick win: it can ship while bigger changes are funded.")
    if priority.exemplar:
        reasons.append("Exemplar: a pilot others can learn from.")
    return replace(priority, reasons=tuple(reasons))
