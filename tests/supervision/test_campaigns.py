"""案卷评查 campaigns: scope in the supervisor's subtree, a sample meeting ≥ 30 % per agency, reproducible and
verifiable from the stored seed and pool hash (core sampling, as the 双随机 draws)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent
from enforcement.core.rules import sampling
from supervision import rules
from supervision.models import Campaign, CaseFileReview
from supervision.services import campaigns

from .conftest import decide
from .helpers import default_rubric, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(sw):
    return [decide(sw.cw) for _ in range(4)]


def test_draw_meets_the_rule_and_is_reproducible(sw, decided):
    p = sw.p
    c = make_campaign(p.supervisor, [p.agencies.district_a, p.agencies.district_b], seed="abc")
    ids = sorted(x.pk for x in decided)
    assert c.pool == [[i, p.agencies.district_a.pk] for i in ids]
    assert c.pool_hash == sampling.lines_hash(f"{i}:{p.agencies.district_a.pk}" for i in ids)
    sample = list(c.reviews.order_by("draw_order").values_list("case_id", flat=True))
    # 30 % of 4 rounded up = 2, drawn by the smallest SHA-256 ranks of "abc|C|<agency>|<case>"
    expected = sorted(ids, key=lambda i: sampling.rank("abc", f"C|{p.agencies.district_a.pk}", i))[:2]
    assert sample == expected
    assert [(a.agency.code, a.pool, a.drawn, a.meets_rule) for a in campaigns.progress(c)] == [
        (p.agencies.district_a.code, 4, 2, True),
        (p.agencies.district_b.code, 0, 0, True),
    ]
    check = campaigns.verify_campaign(c)
    assert (check.ok, check.pool_unchanged) == (True, True)
    assert AuditEvent.objects.filter(action="supervision.campaign_draw", object_id=c.pk).count() == 1


def test_verify_notices_a_tampered_record_and_a_changed_pool(sw, decided):
    p = sw.p
    c = make_campaign(p.supervisor, [p.agencies.district_a])
    decide(sw.cw)
    assert campaigns.verify_campaign(c).pool_unchanged is False
    Campaign.objects.filter(pk=c.pk).update(seed="other")
    c.refresh_from_db()
    assert campaigns.verify_campaign(c).sample_ok is False


def test_scope_is_the_supervisors_subtree(sw, decided):
    p = sw.p
    with pytest.raises(InvalidInput) as exc:
        make_campaign(p.supervisor, [p.agencies.province], draw=False)
    assert exc.value.fields["agencies"] == ["只能评查本机构及下级机构的案卷"]
    with pytest.raises(NotAllowed):
        make_campaign(p.officer1, [p.agencies.district_a], draw=False)
    with pytest.raises(InvalidInput) as exc:
        make_campaign(p.supervisor, [p.agencies.district_a], ratio=20, draw=False)
    assert "ratio" in exc.value.fields
    assert Campaign.objects.count() == 0


def test_a_campaign_is_drawn_once_and_an_empty_pool_refused(sw, decided):
    p = sw.p
    c = make_campaign(p.supervisor, [p.agencies.district_a])
    with pytest.raises(InvalidTransition):
        campaigns.draw_campaign(c, actor=p.supervisor)
    empty = make_campaign(p.supervisor, [p.agencies.district_b], draw=False)
    with pytest.raises(InvalidInput, match="没有符合条件"):
        campaigns.draw_campaign(empty, actor=p.supervisor)
    assert CaseFileReview.objects.filter(campaign=empty).count() == 0


def test_closed_or_archived_by_default(sw, decided):
    p = sw.p
    spec = campaigns.CampaignSpec(
        name="x",
        agencies=[p.agencies.district_a.pk],
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2026, 12, 31),
        rubric=default_rubric().pk,
    )
    c = campaigns.create_campaign(spec, actor=p.supervisor)
    assert c.statuses == ["closed", "archived"] and c.ratio == Decimal(30)
    assert campaigns.live_pool(c) == []  # the decided cases are not closed yet
    assert rules.sample_size(4, c.ratio, c.min_per_agency) == 2


def test_decision_kinds_narrow_the_pool(sw, decided):
    p = sw.p
    c = make_campaign(p.supervisor, [p.agencies.district_a], draw=False, decision_kinds=("no_penalty",))
    assert campaigns.live_pool(c) == []
    c = make_campaign(p.supervisor, [p.agencies.district_a], draw=False, decision_kinds=("penalty",))
    assert sorted(i for i, _ in campaigns.live_pool(c)) == sorted(x.pk for x in decided)
