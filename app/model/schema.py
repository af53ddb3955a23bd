"""All tables of the project file in one import, so the metadata is always complete."""

from app.model.base import APPLICATION_ID, SCHEMA_REVISIONS, SCHEMA_VERSION, Base, new_uuid
from app.model.catalogue import Actor, Comment, DataItem, System, card_system
from app.model.ecosystem import EcosystemPosition
from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint, opportunity_pain_point
from app.model.structure import Blueprint, Card, Connector, Lane, Project, Stage, Step

ENTITIES: tuple[type[Base], ...] = (
    Project,
    Blueprint,
    Stage,
    Step,
    Lane,
    Card,
    Connector,
    PainPoint,
    Emotion,
    KeyMoment,
    Opportunity,
    System,
    DataItem,
    Actor,
    Comment,
    EcosystemPosition,
)

__all__ = [
    "APPLICATION_ID",
    "ENTITIES",
    "SCHEMA_REVISIONS",
    "SCHEMA_VERSION",
    "Actor",
    "Base",
    "Blueprint",
    "Card",
    "Comment",
    "Connector",
    "DataItem",
    "EcosystemPosition",
    "Emotion",
    "KeyMoment",
    "Lane",
    "Opportunity",
    "PainPoint",
    "Project",
    "Stage",
    "Step",
    "System",
    "card_system",
    "new_uuid",
    "opportunity_pain_point",
]
