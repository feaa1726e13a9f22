"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .documents import CaseDocument
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .review import CaseReview
from .settings import CaseSettings
from .violation import CaseViolation

__all__ = [
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseEvidence",
    "EvidenceDownload",
    "EvidenceKind",
    "CaseHandler",
    "CaseQuerySet",
    "CaseReview",
    "CaseSettings",
    "CaseViolation",
]
