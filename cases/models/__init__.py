"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .decision import CaseDecision, CaseRemedy, DecisionKind, DecisionParty, RemedyKind, RemedyOutcome
from .events import CaseEvent
from .evidence import CaseEvidence, EvidenceDownload, EvidenceKind
from .payment import CaseDeferral, CaseExecutionStep, CasePayment, PaymentDeadline
from .review import CaseReview
from .settings import CaseSettings
from .violation import CaseViolation

__all__ = [
    "Case",
    "CaseDecision",
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
    "CaseViolation",
]
