"""The deciding agency's power over the case's items on the decision date (行政处罚法 Art 38 ¶1: a
penalty by a body without the power over the matter is void). The items are those of the violations
found (their enforcement items in the catalog), else the item the case was opened under."""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement.core.models import EnforcementItem
from enforcement.core.services.agencies import agency_may_act

from ..models import Case

ARTICLE = "（行政处罚法第三十八条第一款：实施主体不具有行政主体资格的，行政处罚无效）"


def case_items(case: Case) -> list[EnforcementItem]:
    codes = list(
        dict.fromkeys(v.enforcement_item_code for v in case.violations.all() if v.enforcement_item_code)
    )
    if codes:
        return list(EnforcementItem.objects.filter(code__in=codes).order_by("code"))
    return [case.item] if case.item is not None else []


def agency_power_refusal(case: Case, on: dt.date) -> str | None:
    """None when the deciding agency holds the power over every item of the case on ``on``."""
    reasons: list[str] = []
    for item in case_items(case):
        verdict = agency_may_act(case.deciding_agency, item, on)
        if not verdict.allowed:
            reasons += [r for r in verdict.reasons if r not in reasons]
    return "；".join(reasons) + ARTICLE if reasons else None


def g_agency_power(case: Case, ctx: Any) -> str | None:
    return agency_power_refusal(case, ctx.on_date)
