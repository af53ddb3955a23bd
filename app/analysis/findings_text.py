"""The findings as plain text for a terminal (grouped by blueprint, then family) and as
JSON with stable keys, for ``stagecraft analyse FILE [--blueprint NAME] [--json]``."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from app.analysis.finding_types import FAMILIES, Finding, plural
from app.analysis.findings import Analysis, BlueprintSummary

JSON_FORMAT = "stagecraft-findings"
JSON_VERSION = 1
WIDTH = 88
WHOLE_PROJECT = "Whole project"


def summary_line(summary: BlueprintSummary) -> str:
    """“99 cards, 27 connectors, 9 hand-offs, 4 channels and 1 system met, …”."""
    return (
        f"{plural(summary.cards, 'card')}, {plural(summary.connectors, 'connector')}, "
        f"{plural(summary.hand_offs, 'hand-off')}, {plural(summary.channels, 'channel')} and "
        f"{plural(summary.systems_met, 'system')} met, "
        f"{plural(summary.open_pain_points, 'open pain point')}, "
        f"{plural(summary.key_moments, 'key moment')}"
    )


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _family_blocks(findings: tuple[Finding, ...], lines: list[str]) -> None:
    for family in FAMILIES:
        chosen = [f for f in findings if f.family == family]
        if not chosen:
            continue
        lines.append(f"  {family.value}")
        for finding in chosen:
            lines.append(f"    - {finding.title}")
            lines.extend(_wrapped(finding.sentence, "      "))
        lines.append("")


def findings_text(analysis: Analysis) -> str:
    """Plain text: the project's name, the whole-project findings, then each blueprint
    with its numbers and its findings family by family."""
    count = len(analysis.findings)
    lines = [f"Findings for {analysis.project_name}: {plural(count, 'finding')}", ""]
    general = analysis.of_blueprint(None)
    if general:
        lines.append(WHOLE_PROJECT)
        _family_blocks(general, lines)
    for summary in analysis.summaries:
        kind = "" if summary.kind.casefold() in summary.name.casefold() else f" ({summary.kind})"
        lines.append(f"{summary.name}{kind}")
        lines.extend(_wrapped(f"{summary_line(summary)}.", "  "))
        found = analysis.of_blueprint(summary.blueprint_id)
        if found:
            lines.append("")
            _family_blocks(found, lines)
        else:
            lines.append("  Nothing found.")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind.value,
        "family": finding.family.value,
        "title": finding.title,
        "sentence": finding.sentence,
        "blueprint_id": finding.blueprint_id,
        "blueprint": finding.blueprint_name,
        "items": [asdict(item) for item in finding.items],
    }


def findings_json(analysis: Analysis) -> dict[str, Any]:
    """A dict for ``json.dumps``: format, version, project, the blueprint asked for (or
    None), a summary per blueprint and the findings in order."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "project": analysis.project_name,
        "blueprint_id": analysis.blueprint_id,
        "summaries": [asdict(summary) for summary in analysis.summaries],
        "findings": [finding_json(finding) for finding in analysis.findings],
    }
