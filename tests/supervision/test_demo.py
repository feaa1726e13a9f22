"""seed_demo's supervision part: a finished campaign with reviews in every grade, an 优秀案卷 and a
rectification in progress, through the services; idempotent."""

from __future__ import annotations

import io

from enforcement.core.models import AuditEvent
from supervision.demo import seed_supervision
from supervision.models import Campaign, CaseFileReview, Rectification
from tests.factories import EnterpriseFactory


def test_seed_supervision(sw):
    p = sw.p
    EnterpriseFactory.create_batch(4, agency=p.agencies.district_a)
    out = io.StringIO()
    seed_supervision(stdout=out)
    assert "评查活动 1 个" in out.getvalue(), out.getvalue()
    campaign = Campaign.objects.get()
    assert campaign.status == "closed"
    grades = list(CaseFileReview.objects.order_by("draw_order").values_list("grade", flat=True))
    assert set(grades) == {"excellent", "pass", "fail"} and len(grades) == 4
    assert CaseFileReview.objects.filter(excellent=True).count() == 1
    assert Rectification.objects.get().status == "open"
    events = AuditEvent.objects.count()
    seed_supervision()
    assert AuditEvent.objects.count() == events
