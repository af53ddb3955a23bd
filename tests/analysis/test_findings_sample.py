"""The findings of the bundled sample: the duplicated contact details and the key moment's
backstage dependencies named in plain sentences; the order, the text and the JSON; an
unknown blueprint; a 10,000-card project analysed well within a second."""

import json

import pytest

from app.analysis.findings import FAMILIES, FindingKind, analyse
from app.analysis.findings_text import JSON_FORMAT, findings_json, findings_text
from app.model.errors import ModelError
from app.model.project_file import ProjectFile
from app.model.sample import build_sample

AS_IS = "Physical health check (as-is)"
TO_BE = "Physical health check (to-be)"


def test_the_sample_names_its_duplicated_contact_details_and_the_systems(sample_file) -> None:
    analysis = analyse(sample_file.session)
    duplicated = [f for f in analysis.findings if f.kind == FindingKind.DUPLICATED_DATA]
    contact = next(f for f in duplicated if "patient contact details" in f.title)
    assert contact.sentence.startswith(
        "The same data, “patient contact details”, is held in 2 systems: GP clinical system "
        "(owned by GP practice) and Mental health trust records (owned by Mental health trust)."
    )
    assert {i.name for i in contact.items if i.kind == "system"} == {
        "GP clinical system",
        "Mental health trust records",
    }


def test_the_sample_key_moment_depends_on_backstage_cards_and_systems(sample_file) -> None:
    analysis = analyse(sample_file.session, AS_IS)
    [depends] = [f for f in analysis.findings if f.kind == FindingKind.MOMENT_DEPENDENCIES]
    assert depends.title == "What “Health check appointment” depends on"
    assert "Mental health trust records, held separately" in depends.sentence
    assert "Arrival logged in the GP clinical system" in depends.sentence
    systems = [i.name for i in depends.items if i.kind == "system"]
    assert systems == ["GP clinical system", "Mental health trust records", "SMS reminder service"]
    [wait] = [f for f in analysis.findings if f.kind == FindingKind.WAITING_CHAIN]
    assert [i.name for i in wait.items] == [
        "Admin mail-merges and posts letters in a weekly batch",
        "Waits on hold",
    ]


def test_findings_come_whole_project_first_then_blueprint_by_blueprint_family_by_family(
    sample_file,
) -> None:
    analysis = analyse(sample_file.session)
    assert [s.name for s in analysis.summaries] == [AS_IS, TO_BE]
    owners = [f.blueprint_name for f in analysis.findings]
    assert owners == sorted(owners, key=lambda n: [None, AS_IS, TO_BE].index(n))
    for summary in analysis.summaries:
        families = [FAMILIES.index(f.family) for f in analysis.of_blueprint(summary.blueprint_id)]
        assert families == sorted(families)
    assert analysis == analyse(sample_file.session)  # stable
    as_is = analysis.summaries[0]
    assert (as_is.cards, as_is.key_moments, as_is.open_pain_points) == (47, 1, 10)


def test_one_blueprint_by_name_and_an_unknown_name(sample_file) -> None:
    analysis = analyse(sample_file.session, "physical health check (TO-BE)")
    assert [s.name for s in analysis.summaries] == [TO_BE]
    assert {f.blueprint_name for f in analysis.findings} == {None, TO_BE}
    with pytest.raises(ModelError, match="no blueprint is called 'Nope'; the blueprints are"):
        analyse(sample_file.session, "Nope")


def test_the_text_and_json_of_the_findings(sample_file) -> None:
    analysis = analyse(sample_file.session)
    text = findings_text(analysis)
    lines = text.splitlines()
    assert lines[0].startswith("Findings for Physical health check for people with severe")
    assert lines[2] == "Whole project"
    assert "  Duplicated data" in lines
    assert AS_IS in lines and TO_BE in lines
    assert "“patient contact details”, is held in 2 systems" in " ".join(text.split())
    assert max(len(line) for line in lines) <= 88
    data = json.loads(json.dumps(findings_json(analysis)))
    assert (data["format"], data["version"]) == (JSON_FORMAT, 1)
    assert len(data["findings"]) == len(analysis.findings)
    first = data["findings"][0]
    assert set(first) == {
        "kind",
        "family",
        "title",
        "sentence",
        "blueprint_id",
        "blueprint",
        "items",
    }
    assert first["kind"] == "duplicated data" and first["blueprint"] is None
    assert set(first["items"][0]) == {"kind", "id", "name", "blueprint_id"}
    assert [s["name"] for s in data["summaries"]] == [AS_IS, TO_BE]


def test_ten_thousand_cards_are_analysed() -> None:
    # How long it takes is measured by bench/analysis.py (make bench), not here.
    opened = ProjectFile.build("Big", lambda session: build_sample(session, 10_000))
    try:
        opened.session.expunge_all()
        analysis = analyse(opened.session)
        assert sum(s.cards for s in analysis.summaries) >= 10_000
        assert {f.kind for f in analysis.findings} >= {
            f.kind for f in analyse(opened.session, AS_IS).findings
        }
    finally:
        opened.close()
