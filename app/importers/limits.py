"""The limits an import is held to, and the check of a whole plan against them before
anything is written: a plan that passes writes without a model error; one that fails
writes nothing and says, in one line, what is wrong and what to do."""

from __future__ import annotations

from app.importers.plan import BlueprintPlan, CardPlan, ImportFailed, ImportPlan, PainPlan
from app.model.kinds import (
    BlueprintKind,
    ConnectorKind,
    EvidenceSource,
    LaneKind,
    Perspective,
)

# The model's limit for titles, names, channels, labels (editing_rules.title / text()).
TITLE = 200
# Card text, notes and pain point descriptions: the model takes far more, but no card
# holds a book; longer text is cut here with a note in the plan's skipped list.
TEXT = 100_000
# A single cell of a source file longer than this is refused outright (the file is not a
# spreadsheet of a blueprint).
CELL = 1_000_000

MAX_BLUEPRINTS = 500
MAX_LANES = 500  # per blueprint
MAX_STEPS = 20_000  # per blueprint
MAX_CARDS = 250_000  # in the whole import
MAX_CONNECTORS = 500_000
MAX_PAIN_POINTS = 250_000


def cut(value: str, limit: int, where: str, skipped: list[str]) -> str:
    """``value`` cut at ``limit`` characters, with a note in ``skipped`` when it was."""
    if len(value) <= limit:
        return value
    skipped.append(f"{where}: cut to {limit:,} of its {len(value):,} characters")
    return value[:limit]


def check_plan(plan: ImportPlan) -> None:
    """Raise ImportFailed for the first thing in ``plan`` that cannot be written."""
    if not plan.blueprints:
        raise ImportFailed(f"{plan.source}: nothing to import; the file holds no cards or lanes")
    if len(plan.blueprints) > MAX_BLUEPRINTS:
        raise ImportFailed(
            f"{plan.source}: {len(plan.blueprints):,} blueprints is more than the "
            f"{MAX_BLUEPRINTS:,} an import can bring in; split the file"
        )
    totals = {"cards": 0, "connectors": 0, "pain points": 0}
    for blueprint in plan.blueprints:
        _check_blueprint(blueprint)
        totals["cards"] += len(blueprint.cards)
        totals["connectors"] += len(blueprint.connectors)
        totals["pain points"] += sum(len(c.pain_points) for c in blueprint.cards)
        totals["pain points"] += sum(len(s.pain_points) for s in blueprint.steps)
    for what, limit in (
        ("cards", MAX_CARDS),
        ("connectors", MAX_CONNECTORS),
        ("pain points", MAX_PAIN_POINTS),
    ):
        if totals[what] > limit:
            raise ImportFailed(
                f"{plan.source}: {totals[what]:,} {what} is more than the {limit:,} "
                "an import can bring in; split the file"
            )


def _check_blueprint(blueprint: BlueprintPlan) -> None:
    where = f"blueprint {blueprint.name[:60]!r}"
    _title(blueprint.name, "a blueprint's name")
    _member(blueprint.kind, BlueprintKind, f"{where}: kind")
    _text(blueprint.description, TEXT * 10, f"{where}: description")
    if len(blueprint.lanes) > MAX_LANES:
        raise ImportFailed(f"{where} has {len(blueprint.lanes):,} lanes; at most {MAX_LANES}")
    if len(blueprint.steps) > MAX_STEPS:
        raise ImportFailed(f"{where} has {len(blueprint.steps):,} steps; at most {MAX_STEPS:,}")
    for lane in blueprint.lanes:
        _title(lane.title, f"{where}: a lane's title")
        _member(lane.kind, LaneKind, f"{where}: lane {lane.title!r}: kind")
    for step in blueprint.steps:
        _title(step.title, f"{where}: a step's title")
        if step.stage:
            _title(step.stage, f"{where}: a stage's title")
        at = f"{where}, step {step.title[:60]!r}"
        for value, who in ((step.emotion_user, "service user"), (step.emotion_staff, "staff")):
            if value is not None and (_not_int(value) or not -2 <= value <= 2):
                raise ImportFailed(f"{at}: the {who} emotion must be from -2 to 2")
        if step.key_moment is not None:
            user, provider, note = step.key_moment
            if _not_int(user) or _not_int(provider) or not (0 <= user <= 5 and 0 <= provider <= 5):
                raise ImportFailed(f"{at}: a key moment's importances must be from 0 to 5")
            _text(note, TEXT, f"{at}: key moment note")
        for pain in step.pain_points:
            _check_pain(pain, at)
    for number, card in enumerate(blueprint.cards, 1):
        _check_card(card, blueprint, f"{where}, card {number}")
    for connector in blueprint.connectors:
        _member(connector.kind, ConnectorKind, f"{where}: a connector's kind")
        _text(connector.label, TITLE, f"{where}: a connector's label")
        for key in (connector.source, connector.target):
            if not isinstance(key, str):
                raise ImportFailed(f"{where}: a connector names a card by {key!r}, not text")


