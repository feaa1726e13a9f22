"""Shared steps of the supervision tests, through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from supervision.models import Campaign, Rubric
from supervision.services import campaigns

D = dt.date(2026, 6, 1)


def default_rubric() -> Rubric:
    return Rubric.objects.get(code="AJPC-CF", version=1)


def make_campaign(
    actor: Any, agencies: list[Any], *, seed: str = "s1", ratio: int = 30, draw: bool = True, **kw: Any
) -> Campaign:
    kw.setdefault("period_start", dt.date(2026, 1, 1))
    kw.setdefault("period_end", dt.date(2026, 6, 30))
    spec = campaigns.CampaignSpec(
        name="2026年上半年案卷评查",
        agencies=[a.pk for a in agencies],
        due_date=dt.date(2026, 7, 31),
        statuses=("decided",),
        ratio=Decimal(ratio),
        rubric=default_rubric().pk,
        **kw,
    )
    c = campaigns.create_campaign(spec, actor=actor)
    return campaigns.draw_campaign(c, actor=actor, seed=seed) if draw else c
