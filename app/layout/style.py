"""Sizes of the blueprint layout, in scene units (one unit is one PDF point)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutStyle:
    font_size: float = 9.5
    line_height: float = 12.0
    hint_size: float = 7.5
    hint_line_height: float = 9.5
    card_width: float = 150.0
    card_padding: float = 6.0
    card_gap: float = 6.0
    min_card_height: float = 30.0
    cell_padding: float = 10.0
    lane_title_width: float = 140.0
    lane_title_size: float = 10.5
    min_lane_height: float = 64.0
    stage_header_height: float = 24.0
    step_header_height: float = 40.0
    header_size: float = 9.5
    stage_size: float = 10.5
    # Text may use this share of the card's inner width: about 1% slack, so that the small
    # differences between Qt's and reportlab's advances never push a word out of its card.
    text_slack: float = 0.99

    @property
    def column_width(self) -> float:
        return self.card_width + 2 * self.cell_padding

    @property
    def text_width(self) -> float:
        return (self.card_width - 2 * self.card_padding) * self.text_slack

    @property
    def header_height(self) -> float:
        return self.stage_header_height + self.step_header_height


DEFAULT_STYLE = LayoutStyle()
