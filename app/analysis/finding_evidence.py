"""Findings about the evidence behind the map: pain points resting only on assumptions
(and the stages where every pain point does), key moments with no evidence, and where the
open pain points concentrate, by stage and by perspective."""

from __future__ import annotations

from app.analysis.facts import PainFact, ProjectFacts
from app.analysis.finding_types import (
    Finding,
    FindingKind,
    ItemRef,
    card_name,
    listed,
    plural,
    quoted,
    stage_ref,
    step_ref,
)
from app.model.kinds import EvidenceSource, Perspective

ASSUMPTION = EvidenceSource.ASSUMPTION.value
NO_STAGE = "(no stage)"
PERSPECTIVE_WORDS = {
    Perspective.SERVICE_USER.value: "service users",
    Perspective.STAFF.value: "staff",
    Perspective.PARTNER.value: "partners",
}


def open_pain_points(facts: ProjectFacts, blueprint_id: str) -> list[PainFact]:
    """The blueprint's pain points not resolved, in reading order (a step's own pain
    points before its cards'; on one card, the most severe first, as numbered)."""
    order: dict[str, tuple[int, int]] = {}
    for n, step in enumerate(facts.steps_of(blueprint_id)):
        order[step.id] = (n, -1)
    for n, card in enumerate(facts.cards_of(blueprint_id)):
        order[card.id] = (order[card.step_id][0], n)
    pains = [
        p
        for p in facts.pain_points.values()
        if not p.resolved and (p.card_id or p.step_id) in order
    ]
    # On one card or step, as the map numbers its badges: most severe first.
    pains.sort(
        key=lambda p: (order[p.card_id or p.step_id or ""], -p.severity, p.description, p.id)
    )
    return pains


def pain_ref(pain: PainFact, blueprint_id: str) -> ItemRef:
    return ItemRef("pain point", pain.id, " ".join(pain.description.split()), blueprint_id)


def stage_of(facts: ProjectFacts, pain: PainFact) -> str | None:
    if pain.card_id is not None:
        return facts.cards[pain.card_id].stage_id
    return facts.steps[pain.step_id or ""].stage_id


def _on(facts: ProjectFacts, pain: PainFact) -> str:
    if pain.card_id is not None:
        return f"on {card_name(facts.cards[pain.card_id])}"
    return f"at the step “{facts.steps[pain.step_id or ''].title}”"


