"""The JSON export brought back: restore_json recreates a whole project, every row with
its id, into an empty project file; read_json makes an import plan of its blueprints for
bringing them into another project (actors and systems by name, pain points, connectors,
emotions and key moments), naming what a plan cannot carry."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.importers.json_load import load_document
from app.importers.json_tables import document_tables
from app.importers.plan import (
    BlueprintPlan,
    CardPlan,
    ConnectorPlan,
    ImportFailed,
    ImportPlan,
    LanePlan,
    PainPlan,
    StepPlan,
)
from app.model.base import Base
from app.model.structure import Project

Row = dict[str, Any]


def restore_json(session: Session, path_or_data: Path | str | dict[str, Any]) -> Project:
    """Recreate the exported project, with every field and id, in ``session``'s database,
    which must hold no project yet. Everything is checked before the first row is
    written; flushes but does not commit."""
    document, name = load_document(path_or_data)
    tables = document_tables(document, name)
    if session.scalar(select(Project.id)) is not None:
        raise ImportFailed(
            "this project file already holds a project; restore a JSON export into a new "
            "file, or import its blueprints into this one"
        )
    for table in Base.metadata.sorted_tables:
        rows = tables[table.name]
        if rows:
            session.execute(insert(table), rows)
    session.flush()
    return session.scalars(select(Project)).one()


def read_json(path: Path | str | dict[str, Any]) -> ImportPlan:
    """The plan of the export's blueprints, for bringing them into an existing project."""
    document, name = load_document(path)
    tables = document_tables(document, name)
    plan = ImportPlan(source=name)
    actors = {row["id"]: row["name"] for row in tables["actor"]}
    systems = {row["id"]: row["name"] for row in tables["system"]}
    card_systems: dict[str, list[str]] = defaultdict(list)
    for link in tables["card_system"]:
        card_systems[link["card_id"]].append(systems[link["system_id"]])
    grouped = _by_blueprint(tables)
    for blueprint in sorted(tables["blueprint"], key=lambda row: row["position"]):
        plan.blueprints.append(
            _blueprint(blueprint, grouped[blueprint["id"]], actors, card_systems)
        )
    plan.skipped.extend(_left_out(tables))
    return plan


def _by_blueprint(tables: dict[str, list[Row]]) -> dict[str, dict[str, list[Row]]]:
    grouped: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    lane_owner = {}
    step_owner = {}
    for table in ("stage", "step", "lane", "connector"):
        for row in tables[table]:
            grouped[row["blueprint_id"]][table].append(row)
            if table == "lane":
                lane_owner[row["id"]] = row["blueprint_id"]
            if table == "step":
                step_owner[row["id"]] = row["blueprint_id"]
    card_owner = {}
    for card in tables["card"]:
        card_owner[card["id"]] = lane_owner[card["lane_id"]]
        grouped[card_owner[card["id"]]]["card"].append(card)
    for table in ("pain_point", "emotion", "key_moment"):
        for row in tables[table]:
            owner = card_owner[row["card_id"]] if row.get("card_id") else step_owner[row["step_id"]]
            grouped[owner][table].append(row)
    return grouped


def _blueprint(
    blueprint: Row,
    rows: dict[str, list[Row]],
    actors: dict[str, str],
    card_systems: dict[str, list[str]],
) -> BlueprintPlan:
    stages = {row["id"]: row["title"] for row in rows["stage"]}
    lanes = sorted(rows["lane"], key=lambda row: row["position"])
    steps = sorted(rows["step"], key=lambda row: row["position"])
    lane_at = {row["id"]: index for index, row in enumerate(lanes)}
    step_at = {row["id"]: index for index, row in enumerate(steps)}
    card_pains: dict[str, list[PainPlan]] = defaultdict(list)
    step_pains: dict[str, list[PainPlan]] = defaultdict(list)
    for pain in rows["pain_point"]:
        into = card_pains[pain["card_id"]] if pain["card_id"] else step_pains[pain["step_id"]]
        into.append(_pain(pain))
    emotions = {row["step_id"]: row for row in rows["emotion"]}
    moments = {row["step_id"]: row for row in rows["key_moment"]}
    plan = BlueprintPlan(
        name=blueprint["name"], kind=blueprint["kind"], description=blueprint["description"]
    )
    plan.lanes = [LanePlan(row["title"], row["kind"]) for row in lanes]
    for step in steps:
        emotion = emotions.get(step["id"])
        moment = moments.get(step["id"])
        plan.steps.append(
            StepPlan(
                title=step["title"],
                stage=stages.get(step["stage_id"], "") if step["stage_id"] else "",
                emotion_user=emotion["service_user"] if emotion else None,
                emotion_staff=emotion["staff"] if emotion else None,
                key_moment=(
                    (
                        moment["importance_to_user"],
                        moment["importance_to_provider"],
                        moment["note"],
                    )
                    if moment
                    else None
                ),
                pain_points=tuple(step_pains.get(step["id"], ())),
            )
        )
    cards = sorted(
        rows["card"],
        key=lambda c: (step_at[c["step_id"]], lane_at[c["lane_id"]], c["position"]),
    )
    for card in cards:
        plan.cards.append(
            CardPlan(
                lane=lane_at[card["lane_id"]],
                step=step_at[card["step_id"]],
                text=card["text"],
                key=card["id"],
                actor=actors.get(card["actor_id"], "") if card["actor_id"] else "",
                channel=card["channel"],
                systems=tuple(card_systems.get(card["id"], ())),
                duration_minutes=card["duration_minutes"],
                fail_point=card["fail_point"],
                wait_point=card["wait_point"],
                notes=card["notes"],
                pain_points=tuple(card_pains.get(card["id"], ())),
            )
        )
    plan.connectors = [
        ConnectorPlan(row["source_id"], row["target_id"], row["kind"], row["label"])
        for row in rows["connector"]
    ]
    return plan


def _pain(row: Row) -> PainPlan:
    return PainPlan(
        description=row["description"],
        severity=row["severity"],
        perspective=row["perspective"],
        evidence=row["evidence"],
        people_affected=row["people_affected"],
        underserved_group=row["underserved_group"],
        resolved=row["resolved"],
    )


def _left_out(tables: dict[str, list[Row]]) -> list[str]:
    """What a plan cannot carry into another project, in words."""
    notes = []
    for table, words in (
        (
            "opportunity",
            "opportunities (they belong to the project; restore the whole export "
            "into a new file to keep them)",
        ),
        ("comment", "comments"),
        ("ecosystem_position", "ecosystem map positions"),
        ("data_item", "data items of the systems catalogue"),
    ):
        if tables[table]:
            notes.append(f"{len(tables[table]):,} {words}")
    described = [row for row in tables["system"] if row["owner"] or row["description"]]
    if described:
        notes.append(f"owners and descriptions of {len(described):,} systems")
    if any(row["description"] for row in tables["actor"]):
        notes.append("actors' descriptions")
    if any(row["derived_from_id"] for row in tables["blueprint"]):
        notes.append("which as-is blueprint each to-be came from (its lineage)")
    if any(row["height"] is not None for row in tables["lane"]):
        notes.append("lane heights")
    return notes
