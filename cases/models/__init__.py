"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .decision import CaseDecision, DecisionKind, DecisionParty
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .review import CaseReview
from .settings import CaseSettings
from .violation import CaseViolation

__all__ = [
    "Case",
    "CaseDecision",
    "CaseEvent",
    "DecisionKind",
    "DecisionParty",
    "CaseEvidence",
    "EvidenceDownload",
    "EvidenceKind",
    "CaseHandler",
    "CaseQuerySet",
    "CaseReview",
    "CaseSettings",
    "CaseViolation",
]
