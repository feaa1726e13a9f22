"""Calibration of the recommendation against published decisions: how far the recommended fine lies from
the fine actually decided, as a share of the statutory range. Pure functions.

The figure to watch as benchmark tiers are added: a recommendation at the middle of an "up to 50,000"
range (行政处罚法 Art 34 leaves the choice within the range to the benchmark) against a decided 5,000 is
0.4 of the range away; a tier that narrows the range towards what agencies decide brings it down.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def range_share(recommended: int, decided: int, statutory_min: int | None, statutory_max: int) -> float:
    """``|recommended − decided|`` as a share of the statutory range; an open lower end ("以下") is 0.

    >>> range_share(25000, 5000, None, 50000)
    0.4
    """
    low = statutory_min or 0
    width = statutory_max - low
    if width <= 0:
        return 0.0 if recommended == decided else 1.0
    return abs(recommended - decided) / width


@dataclass(frozen=True)
class CalibrationSummary:
    n: int
    mean: float
    median: float
    within_10pct: float  # share of decisions whose recommendation is within 10 % of the range
    within_25pct: float


def summarise(shares: Sequence[float]) -> CalibrationSummary:
    """Mean, median and the share of decisions close to their recommendation (0 for an empty table)."""
    if not shares:
        return CalibrationSummary(0, 0.0, 0.0, 0.0, 0.0)
    n = len(shares)
    return CalibrationSummary(
        n=n,
        mean=statistics.fmean(shares),
        median=statistics.median(shares),
        within_10pct=sum(1 for s in shares if s <= 0.1) / n,
        within_25pct=sum(1 for s in shares if s <= 0.25) / n,
    )
