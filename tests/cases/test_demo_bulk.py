"""seed_demo --scale's bulk cases: written by COPY (PostgreSQL), shaped like a working year, resumable,
and usable by the list exactly as cases made by the services."""

from __future__ import annotations

import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType

from cases import demo_bulk
from cases.choices import CaseStatus as S
from cases.models import Case, CaseEvent, CaseHandler, CaseViolation
from enforcement.core import bulk
from enforcement.core.models import Deadline
from tests.factories import EnterpriseFactory

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def firms(personas):
    a = personas.agencies
    return [EnterpriseFactory(agency=a.district_a) for _ in range(6)] + [
        EnterpriseFactory(agency=a.district_b) for _ in range(3)
    ]


def test_bulk_cases_are_realistic_and_resumable(client, personas, firms, monkeypatch):
    monkeypatch.setattr(demo_bulk, "BATCH", 150)
    assert demo_bulk.seed_bulk_cases(400) == 400
    assert demo_bulk.seed_bulk_cases(400) == 0
    assert demo_bulk.seed_bulk_cases(450) == 50
    cases = Case.objects.filter(source_ref__has_key="bulk")
    assert cases.count() == 450
    statuses = set(cases.values_list("status", flat=True))
    assert {S.DRAFT, S.FILED, S.DECIDED, S.NOTIFIED} <= statuses
    assert cases.values("deciding_agency").distinct().count() == 2
    assert cases.values("source").distinct().count() >= 5
    # two active handlers, one lead, from the case's own agency
    assert CaseHandler.objects.filter(case__in=cases, active=True).count() == 900
    assert CaseHandler.objects.filter(case__in=cases, is_lead=True).count() == 450
    for h in CaseHandler.objects.filter(case__in=cases).select_related("case", "user")[:100]:
        assert h.user.agency_id == h.case.deciding_agency_id
    decided = cases.filter(status=S.DECIDED).first()
    assert decided.number and decided.decided_on and decided.filed_on <= decided.decided_on
    assert CaseViolation.objects.filter(case=decided).exists()
    assert list(CaseEvent.objects.filter(case=decided).values_list("action", flat=True))[-1] == "decide"
    # events are recorded on their own day, in order (the annual report's as-of cut-off reads ``at``);
    # filing and decision on the case's dates
    for c in cases.filter(status=S.DECIDED)[:40]:
        timeline = list(CaseEvent.objects.filter(case=c).values_list("action", "on_date", "at"))
        assert [on for _, on, _ in timeline] == sorted(on for _, on, _ in timeline)
        assert all(at.astimezone(TZ).date() == on for _, on, at in timeline)
        days = {action: on for action, on, _ in timeline}
        assert days["approve_filing"] == c.filed_on and days["decide"] == c.decided_on
    ct = ContentType.objects.get_for_model(Case)
    running = cases.filter(status=S.FILED).first()
    deadline = Deadline.objects.get(content_type=ct, object_id=running.pk, kind="CASE_DECISION")
    assert set(deadline.responsible.values_list("pk", flat=True)) == set(
        running.handler_rows.values_list("user_id", flat=True)
    )
    assert not Deadline.objects.filter(content_type=ct, object_id=decided.pk).exists()
    # after the decision (cases part 2): one decision per decided penalty case, some served, paid, published,
    # so the list's stage filters find cases at volume
    from cases.models import CaseDecision, CasePayment, Publication
    from cases.services.list_filters import apply_stage_filter

    penalties = cases.filter(status=S.DECIDED, proposal="penalty")
    assert CaseDecision.objects.filter(case__in=penalties).count() == penalties.count() > 0
    assert CasePayment.objects.filter(decision__case__in=cases).exists()
    assert Publication.objects.filter(decision__case__in=cases).exists()
    for d in CaseDecision.objects.filter(case__in=cases)[:50]:
        total = sum(f["amount"] for v in d.case.violations.all() for f in v.decided_fines)
        assert d.amount == total and d.decided_on == d.case.decided_on
    for stage in ("to_serve", "to_publish", "to_close"):
        assert apply_stage_filter(cases, stage).exists(), stage
    # the list sees them like any case
    client.force_login(personas.head)
    body = client.get("/api/v1/cases/", {"status": "filed", "page_size": 100}).json()
    assert body["results"] and all(
        r["deciding_agency"] == personas.agencies.district_a.pk for r in body["results"]
    )
    client.force_login(personas.assistant)
    assert client.get("/api/v1/cases/").json()["results"] == []


def test_bulk_cases_without_copy(personas, firms, monkeypatch):
    """The bulk_create path (SQLite and other databases) writes the same rows."""
    monkeypatch.setattr(bulk, "use_copy", lambda: False)
    assert demo_bulk.seed_bulk_cases(60) == 60
    cases = Case.objects.filter(source_ref__has_key="bulk")
    assert CaseHandler.objects.filter(case__in=cases, active=True).count() == 120
    assert CaseEvent.objects.filter(case__in=cases).count() >= 60
