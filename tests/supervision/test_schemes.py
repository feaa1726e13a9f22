"""检查方案抽查: ≥ 20 % of each agency's approved schemes are drawn (the same verifiable draw); each is found
compliant or returned with reasons (seed 004 ◐)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from supervision.choices import CampaignKind, SchemeCheckStatus
from supervision.services import campaigns, schemes
from tests.inspections.conftest import make_world

pytestmark = pytest.mark.django_db


def test_scheme_sampling(personas, frozen, work_calendar):
    world = make_world(personas)
    made = [world.scheme() for _ in range(6)]
    world.scheme(approved=False)  # a draft is not in the pool
    spec = campaigns.CampaignSpec(
        name="2026年检查方案抽查",
        kind=CampaignKind.SCHEMES,
        agencies=[personas.agencies.district_a.pk],
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2026, 12, 31),
        ratio=Decimal(20),
    )
    with pytest.raises(InvalidInput):
        campaigns.create_campaign(
            campaigns.CampaignSpec(**{**spec.__dict__, "ratio": Decimal(10)}), actor=personas.supervisor
        )
    c = campaigns.draw_campaign(
        campaigns.create_campaign(spec, actor=personas.supervisor), actor=personas.supervisor, seed="x"
    )
    assert sorted(s for s, _ in c.pool) == sorted(m.pk for m in made)
    checks = list(c.scheme_checks.order_by("draw_order"))
    assert len(checks) == 2  # ceil(6 × 20 %) = 2
    assert campaigns.verify_campaign(c).ok
    with pytest.raises(NotAllowed):
        schemes.check_scheme(checks[0], actor=personas.head, compliant=True)
    with pytest.raises(InvalidInput, match="理由"):
        schemes.check_scheme(checks[0], actor=personas.supervisor, compliant=False)
    first = schemes.check_scheme(
        checks[0], actor=personas.supervisor, compliant=False, reasons="未列明检查专家资质"
    )
    assert (first.status, first.reasons) == (SchemeCheckStatus.RETURNED, "未列明检查专家资质")
    with pytest.raises(InvalidTransition):
        schemes.check_scheme(first, actor=personas.supervisor, compliant=True)
    with pytest.raises(InvalidTransition, match="尚有 1 份"):
        campaigns.close_campaign(c, actor=personas.supervisor)
    schemes.check_scheme(checks[1], actor=personas.supervisor, compliant=True)
    assert campaigns.close_campaign(c, actor=personas.supervisor).status == "closed"
    assert [(a.pool, a.drawn, a.done, a.meets_rule) for a in campaigns.progress(c)] == [(6, 2, 2, True)]
