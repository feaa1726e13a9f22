"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .review import CaseReview
from .settings import CaseSettings
from .summary import SummaryDecision
from .transfer import CaseTransfer
from .violation import CaseViolation

__all__ = [
    "Case",
    "CaseEvent",
    "CaseEvidence",
    "EvidenceDownload",
    "EvidenceKind",
    "CaseHandler",
    "CaseQuerySet",
    "CaseReview",
    "CaseSettings",
    "CaseTransfer",
    "SummaryDecision",
    "CaseViolation",
]
