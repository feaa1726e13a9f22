"""Reach plan states through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from inspections.models import AnnualPlan
from inspections.services import plans

INPUTS = {
    "officers": 10,
    "other_enforcement_days": 600,
    "non_enforcement_days": 480,
    "key_days": 560,
    "days_per_inspection": "2",
}


def make_plan(
    agency: Any, preparer: Any, head: Any, *, year: int = 2026, state: str = "published", general: int = 40
) -> AnnualPlan:
    plan = plans.create_plan(actor=preparer, agency=agency, year=year, inputs=INPUTS)
    plans.add_quota(
        plan,
        actor=preparer,
        quota={
            "kind": "random",
            "sector": "machinery",
            "class_label": "标准化三级",
            "count": general,
            "month": 6,
        },
    )
    if state == "draft":
        return plan
    plan = plans.transition_plan(plan, "submit", actor=preparer)
    if state == "submitted":
        return plan
    plan = plans.transition_plan(
        plan,
        "approve",
        actor=head,
        params={
            "approved_by": "南京市浦口区人民政府",
            "approved_on": dt.date(2026, 1, 20),
            "approval_ref": "浦政复〔2026〕3号",
        },
    )
    if state == "approved":
        return plan
    return plans.transition_plan(plan, "publish", actor=head)
