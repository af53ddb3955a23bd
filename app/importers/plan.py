"""What an importer found, before anything is written: an import plan of blueprints with
their lanes, steps, cards and connectors, in plain data. build.py writes a plan into a
project; every importer (CSV, JSON, draw.io) only has to produce one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model.errors import StagecraftError
from app.model.kinds import (
    BlueprintKind,
    ConnectorKind,
    EvidenceSource,
    LaneKind,
    Perspective,
)


class ImportFailed(StagecraftError):
    """The source cannot be brought in; the message says what is wrong and what to do."""


class ImportCancelled(StagecraftError):
    """The person stopped the import (the progress callback raised it); nothing was written."""


@dataclass
class PainPlan:
    description: str
    severity: int = 3
    perspective: Perspective = Perspective.SERVICE_USER
    evidence: EvidenceSource = EvidenceSource.ASSUMPTION
    people_affected: int | None = None
    underserved_group: str = ""
    resolved: bool = False


@dataclass
class CardPlan:
    lane: int
    step: int
    text: str
    key: str = ""  # the source's id for the card, so connectors can name it
    actor: str = ""
    channel: str = ""
    systems: tuple[str, ...] = ()
    duration_minutes: int | None = None
    fail_point: bool = False
    wait_point: bool = False
    notes: str = ""
    pain_points: tuple[PainPlan, ...] = ()


@dataclass
class LanePlan:
    title: str
    kind: LaneKind = LaneKind.CUSTOM


@dataclass
class StepPlan:
    title: str
    stage: str = ""  # the stage's title; "" for a step in no stage
    # Optional extras the JSON export carries (None: not given).
    emotion_user: int | None = None
    emotion_staff: int | None = None
    key_moment: tuple[int, int, str] | None = None  # (to user, to provider, note)
    pain_points: tuple[PainPlan, ...] = ()


@dataclass
class ConnectorPlan:
    source: str  # card keys
    target: str
    kind: ConnectorKind = ConnectorKind.FLOW
    label: str = ""


@dataclass
class BlueprintPlan:
    name: str
    kind: BlueprintKind = BlueprintKind.AS_IS
    lanes: list[LanePlan] = field(default_factory=list)
    steps: list[StepPlan] = field(default_factory=list)
    cards: list[CardPlan] = field(default_factory=list)
    connectors: list[ConnectorPlan] = field(default_factory=list)
    description: str = ""


@dataclass
class ImportPlan:
    source: str
    blueprints: list[BlueprintPlan] = field(default_factory=list)
    # What could not be brought in, each in words ("2 text boxes outside every lane: …").
    skipped: list[str] = field(default_factory=list)

    def card_count(self) -> int:
        return sum(len(b.cards) for b in self.blueprints)


_LANE_WORDS: dict[str, LaneKind] = {
    "physicalevidence": LaneKind.PHYSICAL_EVIDENCE,
    "evidence": LaneKind.PHYSICAL_EVIDENCE,
    "props": LaneKind.PHYSICAL_EVIDENCE,
    "customer": LaneKind.CUSTOMER_ACTIONS,
    "customers": LaneKind.CUSTOMER_ACTIONS,
    "customeraction": LaneKind.CUSTOMER_ACTIONS,
    "customeractions": LaneKind.CUSTOMER_ACTIONS,
    "customerjourney": LaneKind.CUSTOMER_ACTIONS,
    "user": LaneKind.CUSTOMER_ACTIONS,
    "useractions": LaneKind.CUSTOMER_ACTIONS,
    "serviceuser": LaneKind.CUSTOMER_ACTIONS,
    "serviceuseractions": LaneKind.CUSTOMER_ACTIONS,
    "patient": LaneKind.CUSTOMER_ACTIONS,
    "patientactions": LaneKind.CUSTOMER_ACTIONS,
    "frontstage": LaneKind.FRONTSTAGE,
    "frontstageactions": LaneKind.FRONTSTAGE,
    "frontstageinteractions": LaneKind.FRONTSTAGE,
    "onstage": LaneKind.FRONTSTAGE,
    "onstageactions": LaneKind.FRONTSTAGE,
    "frontofhouse": LaneKind.FRONTSTAGE,
    "backstage": LaneKind.BACKSTAGE,
    "backstageactions": LaneKind.BACKSTAGE,
    "backstageinteractions": LaneKind.BACKSTAGE,
    "backofhouse": LaneKind.BACKSTAGE,
    "support": LaneKind.SUPPORT_PROCESSES,
    "supportprocess": LaneKind.SUPPORT_PROCESSES,
    "supportprocesses": LaneKind.SUPPORT_PROCESSES,
    "supportactions": LaneKind.SUPPORT_PROCESSES,
    "processes": LaneKind.SUPPORT_PROCESSES,
    "system": LaneKind.SYSTEMS,
    "systems": LaneKind.SYSTEMS,
    "technology": LaneKind.SYSTEMS,
    "itsystems": LaneKind.SYSTEMS,
    "tools": LaneKind.SYSTEMS,
    "toolsandsystems": LaneKind.SYSTEMS,
    "systemsandtools": LaneKind.SYSTEMS,
}


def lane_kind_for(title: str) -> LaneKind:
    """The standard lane kind a lane's title names ("Customer actions", "BACK-STAGE",
    "Support processes:"), case, spaces and punctuation aside; CUSTOM for any other."""
    word = re.sub(r"[^a-z]", "", title.casefold().replace("&", "and"))
    return _LANE_WORDS.get(word, LaneKind.CUSTOM)
