"""Paste a block of spreadsheet cells onto the canvas: the text a spreadsheet puts on the
clipboard (rows of tab-separated cells) becomes a grid of cards from the target cell, its
rows as lanes or as steps, as the person chooses in a small dialog. Empty cells make no
card; cells past the map's last lane or step are added as new ones only when asked."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from app.editing.commands.paste import PasteBlockCommand
from app.model.structure import Card, Lane, Step
from app.ui.blueprint_editor import BlueprintEditor

Grid = list[list[str]]
MAX_CELLS = 500  # cards per paste, as for lines of text (clipboard.MAX_CARDS)
MAX_NEW = 200  # lanes or steps one paste may add


def parse_block(text: str) -> Grid | None:
    """The rows of cells of a spreadsheet's copied block, or None when ``text`` is not one
    (a single column: plain lines, pasted one card per line as before). A cell holding
    line breaks comes quoted, as Excel and LibreOffice write it."""
    if "\t" not in text:
        return None
    reader = csv.reader(io.StringIO(text), delimiter="\t", strict=False)
    rows = [[cell.strip() for cell in row] for row in reader]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    while width and not any(len(row) >= width and row[width - 1] for row in rows):
        width -= 1
    if width < 2:
        return None
    return [(row + [""] * width)[:width] for row in rows]


@dataclass
class Placement:
    """Where the block's cards go: (lane index, step index, text) of each, and what it
    takes or leaves out."""

    cells: list[tuple[int, int, str]]
    new_lanes: int
    new_steps: int
    outside: int  # non-empty cells past the map, not pasted
    lanes: int  # lanes and steps the cards are spread over
    steps: int

    def describe(self) -> str:
        cards, lanes, steps = len(self.cells), self.lanes, self.steps
        line = f"{_count(cards, 'card')} in {_count(lanes, 'lane')} and {_count(steps, 'step')}"
        added = [
            _count(number, word)
            for number, word in ((self.new_lanes, "new lane"), (self.new_steps, "new step"))
            if number
        ]
        if added:
            line += "; adds " + " and ".join(added)
        if self.outside:
            line += (
                f". {_count(self.outside, 'cell')} past the map's last lane or step "
                f"{'is' if self.outside == 1 else 'are'} left out"
            )
        return line + "."


def place(
    grid: Grid,
    rows_as_lanes: bool,
    anchor: tuple[int, int],
    size: tuple[int, int],
    extend: bool,
) -> Placement:
    """Put ``grid`` on a map of ``size`` = (lanes, steps) from ``anchor`` = (lane index,
    step index)."""
    lane0, step0 = anchor
    lane_count, step_count = size
    cells, outside = [], 0
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text:
                continue
            lane, step = (lane0 + r, step0 + c) if rows_as_lanes else (lane0 + c, step0 + r)
            if not extend and (lane >= lane_count or step >= step_count):
                outside += 1
                continue
            cells.append((lane, step, text))
    last_lane = max((lane for lane, _s, _t in cells), default=-1)
    last_step = max((step for _l, step, _t in cells), default=-1)
    return Placement(
        cells=cells,
        new_lanes=max(0, last_lane + 1 - lane_count),
        new_steps=max(0, last_step + 1 - step_count),
        outside=outside,
        lanes=len({lane for lane, _s, _t in cells}),
        steps=len({step for _l, step, _t in cells}),
    )


def paste_block(editor: BlueprintEditor, grid: Grid, target: tuple[str, str]) -> list[str]:
    """Ask how to lay ``grid`` out from the ``target`` cell, then paste it as one undo
    step and select the cards; return their ids ([] when cancelled or refused)."""
    from app.ui.paste_block_dialog import PasteBlockDialog  # the dialog imports place()

    session = editor.document.session
    lane, step = session.get(Lane, target[0]), session.get(Step, target[1])
    blueprint = editor.blueprint
    if lane is None or step is None or blueprint is None:
        return []
    anchor = (blueprint.lanes.index(lane), blueprint.steps.index(step))
    size = (len(blueprint.lanes), len(blueprint.steps))
    dialog = PasteBlockDialog(editor.window(), grid, anchor, size)
    placement = dialog.ask()
    if placement is None:
        return []
    if not placement.cells:
        editor.failed.emit("nothing to paste: every cell that fits on the map is empty")
        return []
    if len(placement.cells) > MAX_CELLS:
        editor.failed.emit(
            f"cannot paste {len(placement.cells):,} cells at once (at most {MAX_CELLS:,} "
            "cards): copy fewer and paste them in parts"
        )
        return []
    if max(placement.new_lanes, placement.new_steps) > MAX_NEW:
        editor.failed.emit(
            f"the block would add more than {MAX_NEW} lanes or steps: "
            "paste it as the other way round, or copy fewer cells"
        )
        return []
    command = PasteBlockCommand(
        editor.blueprint_id, placement.cells, placement.new_lanes, placement.new_steps
    )
    if not editor.push(command):
        return []
    made = [item_id for kind, item_id in command.made if kind is Card]
    view = editor.view
    view.blueprint_scene.select_cards(made)
    cards = view.blueprint_scene.geometry.cards
    if made and made[0] in cards:
        view.reveal(cards[made[0]].rect)
    return made


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}" if number == 1 else f"{number:,} {word}s"
