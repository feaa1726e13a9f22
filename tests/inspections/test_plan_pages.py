"""Plan pages, API and dashboard: scope per persona (other agencies 404), moves through forms and the API,
dashboard figures and drill-downs, XLSX export, the public page, query counts independent of the number of
inspections, and figures supplied by a registered hook."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from inspections.choices import HazardStatus
from inspections.models import AnnualPlan
from inspections.services import plan_dashboard
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

READERS = {
    "admin": 200,
    "supervisor": 200,
    "head": 200,
    "officer1": 200,
    "assistant": 200,
    "officer_other": 404,
    "head_b": 404,
}


def _plan(world):
    return AnnualPlan.objects.get(agency=world.personas.agencies.district_a, year=2026)


def _complete(world, inspection):
    return world.completed(inspection)


def test_plan_pages_are_scoped(client, world):
    plan = _plan(world)
    for url in (
        f"/inspections/plans/{plan.pk}/",
        f"/inspections/plans/{plan.pk}/dashboard/",
        f"/inspections/plans/{plan.pk}/dashboard/hazards/",
        f"/inspections/plans/{plan.pk}/dashboard/export/",
        f"/api/v1/inspection-plans/{plan.pk}/",
        f"/api/v1/inspection-plans/{plan.pk}/dashboard/",
    ):
        got = {}
        for name in READERS:
            client.force_login(getattr(world.personas, name))
            got[name] = client.get(url).status_code
        assert got == READERS, url
        client.logout()
        assert client.get(url).status_code in (302, 401, 403), url


def test_list_shows_only_the_scope(client, world):
    client.force_login(world.personas.officer1)
    page = client.get("/inspections/plans/").content.decode()
    assert "南京市浦口区" in page or _plan(world).title in page
    other = AnnualPlan.objects.get(agency=world.personas.agencies.district_b)
    assert other.title not in page
    data = client.get("/api/v1/inspection-plans/").json()
    assert [p["id"] for p in data["results"]] == [_plan(world).pk]


def test_create_and_move_through_the_pages(client, world):
    p = world.personas
    client.force_login(p.assistant)
    assert client.post("/inspections/plans/new/", {"year": 2027, "officers": 5}).status_code == 403
    client.force_login(p.officer1)
    r = client.post(
        "/inspections/plans/new/",
        {
            "year": 2027,
            "officers": 8,
            "other_enforcement_days": 300,
            "non_enforcement_days": 200,
            "key_days": 400,
        },
    )
    plan = AnnualPlan.objects.get(agency=p.agencies.district_a, year=2027)
    assert r.status_code == 302 and r["Location"] == f"/inspections/plans/{plan.pk}/"
    r = client.post(
        f"/inspections/plans/{plan.pk}/quotas/", {"kind": "random", "sector": "trade", "count": "900"}
    )
    page = client.get(f"/inspections/plans/{plan.pk}/").content.decode()
    assert "计划一般检查900家次需1800个工作日" in page  # the capacity warning
    client.post(f"/inspections/plans/{plan.pk}/submit/")
    plan.refresh_from_db()
    assert plan.status == "submitted"
    client.force_login(p.head)
    r = client.post(f"/inspections/plans/{plan.pk}/approve/", {"approved_by": "", "approved_on": ""})
    plan.refresh_from_db()
    assert plan.status == "submitted"
    r = client.post(
        f"/inspections/plans/{plan.pk}/approve/",
        {"approved_by": "浦口区人民政府", "approved_on": "2026-05-20"},
    )
    client.post(f"/inspections/plans/{plan.pk}/publish/")
    plan.refresh_from_db()
    assert plan.status == "published"
    # public page, no login
    client.logout()
    assert plan.title in client.get("/public/plans/").content.decode()
    assert "浦口区人民政府" in client.get(f"/public/plans/{plan.pk}/").content.decode()
    draft = AnnualPlan.objects.get(agency=p.agencies.district_b)
    draft.status = "draft"
    draft.save(update_fields=["status"])
    assert client.get(f"/public/plans/{draft.pk}/").status_code == 404


def test_api_create_and_actions(client, world):
    p = world.personas
    client.force_login(p.officer1)
    r = client.post(
        "/api/v1/inspection-plans/",
        {
            "year": 2027,
            "officers": 10,
            "other_enforcement_days": 600,
            "non_enforcement_days": 480,
            "key_days": 560,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["capacity"]["inspection_days"] == body["capacity"]["working_days"] * 10 - 1080
    pk = body["id"]
    r = client.post(f"/api/v1/inspection-plans/{pk}/actions/submit/", {}, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "plan.has_version"
    r = client.post(
        f"/api/v1/inspection-plans/{pk}/quotas/",
        {"kind": "random", "sector": "trade", "count": 20},
        content_type="application/json",
    )
    assert r.status_code == 201
    r = client.post(f"/api/v1/inspection-plans/{pk}/actions/submit/", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    r = client.post(
        f"/api/v1/inspection-plans/{pk}/actions/approve/",
        {"approved_by": "浦口区人民政府", "approved_on": "2026-05-20"},
        content_type="application/json",
    )
    assert r.status_code == 403
    client.force_login(p.head_b)
    r = client.post(f"/api/v1/inspection-plans/{pk}/actions/approve/", {}, content_type="application/json")
    assert r.status_code == 404
    client.force_login(p.head)
    r = client.post(f"/api/v1/inspection-plans/{pk}/actions/nonsense/", {}, content_type="application/json")
    assert r.status_code == 404


def test_dashboard_figures_drills_and_export(client, world, django_assert_max_num_queries):
    plan = _plan(world)
    done = _complete(world, world.inspection())
    world.hazard_in(HazardStatus.CLOSED)
    world.hazard_in(HazardStatus.OVERDUE)
    world.enterprise.is_key = True
    world.enterprise.save(update_fields=["is_key"])
    EnterpriseFactory(agency=world.personas.agencies.district_a, is_key=True, name="南京浦口化工有限公司")
    board = plan_dashboard.build(plan)
    assert (board.key_total, board.key_covered, board.key_coverage_percent) == (2, 1, 50)
    assert [r[0] for r in plan_dashboard.drill(plan, "key_uncovered").rows] == ["南京浦口化工有限公司"]
    assert board.done_total == 1  # the hazards' inspections are still on site (drafts do not count)
    june = board.months[5]
    assert june["planned"] >= 40
    assert board.hazards["found"] == 2 and board.hazards["rectified"] == 1 and board.hazards["overdue"] == 1
    assert board.draws_published == 0 and board.visits_avoided == 0
    drill = plan_dashboard.drill(plan, "done", month=6)
    assert done.enterprise.name in [r[0] for r in drill.rows]
    client.force_login(world.personas.officer1)
    r = client.get(f"/inspections/plans/{plan.pk}/dashboard/export/")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "2026年度监督检查计划执行情况.xlsx" in unquote(r["Content-Disposition"])
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == ["月份", "计划检查（家次）", "完成检查（家次）"]
    assert ws["A7"].value == "6月"
    page = client.get(f"/inspections/plans/{plan.pk}/dashboard/").content.decode()
    assert 'id="plan-chart-data"' in page and "vendor/echarts/echarts.min.js" in page
    assert client.get(f"/inspections/plans/{plan.pk}/dashboard/nothing/").status_code == 404


def test_dashboard_queries_do_not_grow(client, world, django_assert_max_num_queries):
    plan = _plan(world)
    _complete(world, world.inspection())
    client.force_login(world.personas.officer1)
    with django_assert_max_num_queries(10) as small:
        client.get(f"/api/v1/inspection-plans/{plan.pk}/dashboard/")
    for _ in range(3):
        _complete(world, world.inspection())
        world.hazard()
    with django_assert_max_num_queries(10) as large:
        client.get(f"/api/v1/inspection-plans/{plan.pk}/dashboard/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_draw_and_joint_figures(world):
    """Published draws of the plan's agency and year, and one avoided visit per participant of a completed
    joint inspection the agency led that year (rows written directly: the counting is what is tested)."""
    from django.utils import timezone

    from inspections.models import JointInspection, JointParticipant, RandomDraw

    p, a = world.personas, world.personas.agencies
    plan = _plan(world)
    common = {"period_start": dt.date(2026, 6, 1), "period_end": dt.date(2026, 6, 30), "seed": "s"}
    for agency, year, status in (
        (a.district_a, 2026, "published"),
        (a.district_a, 2026, "drawn"),
        (a.district_b, 2026, "published"),
        (a.district_a, 2025, "published"),
    ):
        RandomDraw.objects.create(
            agency=agency, year=year, status=status, title="抽查", drawn_at=timezone.now(), **common
        )
    for status, n in (("done", 3), ("planned", 2)):
        joint = JointInspection.objects.create(
            lead_agency=a.district_a,
            title="联检",
            enterprise=world.enterprise,
            scheduled_on=dt.date(2026, 5, 1),
            status=status,
            created_by=p.head,
        )
        for i in range(n):
            JointParticipant.objects.create(joint=joint, department=f"部门{i}")
    board = plan_dashboard.build(plan)
    assert (board.draws_published, board.visits_avoided) == (1, 3)
