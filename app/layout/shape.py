"""What the layout needs to know of a blueprint, as plain immutable values (no ORM objects),
so a layout can be computed, cached and compared without a database session."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LaneShape:
    id: str
    kind: str
    title: str
    height: float | None = None


@dataclass(frozen=True, slots=True)
class StageShape:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class StepShape:
    id: str
    title: str
    stage_id: str | None = None


@dataclass(frozen=True, slots=True)
class CardShape:
    id: str
    lane_id: str
    step_id: str
    position: int
    text: str
    hint: str = ""  # actor · channel · systems, drawn small under the text
    fail_point: bool = False
    wait_point: bool = False


@dataclass(frozen=True, slots=True)
class ConnectorShape:
    id: str
    source_id: str
    target_id: str
    kind: str = "flow"
    label: str = ""


@dataclass
class BlueprintShape:
    id: str
    name: str
    lanes: list[LaneShape] = field(default_factory=list)
    steps: list[StepShape] = field(default_factory=list)
    stages: list[StageShape] = field(default_factory=list)
    cards: dict[str, CardShape] = field(default_factory=dict)
    connectors: dict[str, ConnectorShape] = field(default_factory=dict)

    def cell(self, lane_id: str, step_id: str) -> list[CardShape]:
        found = [c for c in self.cards.values() if c.lane_id == lane_id and c.step_id == step_id]
        return sorted(found, key=lambda c: c.position)

    def cells(self) -> dict[tuple[str, str], list[CardShape]]:
        grouped: dict[tuple[str, str], list[CardShape]] = {}
        for card in self.cards.values():
            grouped.setdefault((card.lane_id, card.step_id), []).append(card)
        for cards in grouped.values():
            cards.sort(key=lambda c: c.position)
        return grouped
