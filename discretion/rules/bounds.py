"""Statutory fine bounds of a violation (spec §2.3): fixed amounts, shares of the prior year's income and
multiples of the illegal gains, and whether a fine lies within them (行政处罚法 Art 30, 32). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .facts import all_met
from .types import CalculationError, RangeSpec, ViolationSpec


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _money_bounds(r: RangeSpec, facts: Mapping[str, Any]) -> tuple[int | None, int | None]:
    if r.income_share is not None:
        income = facts.get("prior_year_income")
        if income is None:
            raise CalculationError(
                "该罚款按上一年年收入的比例计算，请提供上一年年收入（prior_year_income）", field="facts"
            )
        base = Decimal(str(income))
        return _round_half_up(r.income_share[0] * base), _round_half_up(r.income_share[1] * base)
    if r.gains_multiple is not None:
        gains = facts.get("illegal_gains")
        if gains is None:
            raise CalculationError(
                "该罚款按违法所得的倍数计算，请提供违法所得（illegal_gains）", field="facts"
            )
        base = Decimal(str(gains))
        return _round_half_up(r.gains_multiple[0] * base), _round_half_up(r.gains_multiple[1] * base)
    return r.min, r.max


def statutory_bounds(
    v: ViolationSpec, subject: str, stage: str, facts: Mapping[str, Any] | None = None
) -> tuple[int | None, int] | None:
    """(min or None, max) of the statutory fine for a statute subject and stage; None if the law sets none."""
    facts = facts or {}
    rows = [r for r in v.ranges if r.stage == stage and r.subject == subject and all_met(r.conditions, facts)]
    if not rows:
        return None
    lo, hi = _money_bounds(max(rows, key=lambda r: len(r.conditions)), facts)
    return None if hi is None else (lo, hi)


def amount_within_statutory(
    v: ViolationSpec,
    subject: str,
    stage: str,
    amount: int,
    facts: Mapping[str, Any] | None = None,
    *,
    reduced: bool = False,
) -> bool:
    """Whether a fine of ``amount`` yuan is lawful: "X以上Y以下" is X ≤ amount ≤ Y (spec §2.3, the ceiling
    is reachable); a fine is a positive amount; below the minimum only with a statutory 减轻 circumstance
    (行政处罚法 Art 30, 32)."""
    bounds = statutory_bounds(v, subject, stage, facts)
    if bounds is None or amount <= 0:
        return False
    lo, hi = bounds
    if amount > hi:
        return False
    return reduced or lo is None or amount >= lo
