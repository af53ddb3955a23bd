"""The findings of a project: what the analysis of its blueprints found, each a plain
sentence with the items it concerns, in a stable order (the whole project first, then
each blueprint in its order; within each, family by family as issue 6 §3 lists them).

``analyse(session)`` reads the project once (facts.py) and runs each family; the findings
text and JSON are in findings_text.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from app.analysis.facts import ProjectFacts, read_facts
from app.analysis.finding_catalogue import duplicated_data, fragmentation
from app.analysis.finding_evidence import evidence_gaps, open_pain_points, pain_concentration
from app.analysis.finding_flow import hand_off_findings, unsupported_and_orphans
from app.analysis.finding_loops import loops, rework_loops, waiting_chain
from app.analysis.finding_moments import moment_findings
from app.analysis.finding_to_be import to_be_findings
from app.analysis.finding_types import (
    FAMILIES,
    FAMILY_OF,
    KINDS,
    Finding,
    FindingFamily,
    FindingKind,
    ItemRef,
)
from app.analysis.journey import connector_graph, contact_points, hand_offs
from app.model.loading import gc_paused
from app.model.lookup import blueprint_named

__all__ = [
    "FAMILIES",
    "FAMILY_OF",
    "Analysis",
    "BlueprintSummary",
    "Finding",
    "FindingFamily",
    "FindingKind",
    "ItemRef",
    "analyse",
    "analyse_facts",
]


@dataclass(frozen=True)
class BlueprintSummary:
    """The numbers of one blueprint the findings rest on."""

    blueprint_id: str
    name: str
    kind: str
    cards: int
    connectors: int
    hand_offs: int
    channels: int
    systems_met: int
    open_pain_points: int
    key_moments: int
    findings: int


@dataclass(frozen=True)
class Analysis:
    """The findings in order, and a summary per blueprint analysed (in blueprint order)."""

    project_name: str
    findings: tuple[Finding, ...]
    summaries: tuple[BlueprintSummary, ...]
    blueprint_id: str | None = None  # the one blueprint asked for, or None for all

    def of_blueprint(self, blueprint_id: str | None) -> tuple[Finding, ...]:
        """The findings about one blueprint (None: those about the whole project)."""
        return tuple(f for f in self.findings if f.blueprint_id == blueprint_id)


def analyse(session: Session, blueprint: str | None = None) -> Analysis:
    """Analyse the project in ``session``: every blueprint, or only the one named
    ``blueprint`` (its name, without regard to case; or its id). Findings about the whole
    project (duplicated data) are always included. Raises ModelError for an unknown
    blueprint."""
    blueprint_id = None
    if blueprint is not None:
        blueprint_id = blueprint_named(session, blueprint).id
    with gc_paused():  # tens of thousands of small tuples, none of them garbage
        facts = read_facts(session, None if blueprint_id is None else [blueprint_id])
        analysis = analyse_facts(facts, blueprint_id)
        return _with_improvements(session, facts, analysis)


def _with_improvements(session: Session, facts: ProjectFacts, analysis: Analysis) -> Analysis:
    """Each to-be's findings led by what it improves over its as-is (finding_to_be.py)."""
    extra = {
        s.blueprint_id: to_be_findings(session, facts, s.blueprint_id) for s in analysis.summaries
    }
    if not any(extra.values()):
        return analysis
    name = {s.blueprint_id: s.name for s in analysis.summaries}
    findings = list(analysis.of_blueprint(None))
    summaries = []
    for summary in analysis.summaries:
        bid = summary.blueprint_id
        own = [replace(f, blueprint_id=bid, blueprint_name=name[bid]) for f in extra[bid]]
        findings += own + list(analysis.of_blueprint(bid))
        summaries.append(replace(summary, findings=summary.findings + len(own)))
    return replace(analysis, findings=tuple(findings), summaries=tuple(summaries))


def analyse_facts(facts: ProjectFacts, blueprint_id: str | None = None) -> Analysis:
    """The analysis of facts already read (all of them, or one blueprint's)."""
    findings: list[Finding] = list(duplicated_data(facts))
    summaries = []
    wanted = [blueprint_id] if blueprint_id is not None else list(facts.blueprints)
    for bid in wanted:
        found = _blueprint_findings(facts, bid)
        findings.extend(found)
        summaries.append(_summary(facts, bid, len(found)))
    return Analysis(facts.project_name, tuple(findings), tuple(summaries), blueprint_id)


def _blueprint_findings(facts: ProjectFacts, blueprint_id: str) -> list[Finding]:
    graph = connector_graph(facts, blueprint_id)
    groups = loops(graph)
    found = [
        *fragmentation(facts, blueprint_id),
        *hand_off_findings(facts, blueprint_id),
        *unsupported_and_orphans(facts, blueprint_id, graph),
        *moment_findings(facts, blueprint_id, graph),
        *rework_loops(facts, blueprint_id, graph, groups),
        *waiting_chain(facts, blueprint_id, graph, groups),
        *evidence_gaps(facts, blueprint_id),
        *pain_concentration(facts, blueprint_id),
    ]
    name = facts.blueprints[blueprint_id].name
    rank = {kind: n for n, kind in enumerate(KINDS)}
    family = {fam: n for n, fam in enumerate(FAMILIES)}
    ordered = sorted(enumerate(found), key=lambda e: (family[e[1].family], rank[e[1].kind], e[0]))
    return [replace(f, blueprint_id=blueprint_id, blueprint_name=name) for _, f in ordered]


def _summary(facts: ProjectFacts, blueprint_id: str, findings: int) -> BlueprintSummary:
    blueprint = facts.blueprints[blueprint_id]
    points = contact_points(facts, blueprint_id)
    return BlueprintSummary(
        blueprint_id,
        blueprint.name,
        blueprint.kind,
        len(facts.cards_of(blueprint_id)),
        len(facts.connectors_of(blueprint_id)),
        len(hand_offs(facts, blueprint_id)),
        sum(1 for p in points if p.kind == "channel"),
        sum(1 for p in points if p.kind == "system"),
        len(open_pain_points(facts, blueprint_id)),
        sum(1 for s in facts.steps_of(blueprint_id) if s.id in facts.key_moments),
        findings,
    )
