"""Cards as a spreadsheet: one row per card, for Excel, LibreOffice or a script.

UTF-8 with a byte-order mark (so Excel reads the accents right), the csv module's
quoting (a card's several lines stay in one cell), and every text cell that a
spreadsheet would take for a formula made inert with a leading apostrophe (OWASP's
advice against CSV injection). Pain points on a step rather than a card have no row;
each card's row carries its step's emotions and key moment, and the opportunities that
address its pain points.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.export.output_file import write_atomically
from app.model.catalogue import Actor, System, card_system
from app.model.method import Emotion, KeyMoment, PainPoint
from app.model.structure import Blueprint, Card, Lane, Stage, Step

COLUMNS = (
    "Blueprint",
    "Kind",
    "Stage",
    "Step",
    "Lane",
    "Card",
    "Fail point",
    "Wait point",
    "Actor",
    "Channel",
    "Systems",
    "Duration (minutes)",
    "Pain points",
    "Pain point details",
    "Opportunities",
    "Step emotion (service user)",
    "Step emotion (staff)",
    "Key moment",
    "Notes",
    "Card id",
)

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """``value`` made inert as a formula: prefixed with an apostrophe when it starts with
    a character a spreadsheet would act on."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_csv(session: Session, out_path: Path | str, blueprint: Blueprint | None = None) -> int:
    """Write the cards of ``blueprint`` (of every blueprint when None) to ``out_path``;
    return how many card rows were written."""
    rows = card_rows(session, blueprint)

    def write(stream: BinaryIO) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)  # excel dialect: "," and quotes as needed, CRLF rows
        writer.writerow(COLUMNS)
        writer.writerows([_cell(value) for value in row] for row in rows)
        text.flush()
        text.detach()  # the stream is closed by write_atomically, after its fsync

    write_atomically(out_path, write)
    return len(rows)


def _cell(value: Any) -> Any:
    return guard(value) if isinstance(value, str) else value


def card_rows(session: Session, blueprint: Blueprint | None = None) -> list[tuple[Any, ...]]:
    """The rows, in reading order: blueprints in order, then along the journey (step by
    step), each step's lanes top to bottom and each cell's cards top to bottom."""
    query = (
        select(Card, Step, Lane, Blueprint)
        .join(Step, Card.step_id == Step.id)
        .join(Lane, Card.lane_id == Lane.id)
        .join(Blueprint, Lane.blueprint_id == Blueprint.id)
        .order_by(Blueprint.position, Step.position, Lane.position, Card.position)
    )
    if blueprint is not None:
        query = query.where(Blueprint.id == blueprint.id)
    stages = {row.id: row.title for row in session.execute(select(Stage.id, Stage.title))}
    actors = {row.id: row.name for row in session.execute(select(Actor.id, Actor.name))}
    systems = _systems_by_card(session)
    pains = _pain_points_by_card(session)
    moments = _moments_by_step(session)
    rows = []
    for card, step, lane, owner in session.execute(query):
        found = pains.get(card.id, [])
        rows.append(
            (
                owner.name,
                owner.kind.value,
                stages.get(step.stage_id, "") if step.stage_id else "",
                step.title,
                lane.title,
                card.text,
                "yes" if card.fail_point else "no",
                "yes" if card.wait_point else "no",
                actors.get(card.actor_id, "") if card.actor_id else "",
                card.channel,
                ", ".join(systems.get(card.id, [])),
                "" if card.duration_minutes is None else card.duration_minutes,
                len(found),
                "\n".join(_describe(pain) for pain in found),
                "\n".join(_addressed_by(found)),
                *moments.get(step.id, ("", "", "")),
                card.notes,
                card.id,
            )
        )
    return rows


def _systems_by_card(session: Session) -> dict[str, list[str]]:
    query = (
        select(card_system.c.card_id, System.name)
        .join(System, System.id == card_system.c.system_id)
        .order_by(System.name)
    )
    names: dict[str, list[str]] = defaultdict(list)
    for card_id, name in session.execute(query):
        names[card_id].append(name)
    return names


def _pain_points_by_card(session: Session) -> dict[str, list[PainPoint]]:
    query = (
        select(PainPoint)
        .where(PainPoint.card_id.is_not(None))
        .order_by(PainPoint.severity.desc(), PainPoint.description)
    )
    found: dict[str, list[PainPoint]] = defaultdict(list)
    for pain in session.scalars(query):
        found[pain.card_id].append(pain)
    return found


def _addressed_by(pains: list[PainPoint]) -> list[str]:
    """The titles of the opportunities that address these pain points, once each."""
    titles = (opportunity.title for pain in pains for opportunity in pain.opportunities)
    return list(dict.fromkeys(titles))


def _moments_by_step(session: Session) -> dict[str, tuple[Any, Any, str]]:
    """Each step's emotions (numbers from -2 to 2, written as numbers so no spreadsheet
    takes them for formulas; blank when not recorded) and key moment ("user 5, provider
    4, sweet spot" or blank)."""
    found: dict[str, list[Any]] = defaultdict(lambda: ["", "", ""])
    for emotion in session.scalars(select(Emotion)):
        for index, value in enumerate((emotion.service_user, emotion.staff)):
            found[emotion.step_id][index] = "" if value is None else value
    for moment in session.scalars(select(KeyMoment)):
        sweet = ", sweet spot" if moment.is_sweet_spot else ""
        found[moment.step_id][2] = (
            f"user {moment.importance_to_user}, provider {moment.importance_to_provider}{sweet}"
        )
    return {step_id: (a, b, c) for step_id, (a, b, c) in found.items()}


def _describe(pain: PainPoint) -> str:
    """One pain point in one line: "4 (staff, data): DNA not followed up"."""
    resolved = ", resolved" if pain.resolved else ""
    head = f"{pain.severity} ({pain.perspective.value}, {pain.evidence.value}{resolved})"
    text = " ".join(pain.description.split())
    return f"{head}: {text}" if text else head
