"""The service ecosystem map's graph: its nodes, edges and weights on a project where they
are known by construction, keys that stay the same, one blueprint or all, the sample, and
the time for 10,000 cards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ecosystem_project import Clinic, build_clinic, expected_edges

from app.analysis.ecosystem import Layer, build_ecosystem
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample


@pytest.fixture
def clinic_file() -> Iterator[ProjectFile]:
    project_file = ProjectFile.build("Clinic", build_clinic)
    yield project_file
    project_file.close()


@pytest.fixture
def clinic(clinic_file: ProjectFile) -> Clinic:
    session = clinic_file.session
    project = clinic_file.project
    blueprint, other = project.blueprints
    cards = {card.text: card for lane in blueprint.lanes for card in lane.cards}
    ids = {a.name: a.id for a in project.actors} | {s.name: s.id for s in project.systems}
    assert session is not None
    # By text here (the builder's short keys are not kept in the file).
    return Clinic(project, blueprint, other, cards, ids)


def test_nodes_of_one_blueprint_by_layer(clinic_file: ProjectFile, clinic: Clinic) -> None:
    ids = clinic.ids
    found = build_ecosystem(clinic_file.session, clinic.blueprint.id)
    assert found.title == "Booking"
    by_layer = {layer: [n.key for n in found.layer(layer)] for layer in Layer}
    # Each layer in the order its nodes first appear in the journey.
    assert by_layer == {
        Layer.PEOPLE: [
            f"actor:{ids['Sam']}",
            f"actor:{ids['Receptionist']}",
            f"actor:{ids['Lab']}",
        ],
        Layer.TOUCHPOINTS: ["channel:phone", "channel:sms"],
        Layer.PROCESSES: ["process:books slot", "process:lab run"],
        Layer.SYSTEMS: [f"system:{ids['Records']}", f"system:{ids['Texts']}"],
    }
    labels = {node.key: node.label for node in found.nodes}
    assert labels["channel:phone"] == "Phone" and labels["channel:sms"] == "SMS"
    assert labels["process:books slot"] == "Books slot"
    assert labels[f"system:{ids['Records']}"] == "Records"
    # The cards behind a node, in reading order (step, then lane): the first is the jump's.
    phone = found.node("channel:phone")
    texts = {card.id: text for text, card in clinic.cards.items()}
    assert [texts[card_id] for card_id in phone.card_ids] == [
        "Phones surgery",
        "Receptionist books",
        "Phones again",
    ]
    assert len(found.node("process:books slot").card_ids) == 2


def test_edges_and_weights(clinic_file: ProjectFile, clinic: Clinic) -> None:
    found = build_ecosystem(clinic_file.session, clinic.blueprint.id)
    edges = {(e.source, e.target): (e.relation, e.weight) for e in found.edges}
    assert edges == expected_edges(clinic.ids)
    records = found.edge("process:books slot", f"system:{clinic.ids['Records']}")
    assert (records.cards, records.connectors) == (2, 1)
    assert found.graph.edges["channel:phone", "process:books slot"]["weight"] == 1


def test_the_whole_project_merges_processes_by_text(
    clinic_file: ProjectFile, clinic: Clinic
) -> None:
    whole = build_ecosystem(clinic_file.session)
    assert whole.blueprint_id is None and whole.title == "All blueprints"
    slot = whole.node("process:books slot")
    assert len(slot.card_ids) == 3  # two in Booking, "BOOKS SLOT" in Follow-up
    assert "Booking and Follow-up" in slot.detail
    one = build_ecosystem(clinic_file.session, clinic.other.id)
    assert [n.key for n in one.nodes] == ["process:books slot"]
    assert one.node("process:books slot").label == "BOOKS SLOT"


def test_what_a_node_stands_for_is_said_in_plain_words(
    clinic_file: ProjectFile, clinic: Clinic
) -> None:
    found = build_ecosystem(clinic_file.session, clinic.blueprint.id)
    sam = found.node(f"actor:{clinic.ids['Sam']}")
    assert sam.kind == "service user"
    assert sam.detail.splitlines() == [
        "Sam: service user",
        "Lives alone",
        "Named on 2 cards in Booking.",
    ]
    records = found.node(f"system:{clinic.ids['Records']}")
    assert records.detail.splitlines() == [
        "System: Records",
        "Owned by GP practice.",
        "Holds contact details.",
        "Used on 3 cards in Booking.",
    ]
    phone = found.node("channel:phone")
    assert phone.detail.splitlines()[0] == "Channel: Phone"
    assert "customer actions 2, frontstage 1" in phone.detail
    assert phone.detail.splitlines()[-1] == "By Sam and Receptionist."


def test_keys_are_the_same_after_save_and_reopen(
    clinic_file: ProjectFile, clinic: Clinic, tmp_path
) -> None:
    before = [n.key for n in build_ecosystem(clinic_file.session).nodes]
    target = tmp_path / "clinic.blueprint"
    clinic_file.save_as(target)
    reopened = ProjectFile.open(target, read_only=True)
    try:
        after = [n.key for n in build_ecosystem(reopened.session).nodes]
    finally:
        reopened.close()
    assert after == before
    assert f"system:{clinic.ids['Records']}" in after and "channel:sms" in after


def test_the_sample_shows_its_systems_and_the_people_behind_them(
    sample_file: ProjectFile,
) -> None:
    found = build_ecosystem(sample_file.session)
    systems = {node.label for node in found.layer(Layer.SYSTEMS)}
    assert systems == {
        "GP clinical system",
        "SMS reminder service",
        "Pathology lab system",
        "Mental health trust records",
    }
    channels = {node.label for node in found.layer(Layer.TOUCHPOINTS)}
    assert {"Phone", "Post", "SMS", "In person"} <= channels
    people = {node.label for node in found.layer(Layer.PEOPLE)}
    assert {"Sam", "Receptionist", "Practice nurse"} <= people
    gp_system = next(n for n in found.layer(Layer.SYSTEMS) if n.label == "GP clinical system")
    assert found.graph.degree(gp_system.key) >= 3
    assert all(edge.weight >= 1 for edge in found.edges)


def test_ten_thousand_cards_make_a_small_map() -> None:
    # How long it takes is for the benchmarks, not a unit test.
    from app.analysis.ecosystem_layout import layered_layout

    project_file = ProjectFile.build(SAMPLE_NAME, lambda s: build_sample(s, scale=10_000))
    try:
        session = project_file.session
        found = build_ecosystem(session)
        layout = layered_layout(found)
    finally:
        project_file.close()
    # Processes are one node per text, so the map stays as small as the sample's.
    assert len(found.nodes) < 60
    assert max(edge.weight for edge in found.edges) > 100
    assert set(layout.positions) == {node.key for node in found.nodes}
