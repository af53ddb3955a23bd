"""Findings about the systems catalogue and what a service user meets: duplicated data
(the same data item in two or more systems) and fragmentation (channels and systems met,
per stage and in total)."""

from __future__ import annotations

from app.analysis.facts import ProjectFacts
from app.analysis.finding_types import (
    Finding,
    FindingKind,
    ItemRef,
    card_ref,
    listed,
    plural,
    stage_ref,
)
from app.analysis.journey import contact_points

NO_STAGE = "(no stage)"


def data_key(name: str) -> str:
    """Data item names compare without case or extra spaces."""
    return " ".join(name.split()).casefold()


def duplicated_data(facts: ProjectFacts) -> list[Finding]:
    """One finding per data item held in two or more systems, in name order."""
    holders: dict[str, list[tuple[str, str, str]]] = {}  # key -> (system, item id, name)
    for system in facts.systems.values():
        seen: set[str] = set()
        for item in system.data_items:
            key = data_key(item.name)
            if key and key not in seen:
                seen.add(key)
                holders.setdefault(key, []).append((system.id, item.id, item.name))
    findings = []
    for key in sorted(holders):
        held = holders[key]
        if len(held) < 2:
            continue
        name = " ".join(held[0][2].split())
        systems = [facts.systems[system_id] for system_id, _, _ in held]
        named = [f"{s.name} (owned by {s.owner})" if s.owner else s.name for s in systems]
        sentence = (
            f"The same data, “{name}”, is held in {len(held)} systems: {listed(named, 8)}. "
            "Copies kept apart drift and disagree: decide which one is the record and how "
            "the others are kept up to date."
        )
        items: list[ItemRef] = []
        for system_id, item_id, item_name in held:
            items.append(ItemRef("system", system_id, facts.systems[system_id].name, None))
            items.append(ItemRef("data item", item_id, item_name, None))
        findings.append(
            Finding(
                FindingKind.DUPLICATED_DATA,
                f"“{name}” held in {len(held)} systems",
                sentence,
                tuple(items),
            )
        )
    return findings


def fragmentation(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    """The channels and systems a service user meets in this blueprint, per stage and in
    total (one finding; none when the user meets nothing named)."""
    points = contact_points(facts, blueprint_id)
    if not points:
        return []
    channels = [p.name for p in points if p.kind == "channel"]
    systems = [p.name for p in points if p.kind == "system"]
    per_stage: dict[str, list[str]] = {}
    for stage in facts.stages_of(blueprint_id):
        per_stage[stage.id] = []
    for point in points:
        stages = {facts.cards[c].stage_id or NO_STAGE for c in point.card_ids}
        for stage_id in stages:
            per_stage.setdefault(stage_id, []).append(point.name)
    met = {s: names for s, names in per_stage.items() if names}
    parts = []
    if channels:
        parts.append(f"{plural(len(channels), 'channel')} ({listed(channels, 8)})")
    if systems:
        parts.append(f"{plural(len(systems), 'system')} ({listed(systems, 8)})")
    where = f"across {plural(len(met), 'stage')}" if len(met) > 1 else "in this journey"
    total = len(points)
    sentence = f"A service user meets {total} contact points {where}: {' and '.join(parts)}."
    if total == 1:
        sentence = f"A service user meets 1 contact point {where}: {' and '.join(parts)}."
    if len(met) > 1:
        counts = [f"{_stage_title(facts, s)} {len(names)}" for s, names in met.items()]
        busiest = max(met, key=lambda s: len(met[s]))
        sentence += (
            f" By stage: {listed(counts, 12)}; the most in {_stage_title(facts, busiest)} "
            f"({listed(met[busiest], 8)})."
        )
    items: list[ItemRef] = []
    for point in points:
        if point.kind == "system":
            system_id = _system_id(facts, point.card_ids, point.name)
            items.append(ItemRef("system", system_id, point.name, blueprint_id))
        else:
            first = card_ref(facts.cards[point.card_ids[0]])
            items.append(ItemRef("card", first.id, f"{point.name}: {first.name}", blueprint_id))
    items.extend(stage_ref(facts, s) for s in met if s != NO_STAGE)
    title = f"{plural(total, 'contact point')} to meet"
    return [Finding(FindingKind.FRAGMENTATION, title, sentence, tuple(items))]


def _stage_title(facts: ProjectFacts, stage_id: str) -> str:
    stage = facts.stages.get(stage_id)
    return stage.title if stage else NO_STAGE


def _system_id(facts: ProjectFacts, card_ids: tuple[str, ...], name: str) -> str:
    key = data_key(name)
    for card_id in card_ids:
        for system_id in facts.card_systems.get(card_id, ()):
            if data_key(facts.systems[system_id].name) == key:
                return system_id
    return name