def _check_card(card: CardPlan, blueprint: BlueprintPlan, where: str) -> None:
    if _not_int(card.lane) or not 0 <= card.lane < len(blueprint.lanes):
        raise ImportFailed(f"{where}: its lane ({card.lane!r}) is not one of the blueprint's")
    if _not_int(card.step) or not 0 <= card.step < len(blueprint.steps):
        raise ImportFailed(f"{where}: its step ({card.step!r}) is not one of the blueprint's")
    _text(card.text, TEXT, f"{where}: text")
    _text(card.notes, TEXT, f"{where}: notes")
    _text(card.channel, TITLE, f"{where}: channel")
    _text(card.actor, TITLE, f"{where}: actor")
    if not isinstance(card.key, str):
        raise ImportFailed(f"{where}: its key must be text")
    for system in card.systems:
        _title(system, f"{where}: a system's name")
    if card.duration_minutes is not None and (
        _not_int(card.duration_minutes) or card.duration_minutes < 0
    ):
        raise ImportFailed(f"{where}: the duration must be a whole number of minutes, 0 or more")
    for flag in (card.fail_point, card.wait_point):
        if not isinstance(flag, bool):
            raise ImportFailed(f"{where}: fail point and wait point must be yes or no")
    for pain in card.pain_points:
        _check_pain(pain, where)


def _check_pain(pain: PainPlan, where: str) -> None:
    _text(pain.description, TEXT, f"{where}: a pain point's description")
    if _not_int(pain.severity) or not 1 <= pain.severity <= 5:
        raise ImportFailed(f"{where}: a pain point's severity must be from 1 to 5")
    _member(pain.perspective, Perspective, f"{where}: a pain point's perspective")
    _member(pain.evidence, EvidenceSource, f"{where}: a pain point's evidence")
    if pain.people_affected is not None and (
        _not_int(pain.people_affected) or pain.people_affected < 0
    ):
        raise ImportFailed(f"{where}: a pain point's people affected must be 0 or more")
    _text(pain.underserved_group, TITLE, f"{where}: a pain point's underserved group")
    if not isinstance(pain.resolved, bool):
        raise ImportFailed(f"{where}: a pain point's resolved must be yes or no")


def _not_int(value: object) -> bool:
    return isinstance(value, bool) or not isinstance(value, int)


def _title(value: object, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ImportFailed(f"{what} is empty; give it a name")
    if len(value) > TITLE:
        raise ImportFailed(f"{what} is longer than {TITLE} characters; shorten it")


def _text(value: object, limit: int, what: str) -> None:
    if not isinstance(value, str):
        raise ImportFailed(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ImportFailed(f"{what} is longer than {limit:,} characters; shorten it")


def _member(value: object, kind: type, what: str) -> None:
    try:
        kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ImportFailed(f"{what} must be one of: {allowed} (not {value!r})") from None
