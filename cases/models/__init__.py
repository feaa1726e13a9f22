"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .measures import MeasureStatus, Preservation, PreservationHandling, Seizure, SeizureMeasure
from .records import Interview, Sampling, SiteRecord, SiteRecordKind
from .review import CaseReview
from .settings import CaseSettings
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
    "CaseViolation",
    "Interview",
    "MeasureStatus",
    "Preservation",
    "PreservationHandling",
    "Sampling",
    "Seizure",
    "SeizureMeasure",
    "SiteRecord",
    "SiteRecordKind",
]
