"""Hazard-loop periods and checks (spec §3.5), pure functions.

Periods come from 15号令 as summarised in national exam material (◐) and are configurable
(``settings.INSPECTION_HAZARD_PERIODS`` overrides the defaults below). Day type: 15号令/18号令 days are
calendar days unless the rule says otherwise (spec §1.1 table, ❓ check 18号令), with the D5 roll-over of
a last day falling on a rest day (done by the core calendar).

- the unit applies in writing for an extension at least ``extension_request_lead_days`` (10) days before the
  deadline;
- the agency answers an extension request within ``extension_decision_days`` (5 ❓) days;
- the agency re-checks within ``recheck_days`` (10 ❓) days of the unit's re-check application or of the
  deadline, and issues a 整改复查意见书.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

DAY_TYPE = "calendar"


@dataclass(frozen=True)
class HazardPeriods:
    extension_request_lead_days: int = 10
    extension_decision_days: int = 5
    recheck_days: int = 10
    max_rectification_days: int = 180  # longest deadline an order may set without a reason on file ❓


def periods_from(overrides: dict[str, Any] | None) -> HazardPeriods:
    return replace(HazardPeriods(), **(overrides or {}))


def deadline_refusal(ordered_on: dt.date, deadline: dt.date | None, periods: HazardPeriods) -> str | None:
    """Why a rectification deadline is not acceptable (None when it is)."""
    if deadline is None:
        return "请填写整改期限"
    if deadline <= ordered_on:
        return "整改期限须晚于责令整改日期"
    if (deadline - ordered_on).days > periods.max_rectification_days:
        return f"整改期限不得超过{periods.max_rectification_days}日"
    return None


def extension_request_refusal(requested_on: dt.date, deadline: dt.date, periods: HazardPeriods) -> str | None:
    """15号令: the written request comes ≥ ``extension_request_lead_days`` days before the deadline."""
    latest = deadline - dt.timedelta(days=periods.extension_request_lead_days)
    if requested_on > latest:
        return (
            f"延期申请应在整改期限届满{periods.extension_request_lead_days}日前书面提出"
            f"（整改期限{deadline.isoformat()}，最迟{latest.isoformat()}申请）"
        )
    return None


def recheck_start(deadline: dt.date, applied_on: dt.date | None) -> dt.date:
    """The re-check period runs from the unit's re-check application or from the deadline, whichever is first."""
    return min(deadline, applied_on) if applied_on else deadline
