"""Models of the discretion app (行政裁量权基准)."""

from .circumstances import Circumstance, FirstOffenceEntry, FirstOffenceList, ReviewCriterion
from .search import CaseFactText, SearchIndexState, Synonym
from .versions import BenchmarkVersion, is_benchmark_admin
from .violations import OtherMeasure, StatutoryRange, Tier, TierRange, Violation

__all__ = [
    "BenchmarkVersion",
    "CaseFactText",
    "Circumstance",
    "FirstOffenceEntry",
    "FirstOffenceList",
    "OtherMeasure",
    "ReviewCriterion",
    "SearchIndexState",
    "StatutoryRange",
    "Synonym",
    "Tier",
    "TierRange",
    "Violation",
    "is_benchmark_admin",
]
