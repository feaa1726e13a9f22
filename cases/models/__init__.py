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
from .credit import CreditKind, CreditRecord, CreditRepair, DishonestyListing, ListingStatus, RepairStatus
from .decision import CaseDecision, CaseRemedy, DecisionKind, DecisionParty, RemedyKind, RemedyOutcome
from .documents import CaseDocument
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .measures import MeasureStatus, Preservation, PreservationHandling, Seizure, SeizureMeasure
from .payment import CaseDeferral, CaseExecutionStep, CasePayment, PaymentDeadline
from .publication import DisclosurePolicy, Publication, WithdrawalKind
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
    "CreditKind",
    "CreditRecord",
    "CreditRepair",
    "DisclosurePolicy",
    "DishonestyListing",
    "ListingStatus",
    "Publication",
    "RepairStatus",
    "WithdrawalKind",
    "Case",
    "CaseDecision",
    "CaseDocument",
    "CaseEvent",
    "CaseDeferral",
    "CaseExecutionStep",
    "CasePayment",
    "PaymentDeadline",
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
