"""seed_demo's dashboard part: a campaign in progress whose panels show something for the demo supervisor and
the head of 浦口区, and the 2025 行政许可 figures dated before the report's as-of; idempotent."""

from __future__ import annotations

import datetime as dt
import io

from enforcement.core.models import AuditEvent
from supervision.demo import seed_supervision
from supervision.demo_dashboard import NAME, seed_campaign_in_progress, seed_licensing
from supervision.models import Campaign, LicensingFigures
from supervision.services import licensing
from tests.factories import EnterpriseFactory


def test_seed_campaign_in_progress_fills_the_panels(client, sw):
    p = sw.p
    EnterpriseFactory.create_batch(4, agency=p.agencies.district_a)
    seed_supervision()
    out = io.StringIO()
    seed_campaign_in_progress(stdout=out)
    assert "进行中的评查活动 1 个" in out.getvalue(), out.getvalue()
    campaign = Campaign.objects.get(name=NAME)
    assert campaign.status == "drawn"
    assert sorted(campaign.reviews.values_list("status", flat=True)) == ["assigned", "objected", "submitted"]
    client.force_login(p.supervisor)
    home = client.get("/").content.decode()
    assert "抽取 3 · 已分派 3 · 已提交 2 · 已锁定 2" in home and "待指定复核人员" in home
    assert "我的评查任务" in home and 'data-review="' in home
    client.force_login(p.head)
    home = client.get("/").content.decode()
    assert 'id="supervision-agency"' in home and 'data-notice="' in home and 'data-objectable="' in home
    events = AuditEvent.objects.count()
    seed_campaign_in_progress()
    assert AuditEvent.objects.count() == events


def test_seed_licensing_before_the_report_as_of(sw):
    a = sw.p.agencies
    seed_licensing(stdout=io.StringIO())
    entered = set(LicensingFigures.objects.values_list("agency__code", flat=True))
    assert {a.city.code, a.district_a.code, a.district_b.code} <= entered  # each has a head or supervisor
    assert a.street_a.code not in entered  # nobody there to enter: 未填报
    figures = licensing.figures_as_of(a.city, 2025, dt.date(2026, 1, 31))
    assert figures[str(a.district_a.pk)] is not None and figures[str(a.street_a.pk)] is None
    count = LicensingFigures.objects.count()
    seed_licensing()
    assert LicensingFigures.objects.count() == count
