"""The closed vocabularies of the method (DOMAIN.md), as string enums stored by value."""

from enum import StrEnum


class BlueprintKind(StrEnum):
    AS_IS = "as-is"
    TO_BE = "to-be"


class LaneKind(StrEnum):
    PHYSICAL_EVIDENCE = "physical evidence"
    CUSTOMER_ACTIONS = "customer actions"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT_PROCESSES = "support processes"
    SYSTEMS = "systems"
    CUSTOM = "custom"


STANDARD_LANE_TITLES: dict[LaneKind, str] = {
    LaneKind.PHYSICAL_EVIDENCE: "Physical evidence",
    LaneKind.CUSTOMER_ACTIONS: "Customer actions",
    LaneKind.FRONTSTAGE: "Frontstage",
    LaneKind.BACKSTAGE: "Backstage",
    LaneKind.SUPPORT_PROCESSES: "Support processes",
    LaneKind.SYSTEMS: "Systems",
    LaneKind.CUSTOM: "Lane",
}


class ConnectorKind(StrEnum):
    FLOW = "flow"
    HAND_OFF = "hand-off"
    DATA = "data"


class Perspective(StrEnum):
    SERVICE_USER = "service user"
    STAFF = "staff"
    PARTNER = "partner"


class EvidenceSource(StrEnum):
    INTERVIEW = "interview"
    WORKSHOP = "workshop"
    OBSERVATION = "observation"
    DATA = "data"
    ASSUMPTION = "assumption"


class ActorKind(StrEnum):
    SERVICE_USER = "service user"
    STAFF_ROLE = "staff role"
    PARTNER = "partner"


class Scale(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATIONAL = "organisational"
    SOCIETY_WIDE = "society-wide"


class OpportunityStatus(StrEnum):
    IDEA = "idea"
    SHORTLISTED = "shortlisted"
    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    PARKED = "parked"
