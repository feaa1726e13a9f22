"""Permission matrix of the 年报 pages and /api/v1/annual-reports/: supervisors of the subtree and heads
read and build; a head outside the subtree gets 404; officers 403 on lists and 404 on objects."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from enforcement.core.models import AuditEvent
from supervision.models_report import AnnualReport
from supervision.services.report import build_now, build_report
from tests.supervision.report.report_world import AS_OF, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    city = build_now(year=YEAR, agency=world.agencies.city, actor=world.supervisor, as_of=AS_OF)
    district = build_now(year=YEAR, agency=world.agencies.district_a, actor=world.head, as_of=AS_OF)
    return city, district


def api(user):
    c = APIClient()
    if user is not None:
        c.force_authenticate(user)
    return c


def test_api_list_and_detail_matrix(world, reports):
    city, district = reports
    p = world
    assert api(None).get("/api/v1/annual-reports/").status_code == 401
    assert api(p.officer1).get("/api/v1/annual-reports/").status_code == 403
    assert api(p.officer1).get(f"/api/v1/annual-reports/{district.pk}/").status_code == 404
    ids = lambda u: [r["id"] for r in api(u).get("/api/v1/annual-reports/").json()["results"]]  # noqa: E731
    assert ids(p.supervisor) == [district.pk, city.pk]
    assert ids(p.head) == [district.pk]
    assert ids(p.head_b) == []
    assert ids(p.admin) == [district.pk, city.pk]
    assert api(p.head).get(f"/api/v1/annual-reports/{city.pk}/").status_code == 404
    assert api(p.head_b).get(f"/api/v1/annual-reports/{district.pk}/").status_code == 404
    body = api(p.head).get(f"/api/v1/annual-reports/{district.pk}/").json()
    assert body["agency"] == "320111" and body["status"] == "done"
    assert body["totals"]["penalties"] == 4 and body["figures"]["as_of"] == "2026-01-31"
    assert api(p.head).post("/api/v1/annual-reports/", {}).status_code == 405


def test_api_download_returns_the_stored_file(world, reports):
    import hashlib

    city, _ = reports
    resp = api(world.supervisor).get(f"/api/v1/annual-reports/{city.pk}/download/?kind=xlsx")
    assert resp.status_code == 200
    assert hashlib.sha256(b"".join(resp.streaming_content)).hexdigest() == city.xlsx_sha256
    assert api(world.head).get(f"/api/v1/annual-reports/{city.pk}/download/?kind=pdf").status_code == 404
    assert (
        api(world.supervisor).get(f"/api/v1/annual-reports/{city.pk}/download/?kind=doc").status_code == 404
    )


def test_pages_matrix(client, world, reports):
    city, district = reports
    client.force_login(world.officer1)
    assert client.get("/supervision/reports/").status_code == 403
    assert client.get(f"/supervision/reports/{district.pk}/").status_code == 404
    assert client.get(f"/supervision/reports/{district.pk}/pdf/").status_code == 404
    before = AuditEvent.objects.count()
    assert (
        client.post("/supervision/reports/start/", {"year": YEAR, "agency": district.agency_id}).status_code
        == 403
    )
    assert AuditEvent.objects.count() == before and AnnualReport.objects.count() == 2
    client.force_login(world.head)
    page = client.get("/supervision/reports/").content.decode()
    assert f"/supervision/reports/{district.pk}/" in page and f"/supervision/reports/{city.pk}/" not in page
    assert client.get(f"/supervision/reports/{city.pk}/").status_code == 404
    detail = client.get(f"/supervision/reports/{district.pk}/").content.decode()
    assert "行政处罚决定数" in detail and "下载 PDF" in detail
    resp = client.post(f"/supervision/reports/{district.pk}/narrative/", {"narrative": "负责人修改的说明。"})
    assert resp.status_code == 302
    district.refresh_from_db()
    assert district.narrative == "负责人修改的说明。"
    client.force_login(world.head_b)
    assert (
        client.post(f"/supervision/reports/{district.pk}/narrative/", {"narrative": "x"}).status_code == 404
    )


def test_start_page_queues_the_task_and_the_panel_shows_progress(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.supervisor)
    with django_capture_on_commit_callbacks() as callbacks:
        resp = client.post(
            "/supervision/reports/start/",
            {"year": YEAR, "agency": world.agencies.city.pk, "as_of": "2026-01-31"},
        )
    report = AnnualReport.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/supervision/reports/{report.pk}/"
    assert len(callbacks) == 1 and report.as_of == dt.date(2026, 1, 31)
    panel = client.get(f"/supervision/reports/{report.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in panel and 'value="0"' in panel and "排队中" in panel
    build_report(report.pk)
    panel = client.get(f"/supervision/reports/{report.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in panel and "下载 PDF" in panel
    bad = client.post("/supervision/reports/start/", {"year": 2026, "agency": world.agencies.city.pk})
    assert bad.status_code == 302 and AnnualReport.objects.count() == 1


def test_list_query_counts_do_not_grow_with_reports(client, world, reports, django_assert_num_queries):
    from supervision.models_report import AnnualReport

    city, _ = reports
    for _ in range(3):
        AnnualReport.objects.create(year=2024, agency=city.agency, as_of=dt.date(2025, 1, 31))
    client.force_login(world.supervisor)
    api_client = api(world.supervisor)
    with django_assert_num_queries(1):
        assert len(api_client.get("/api/v1/annual-reports/").json()["results"]) == 5
    with django_assert_num_queries(6):  # session, user, roles, menu context, reports, agencies
        assert client.get("/supervision/reports/").status_code == 200