def evidence_gaps(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    pains = open_pain_points(facts, blueprint_id)
    findings: list[Finding] = []
    assumed = [p for p in pains if p.evidence == ASSUMPTION]
    if assumed:
        named = [f"{quoted(p.description, 50)} ({_on(facts, p)})" for p in assumed]
        sentence = (
            f"{plural(len(assumed), 'pain point')} {'rests' if len(assumed) == 1 else 'rest'} "
            f"only on assumption: {listed(named, 5)}. Plan research to test "
            f"{'it' if len(assumed) == 1 else 'them'} before acting."
        )
        blind_stages, blind_steps = _without_evidence(facts, pains)
        places = [f"in {facts.stages[s].title}" for s in blind_stages]
        places += [f"at the step “{facts.steps[s].title}”" for s in blind_steps]
        if places:
            where = listed(places, 8, "or")
            sentence += f" No pain point {where} has any evidence behind it yet."
        items = [pain_ref(p, blueprint_id) for p in assumed]
        items.extend(stage_ref(facts, s) for s in blind_stages)
        items.extend(step_ref(facts, s) for s in blind_steps)
        findings.append(
            Finding(
                FindingKind.ASSUMED_PAIN_POINTS,
                f"{plural(len(assumed), 'pain point')} on assumption",
                sentence,
                tuple(items),
            )
        )
    findings.extend(_unevidenced_moments(facts, blueprint_id))
    return findings


def _without_evidence(facts: ProjectFacts, pains: list[PainFact]) -> tuple[list[str], list[str]]:
    """The stages whose open pain points all rest on assumption, and the steps (outside
    those stages) whose open pain points, on the step or its cards, all do."""

    def blind(groups: dict[str, list[PainFact]]) -> list[str]:
        return [k for k, there in groups.items() if all(p.evidence == ASSUMPTION for p in there)]

    by_stage: dict[str, list[PainFact]] = {}
    by_step: dict[str, list[PainFact]] = {}
    for pain in pains:
        stage_id = stage_of(facts, pain)
        if stage_id is not None:
            by_stage.setdefault(stage_id, []).append(pain)
        step_id = facts.cards[pain.card_id].step_id if pain.card_id else pain.step_id
        by_step.setdefault(step_id or "", []).append(pain)
    stages = blind(by_stage)
    steps = [s for s in blind(by_step) if facts.steps[s].stage_id not in stages]
    return stages, steps


def _unevidenced_moments(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    """Key moments whose step and cards hold no pain point (resolved ones count: they
    still show what people said) that comes from more than an assumption."""
    cards = facts.cards
    evidenced_steps: set[str] = set()
    for pain in facts.pain_points.values():
        if pain.card_id is not None and pain.card_id not in cards:
            continue
        if pain.evidence != ASSUMPTION:
            step_id = facts.cards[pain.card_id].step_id if pain.card_id else pain.step_id
            evidenced_steps.add(step_id or "")
    findings = []
    for step in facts.steps_of(blueprint_id):
        if step.id in facts.key_moments and step.id not in evidenced_steps:
            sentence = (
                f"The key moment “{step.title}” has no evidence behind it: no pain point "
                "there comes from an interview, workshop, observation or data. Check with "
                "service users and staff that it matters as much as marked."
            )
            findings.append(
                Finding(
                    FindingKind.UNEVIDENCED_MOMENT,
                    f"Key moment “{step.title}” without evidence",
                    sentence,
                    (step_ref(facts, step.id),),
                )
            )
    return findings


def pain_concentration(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    """Where the open pain points gather, by stage and by perspective (one finding, when
    there are at least two open pain points)."""
    pains = open_pain_points(facts, blueprint_id)
    if len(pains) < 2:
        return []
    by_stage: dict[str, list[PainFact]] = {s.id: [] for s in facts.stages_of(blueprint_id)}
    for pain in pains:
        by_stage.setdefault(stage_of(facts, pain) or NO_STAGE, []).append(pain)
    by_stage = {s: there for s, there in by_stage.items() if there}
    top = max(by_stage, key=lambda s: len(by_stage[s]))
    share = round(100 * len(by_stage[top]) / len(pains))
    counts = [f"{_title(facts, s)} {len(there)}" for s, there in by_stage.items()]
    sentence = (
        f"Of {plural(len(pains), 'open pain point')}, {len(by_stage[top])} ({share}%) "
        f"{'is' if len(by_stage[top]) == 1 else 'are'} in {_title(facts, top)}"
    )
    sentence += f" (by stage: {listed(counts, 12)})." if len(by_stage) > 1 else "."
    by_view: dict[str, int] = {}
    for pain in pains:
        by_view[pain.perspective] = by_view.get(pain.perspective, 0) + 1
    views = sorted(by_view, key=lambda v: (-by_view[v], list(PERSPECTIVE_WORDS).index(v)))
    said = [f"{by_view[v]} from {PERSPECTIVE_WORDS[v]}" for v in views]
    sentence += f" By perspective: {listed(said)}."
    missing = [PERSPECTIVE_WORDS[v] for v in PERSPECTIVE_WORDS if v not in by_view]
    if missing:
        sentence += f" None come from {listed(missing, conjunction='or')}."
    items: list[ItemRef] = []
    if top != NO_STAGE:
        items.append(stage_ref(facts, top))
    items.extend(pain_ref(p, blueprint_id) for p in by_stage[top])
    title = f"Pain points gather in {_title(facts, top)}"
    return [Finding(FindingKind.PAIN_CONCENTRATION, title, sentence, tuple(items))]


def _title(facts: ProjectFacts, stage_id: str) -> str:
    stage = facts.stages.get(stage_id)
    return stage.title if stage else NO_STAGE
