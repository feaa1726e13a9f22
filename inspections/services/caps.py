"""Yearly frequency caps (spec §3.2): the cap in force for an enterprise and how many inspections of it are
already arranged that year by every level of the 应急 system (schemes of all agencies, not only the user's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..choices import SchemeStatus
from ..models import FrequencyCap, InspectionScheme
from ..rules import plans as rules


def cap_rows() -> list[rules.CapRow]:
    return [
        rules.CapRow(
            pk=c.pk,
            jurisdiction=c.jurisdiction,
            sectors=tuple(c.sectors),
            class_label=c.class_label,
            max_per_year=c.max_per_year,
            basis=c.basis,
            effective_from=c.effective_from,
            effective_to=c.effective_to,
        )
        for c in FrequencyCap.objects.all()
    ]


def cap_for(enterprise: Any, on: dt.date, rows: list[rules.CapRow] | None = None) -> rules.CapRow | None:
    label = rules.cap_class(enterprise.sector, enterprise.standardization_level, enterprise.risk_class)
    return rules.pick_cap(
        cap_rows() if rows is None else rows,
        region_code=enterprise.region_code or "",
        sector=enterprise.sector,
        class_label=label,
        on=on,
    )


def arranged_in_year(enterprise_id: int, year: int) -> int:
    """Inspections of the enterprise arranged in ``year`` by any agency (every scheme not cancelled)."""
    return (
        InspectionScheme.objects.filter(enterprise_id=enterprise_id, window_start__year=year)
        .exclude(status=SchemeStatus.CANCELLED)
        .count()
    )


def cap_refusal(enterprise: Any, on: dt.date) -> str | None:
    """Why one more inspection of ``enterprise`` in ``on``'s year would exceed its cap, or None."""
    cap = cap_for(enterprise, on)
    if cap is None:
        return None
    return rules.cap_refusal(cap, year=on.year, already=arranged_in_year(enterprise.pk, on.year))
