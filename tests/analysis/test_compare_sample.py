"""The bundled sample's to-be against its as-is (the changes its source describes), and
the comparison as text for the terminal and as JSON."""

from __future__ import annotations

import json

import pytest

from app.analysis.compare import compare
from app.analysis.compare_model import CARD_REMOVED, MARKED_RESOLVED
from app.analysis.compare_text import FORMAT, VERSION, comparison_json, comparison_text, headline
from app.model.project_file import ProjectFile

AS_IS = "Physical health check (as-is)"
TO_BE = "Physical health check (to-be)"


@pytest.fixture
def comparison(sample_file: ProjectFile):
    return compare(sample_file.session, AS_IS, TO_BE)


def test_the_sample_s_to_be_against_its_as_is(comparison) -> None:
    c = comparison
    assert c.lineage
    assert (c.before.cards, c.after.cards) == (47, 52)
    # "Quieter appointment times" removes the hold and its recorded message.
    assert {r.text for r in c.removed} == {
        "Waits on hold",
        'Recorded message: "you are number 14 in the queue"',
    }
    added = [r.text for r in c.added]
    assert len(added) == 7
    assert "Shared care record: GP and trust records linked" in added
    assert "Practice nurse calls within two weeks of the check" in added
    assert {r.step for r in c.added if "call" in r.text.lower()} >= {"Follow-up call"}
    changed = {change.before.text: change for change in c.changed}
    assert len(changed) == 9
    phones = changed["Phones surgery"]
    assert phones.field_names == ("text", "notes")
    assert phones.after.text == "Gets a call from the practice to book a quiet time"
    reminder = changed["Gets a text reminder (only with a mobile number on record)"]
    assert reminder.field_names == ("text", "channel", "flags")
    waiting = changed["Sits in waiting room"]
    assert waiting.field_names == ("text", "duration", "flags")
    assert not c.moved


def test_the_sample_s_pain_points(comparison) -> None:
    c = comparison
    how = {r.pain.description.split(":")[0].split(";")[0]: r.how for r in c.resolved}
    assert len(c.resolved) == 8
    assert how["Long wait on hold at 8am"] == CARD_REMOVED
    assert how["No reminder for people without mobiles."] == MARKED_RESOLVED
    assert all(r.to_be is not None for r in c.resolved if r.how == MARKED_RESOLVED)
    assert [r.pain.severity for r in c.remaining] == [3, 2]
    assert c.remaining[0].pain.description.startswith("Letter is hard to understand")
    assert not any(r.new for r in c.remaining)


def test_the_headline_says_what_improved(comparison) -> None:
    c = comparison
    line = headline(c)
    assert line.startswith("8 pain points resolved, 2 remain; ")
    assert f"hand-offs {len(c.before.hand_offs)} → {len(c.after.hand_offs)}" in line
    assert f"contact points {len(c.before.contact_points)} → {len(c.after.contact_points)}" in line


def test_the_text_lists_every_item(comparison) -> None:
    text = comparison_text(comparison)
    lines = text.splitlines()
    assert lines[0] == f"{AS_IS} → {TO_BE}"
    assert lines[2].startswith("8 pain points resolved")
    assert "Cards: 7 added, 2 removed, 9 changed, 0 moved (47 → 52 cards)." in lines
    assert "Cards changed (9)" in lines
    assert "  - Waits on hold (Customer actions, Phones to book)" in lines
    assert (
        "      text: “Phones surgery” → “Gets a call from the practice to book a quiet time”"
        in lines
    )
    assert any(line.startswith("  ✓ [4] Long wait on hold") for line in lines)
    assert "Pain points remaining (2)" in lines
    assert "Systems retired (0)" in lines


def test_json_has_stable_keys_and_round_trips(comparison) -> None:
    data = comparison_json(comparison)
    assert json.loads(json.dumps(data)) == data
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert list(data) == [
        "format",
        "version",
        "from",
        "to",
        "lineage",
        "note",
        "headline",
        "cards",
        "pain_points",
        "systems",
        "hand_offs",
        "contact_points",
    ]
    assert data["from"]["name"] == AS_IS and data["to"]["kind"] == "to-be"
    assert [len(data["cards"][k]) for k in ("added", "removed", "changed", "moved")] == [7, 2, 9, 0]
    assert data["pain_points"]["resolved"][0]["how"] == MARKED_RESOLVED
    assert data["hand_offs"]["after"] == len(data["hand_offs"]["after_items"])
    fields = data["cards"]["changed"][0]["fields"][0]
    assert set(fields) == {"field", "before", "after"}
