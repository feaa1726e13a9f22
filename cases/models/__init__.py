"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .credit import CreditKind, CreditRecord, CreditRepair, DishonestyListing, ListingStatus, RepairStatus
from .decision import CaseDecision, CaseRemedy, DecisionKind, DecisionParty, RemedyKind, RemedyOutcome
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .publication import DisclosurePolicy, Publication, WithdrawalKind
from .review import CaseReview
from .settings import CaseSettings
from .violation import CaseViolation

__all__ = [
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
    "CaseViolation",
]
