"""A small project whose service ecosystem map is known by construction (the nodes, the
edges and their weights are listed in ``EXPECTED_EDGES``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.model.ops_catalogue import add_actor, add_system, set_card_actor, set_card_systems
from app.model.ops_grid import add_blueprint, add_card, add_connector, add_lane, add_step
from app.model.structure import Blueprint, Card, Project


@dataclass
class Clinic:
    project: Project
    blueprint: Blueprint
    other: Blueprint
    cards: dict[str, Card]
    ids: dict[str, str]  # actor and system names -> ids


LANES = ("customer actions", "frontstage", "backstage", "support processes", "systems")


def build_clinic(session: Session) -> Clinic:
    from app.model.ops_grid import create_project

    project = create_project(session, "Clinic")
    sam = add_actor(project, "Sam", "service user", description="Lives alone")
    receptionist = add_actor(project, "Receptionist", "staff role")
    lab = add_actor(project, "Lab", "partner")
    add_actor(project, "Nobody", "staff role")  # on no card: not on the map
    records = add_system(project, "Records", ["contact details"], owner="GP practice")
    texts = add_system(project, "Texts")
    add_system(project, "Unused system")  # no card uses it: not on the map

    blueprint = add_blueprint(project, "Booking")
    lanes = {kind: add_lane(blueprint, kind) for kind in LANES}
    first, second = add_step(blueprint, "Phones"), add_step(blueprint, "Books")

    def card(key: str, lane: str, step, text: str, actor=None, channel="", systems=()):
        made = add_card(lanes[lane], step, text, channel=channel)
        if actor is not None:
            set_card_actor(made, actor)
        if systems:
            set_card_systems(made, systems)
        cards[key] = made

    cards: dict[str, Card] = {}
    card("phones", "customer actions", first, "Phones surgery", sam, "Phone")
    card("again", "customer actions", second, "Phones again", sam, "phone ")
    card("books", "frontstage", first, "Receptionist books", receptionist, "phone")
    card("slot", "backstage", first, "Books slot", receptionist, systems=[records])
    card("slot2", "backstage", second, "books  slot", systems=[records])
    card("book", "systems", first, "Appointment book", systems=[records])
    card("lab", "support processes", second, "Lab run", lab)
    card("text", "frontstage", second, "Sends text", channel="SMS", systems=[texts])
    card("waits", "customer actions", second, "Waits")  # no channel, no actor: no node
    add_connector(cards["books"], cards["slot"])  # phone is backed by books slot
    add_connector(cards["book"], cards["slot"], "data")  # Records feeds books slot
    add_connector(cards["phones"], cards["books"])  # phone to phone: one node, no edge
    add_connector(cards["slot"], cards["lab"], "hand-off")  # two processes: same layer
    add_connector(cards["text"], cards["slot2"])  # SMS is backed by books slot

    other = add_blueprint(project, "Follow-up")
    back = add_lane(other, "backstage")
    add_card(back, add_step(other, "Files"), "BOOKS SLOT")
    session.flush()
    ids = {a.name: a.id for a in project.actors} | {s.name: s.id for s in project.systems}
    return Clinic(project, blueprint, other, cards, ids)


def expected_edges(ids: dict[str, str]) -> dict[tuple[str, str], tuple[str, int]]:
    """(upper node, lower node) -> (relation, weight) of the Booking blueprint's map."""
    sam, receptionist, lab = (f"actor:{ids[name]}" for name in ("Sam", "Receptionist", "Lab"))
    records, texts = f"system:{ids['Records']}", f"system:{ids['Texts']}"
    return {
        (sam, "channel:phone"): ("uses", 2),
        (receptionist, "channel:phone"): ("uses", 1),
        (receptionist, "process:books slot"): ("carries out", 1),
        (lab, "process:lab run"): ("carries out", 1),
        ("channel:phone", "process:books slot"): ("is backed by", 1),
        ("channel:sms", "process:books slot"): ("is backed by", 1),
        ("channel:sms", texts): ("relies on", 1),
        ("process:books slot", records): ("uses", 3),
    }
