"""Models of the cases app (one module per concept)."""

from .archive import (
    BorrowingStatus,
    CaseBorrowing,
    CaseClosure,
    CaseDossier,
    CaseSupplement,
    CloseGround,
)
from .case import Case, CaseHandler, CaseQuerySet
from .decision import CaseDecision, CaseRemedy, DecisionKind, DecisionParty, RemedyKind, RemedyOutcome
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .measures import MeasureStatus, Preservation, PreservationHandling, Seizure, SeizureMeasure
from .records import Interview, Sampling, SiteRecord, SiteRecordKind
from .review import CaseReview
from .service import CaseService, ServedKind, ServiceMethod
from .settings import CaseSettings
from .summary import SummaryDecision
from .transfer import CaseTransfer
from .violation import CaseViolation

__all__ = [
    "BorrowingStatus",
    "CaseBorrowing",
    "CaseClosure",
    "CaseDossier",
    "CaseSupplement",
    "CloseGround",
    "Case",
    "CaseDecision",
    "CaseEvent",
    "CaseRemedy",
    "RemedyKind",
    "RemedyOutcome",
    "DecisionKind",
    "DecisionParty",
    "CaseEvidence",
    "EvidenceDownload",
    "EvidenceKind",
    "CaseHandler",
    "CaseQuerySet",
    "CaseReview",
    "CaseSettings",
    "CaseTransfer",
    "SummaryDecision",
    "CaseService",
    "ServedKind",
    "ServiceMethod",
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
