"""Models of the cases app (one module per concept)."""

from .case import Case, CaseHandler, CaseQuerySet
from .events import CaseEvent
from .review import CaseReview
from .settings import CaseSettings
from .violation import CaseViolation

__all__ = ["Case", "CaseEvent", "CaseHandler", "CaseQuerySet", "CaseReview", "CaseSettings", "CaseViolation"]
