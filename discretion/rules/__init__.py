"""Legal rules of the discretion app as pure functions (no ORM)."""

from .bounds import amount_within_statutory, statutory_bounds
from .calculator import recommend, version_in_force
from .types import (
    CalculationError,
    Catalog,
    CircumstanceSpec,
    Condition,
    Fine,
    FirstOffenceSpec,
    MeasureSpec,
    RangeSpec,
    Recommendation,
    RecommendationRequest,
    ReviewCriterionSpec,
    TierRangeSpec,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

__all__ = [
    "CalculationError",
    "Catalog",
    "CircumstanceSpec",
    "Condition",
    "Fine",
    "FirstOffenceSpec",
    "MeasureSpec",
    "RangeSpec",
    "Recommendation",
    "RecommendationRequest",
    "ReviewCriterionSpec",
    "TierRangeSpec",
    "TierSpec",
    "VersionSpec",
    "ViolationSpec",
    "amount_within_statutory",
    "recommend",
    "statutory_bounds",
    "version_in_force",
]
