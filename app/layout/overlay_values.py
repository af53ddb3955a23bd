"""The small values the pain-point overlay counts in: waiting time summed over wait points,
the perspective filter's names, the kinds of evidence gap and the sweet spot's threshold.

The overlay's index (overlay_index.py) and its data for print (overlay.py) share them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.model.kinds import Perspective

SWEET_SPOT_AT = 4
NO_EVIDENCE = "no evidence"
ASSUMPTIONS_ONLY = "assumptions only"
GAP_LABELS = {NO_EVIDENCE: "No evidence", ASSUMPTIONS_ONLY: "Assumptions only"}


def parse_perspective(value: Perspective | str | None) -> Perspective | None:
    """A perspective from its name ("service user", "service-user", "staff", "partner");
    None or "all" for every perspective. Raises ValueError naming the choices."""
    if value is None or isinstance(value, Perspective):
        return value
    text = " ".join(str(value).replace("-", " ").replace("_", " ").lower().split())
    if text in ("", "all"):
        return None
    try:
        return Perspective(text)
    except ValueError:
        choices = ", ".join(p.value for p in Perspective)
        raise ValueError(f"unknown perspective {value!r}; choose {choices}") from None


def format_minutes(minutes: int) -> str:
    """A waiting time in plain words: "45 min", "3 h 20 min", "2 days 4 h"."""
    minutes = max(0, int(minutes))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days} day{'s' if days != 1 else ''}"
        return f"{text} {hours} h" if hours else text
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


@dataclass(frozen=True, slots=True)
class WaitTotal:
    """Waiting summed over some wait points; ``untimed`` of them have no duration."""

    minutes: int = 0
    count: int = 0
    untimed: int = 0

    @classmethod
    def of(cls, minutes: int | None) -> WaitTotal:
        """One wait point's waiting (``None``: no time recorded)."""
        return cls(minutes or 0, 1, 1 if minutes is None else 0)

    def __add__(self, other: WaitTotal) -> WaitTotal:
        return WaitTotal(
            self.minutes + other.minutes, self.count + other.count, self.untimed + other.untimed
        )

    def __sub__(self, other: WaitTotal) -> WaitTotal:
        return WaitTotal(
            self.minutes - other.minutes, self.count - other.count, self.untimed - other.untimed
        )

    @property
    def time(self) -> str:
        """The summed time ("3 h 20 min"), or a question mark when none was recorded."""
        if self.count and self.untimed == self.count:
            return "no time"
        return format_minutes(self.minutes)

    @property
    def summary(self) -> str:
        """One line for the whole journey: "Waiting: 3 h 20 min across 4 wait points"."""
        if not self.count:
            return "No wait points"
        points = f"{self.count} wait point{'s' if self.count != 1 else ''}"
        if self.untimed == self.count:
            return f"Waiting: {points}, no times recorded"
        text = f"Waiting: {format_minutes(self.minutes)} across {points}"
        if self.untimed:
            text += f" ({self.untimed} without a time)"
        return text
