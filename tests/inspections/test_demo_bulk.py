"""seed_demo --scale's bulk inspections: written by COPY (PostgreSQL) on approved schemes, hazards round the
loop by age, resumable and idempotent, and read by the annual report and the lists like the services' rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from enforcement.core import bulk
from enforcement.core.models import Agency
from inspections import demo_bulk
from inspections.models import Hazard, HazardEvent, HazardRecheck, Inspection, InspectionScheme, SchemeMember
from supervision.services.report_figures import compute_figures, cutoff_of
from tests.factories import EnterpriseFactory


def test_bulk_inspections_are_realistic_resumable_and_counted(client, world, monkeypatch):
    p = world.personas
    EnterpriseFactory.create_batch(5, agency=p.agencies.district_a)
    monkeypatch.setattr(demo_bulk, "BATCH", 200)
    assert demo_bulk.seed_bulk_inspections(500) == 500
    assert demo_bulk.seed_bulk_inspections(500) == 0
    assert demo_bulk.seed_bulk_inspections(550) == 50
    bulk_rows = Inspection.objects.filter(scheme__content__startswith=demo_bulk.MARK)
    assert bulk_rows.count() == 550 == demo_bulk.bulk_schemes().count()
    # two officers of the inspection's own agency, on the scheme's team too, approved scheme
    for ins in bulk_rows.select_related("scheme").prefetch_related("officers")[:60]:
        team = {u.pk for u in ins.officers.all()}
        assert len(team) == 2 and all(u.agency_id == ins.agency_id for u in ins.officers.all())
        assert set(SchemeMember.objects.filter(scheme=ins.scheme).values_list("user_id", flat=True)) == team
        assert ins.scheme.enterprise_id == ins.enterprise_id and ins.scheme.approved_by_id
        assert ins.status == "draft" or (ins.ended_at >= ins.started_at and (ins.signed_by or ins.witness))
    days = {i.started_at.date().year for i in bulk_rows}
    assert days == {2025, 2026}
    hazards = Hazard.objects.filter(inspection__in=bulk_rows)
    assert 0.25 < hazards.values("inspection").distinct().count() / 550 < 0.45
    assert {"closed", "rectifying", "overdue"} <= set(hazards.values_list("status", flat=True))
    for h in hazards.filter(status="closed")[:20]:
        assert h.recheck_result == "rectified" and h.rechecked_on >= h.ordered_on and h.closed_at
        assert list(HazardEvent.objects.filter(hazard=h).values_list("action", flat=True)) == [
            "record",
            "order_rectification",
            "recheck",
        ]
        assert HazardRecheck.objects.filter(hazard=h, result="rectified").count() == 1
    assert not hazards.filter(level="major", standard_item__isnull=True).exists()

    # the annual report counts them from the raw rows: completed and ended within 2025, as of 31 Jan 2026
    root = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    report = compute_figures(root, 2025, dt.date(2026, 1, 31))
    ended_2025 = Q(
        ended_at__gte=cutoff_of(dt.date(2024, 12, 31)), ended_at__lt=cutoff_of(dt.date(2025, 12, 31))
    )
    expected = Inspection.objects.filter(ended_2025, status="completed").count()
    assert expected > 100 and report["agencies"][0]["total"]["inspections"] == expected
    district_a = next(a for a in report["agencies"] if a["id"] == p.agencies.district_a.pk)
    assert (
        district_a["own"]["inspections"]
        == bulk_rows.filter(ended_2025, status="completed", agency=p.agencies.district_a).count()
    )

    # the lists read them like any inspection, scoped
    client.force_login(p.officer1)
    body = client.get("/api/v1/inspections/").json()
    assert body["results"] and all(r["agency"] == p.agencies.district_a.pk for r in body["results"])
    assert client.get("/api/v1/hazards/").json()["results"]
    assert client.get("/inspections/").status_code == 200
    client.force_login(p.officer_other)
    other = client.get("/api/v1/inspections/").json()["results"]
    assert all(r["agency"] != p.agencies.district_a.pk for r in other)


def test_bulk_inspections_without_copy_and_without_scale(world, monkeypatch):
    """``make demo`` (no --scale) adds nothing; the bulk_create path (SQLite) writes the same rows."""
    EnterpriseFactory.create_batch(3, agency=world.personas.agencies.district_a)
    demo_bulk.seed_bulk(scale=0)
    assert not demo_bulk.bulk_schemes().exists()
    monkeypatch.setattr(bulk, "use_copy", lambda: False)
    assert demo_bulk.seed_bulk_inspections(40) == 40
    assert InspectionScheme.objects.filter(content__startswith=demo_bulk.MARK).count() == 40
    assert (
        Inspection.officers.through.objects.filter(
            inspection__scheme__content__startswith=demo_bulk.MARK
        ).count()
        == 80
    )
