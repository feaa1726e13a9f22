"""Permission matrix of every discretion page and API endpoint: anonymous → login redirect (pages) or
401 (API); every logged-in user reads published and reference versions; drafts are 404 for everybody
but benchmark admins (系统管理员, superuser); writes (copy, publish, import, admin site) only for
benchmark admins — a denial is 403 (or 404 for an invisible draft), changes nothing and records no
audit event."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from discretion.models import BenchmarkVersion, StatutoryRange, Violation
from discretion.services import create_version_copy
from discretion.services.xlsx import export_benchmark_xlsx
from enforcement.core import roles
from enforcement.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

READERS = [
    "officer1",
    "officer2",
    "assistant",
    "expired",
    "reviewer",
    "head",
    "supervisor",
    "officer_other",
    "head_b",
]
ADMINS = ["cityadmin", "admin"]


@pytest.fixture
def draft(benchmark, personas) -> BenchmarkVersion:
    return create_version_copy(
        benchmark, code="DRAFT-1", name="草稿", effective_from=dt.date(2027, 1, 1), actor=personas.cityadmin
    )


def state() -> tuple[Any, ...]:
    """Everything a refused write could have touched."""
    return (
        list(BenchmarkVersion.objects.order_by("pk").values_list("pk", "status", "effective_to", "name")),
        Violation.objects.count(),
        StatutoryRange.objects.count(),
        AuditEvent.objects.count(),
    )


def page_urls(benchmark: BenchmarkVersion, draft: BenchmarkVersion) -> dict[str, str]:
    v = benchmark.violations.get(code="AQ-097-I7")
    return {
        "index": "/discretion/",
        "search": "/discretion/search/?q=99条",
        "violation": f"/discretion/violations/{v.pk}/",
        "versions": "/discretion/versions/",
        "version": f"/discretion/versions/{benchmark.pk}/",
        "compare": f"/discretion/versions/compare/?a={benchmark.pk}&b={benchmark.pk}",
        "export": f"/discretion/versions/{benchmark.pk}/export.xlsx",
    }


def draft_urls(draft: BenchmarkVersion) -> dict[str, str]:
    dv = draft.violations.get(code="AQ-097-I7")
    return {
        "violation": f"/discretion/violations/{dv.pk}/",
        "version": f"/discretion/versions/{draft.pk}/",
        "compare": f"/discretion/versions/compare/?a={draft.pk}&b={draft.pk}",
        "export": f"/discretion/versions/{draft.pk}/export.xlsx",
        "api_violation": f"/api/v1/discretion/violations/{dv.pk}/",
        "api_version": f"/api/v1/discretion/versions/{draft.pk}/",
    }


# ----------------------------------------------------------------- anonymous


def test_anonymous_pages_redirect_to_login_and_change_nothing(benchmark, draft):
    client = Client()
    before = state()
    for name, url in page_urls(benchmark, draft).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/?next="), name
    v = benchmark.violations.get(code="AQ-097-I7")
    for url in (
        f"/discretion/violations/{v.pk}/calculate/",
        f"/discretion/versions/{benchmark.pk}/copy/",
        f"/discretion/versions/{draft.pk}/publish/",
        f"/discretion/versions/{draft.pk}/import/",
    ):
        response = client.post(url, {"code": "X", "name": "X", "effective_from": "2027-01-01"})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/discretion/violation/").status_code == 302
    assert state() == before


def test_anonymous_api_is_401(benchmark, draft):
    client = APIClient()
    v = benchmark.violations.get(code="AQ-097-I7")
    for method, url in [
        ("get", "/api/v1/discretion/violations/"),
        ("get", f"/api/v1/discretion/violations/{v.pk}/"),
        ("get", "/api/v1/discretion/versions/"),
        ("get", f"/api/v1/discretion/versions/{benchmark.pk}/"),
        ("post", "/api/v1/discretion/recommend/"),
        ("post", "/api/v1/discretion/violations/"),
    ]:
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == 401, url
        assert response.json() == {"code": "not_authenticated", "detail": "请先登录", "fields": {}}


# ----------------------------------------------------------------- readers


@pytest.mark.parametrize("who", READERS + ADMINS)
def test_every_logged_in_user_reads_published_pages_and_api(client, benchmark, draft, personas, who):
    user = getattr(personas, who)
    client.force_login(user)
    for name, url in page_urls(benchmark, draft).items():
        assert client.get(url).status_code == 200, name
    api = APIClient()
    api.force_authenticate(user)
    v = benchmark.violations.get(code="AQ-097-I7")
    assert api.get("/api/v1/discretion/violations/", {"q": "特种作业"}).status_code == 200
    assert api.get(f"/api/v1/discretion/violations/{v.pk}/").status_code == 200
    assert api.get(f"/api/v1/discretion/versions/{benchmark.pk}/").status_code == 200
    body = {
        "violation": "AQ-102",
        "party_type": "unit",
        "violation_date": "2025-03-01",
        "decision_date": "2025-04-01",
    }
    assert api.post("/api/v1/discretion/recommend/", body, format="json").status_code == 200


@pytest.mark.parametrize("who", READERS)
def test_drafts_are_404_for_non_admins(client, benchmark, draft, personas, who):
    user = getattr(personas, who)
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    for name, url in draft_urls(draft).items():
        response = (api if name.startswith("api_") else client).get(url)
        assert response.status_code == 404, name
    listed = api.get("/api/v1/discretion/violations/", {"version": "DRAFT-1"}).json()["results"]
    assert listed == []
    assert "DRAFT-1" not in client.get("/discretion/versions/").content.decode()


@pytest.mark.parametrize("who", ADMINS)
def test_drafts_are_visible_to_benchmark_admins(client, benchmark, draft, personas, who):
    user = getattr(personas, who)
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    for name, url in draft_urls(draft).items():
        assert (api if name.startswith("api_") else client).get(url).status_code == 200, name


# ----------------------------------------------------------------- writes


@pytest.mark.parametrize("who", READERS)
def test_writes_are_refused_for_non_admins_and_change_nothing(client, benchmark, draft, personas, who):
    client.force_login(getattr(personas, who))
    before = state()
    body = {"code": "X", "name": "X", "effective_from": "2027-01-01"}
    workbook = io.BytesIO(export_benchmark_xlsx(benchmark))
    workbook.name = "b.xlsx"
    # on a published version: visible → 403
    assert client.get(f"/discretion/versions/{benchmark.pk}/copy/").status_code == 403
    assert client.post(f"/discretion/versions/{benchmark.pk}/copy/", body).status_code == 403
    assert client.post(f"/discretion/versions/{benchmark.pk}/publish/").status_code == 403
    assert client.post(f"/discretion/versions/{benchmark.pk}/import/", {"file": workbook}).status_code == 403
    # on a draft: invisible → 404
    assert client.post(f"/discretion/versions/{draft.pk}/copy/", body).status_code == 404
    assert client.post(f"/discretion/versions/{draft.pk}/publish/").status_code == 404
    assert client.post(f"/discretion/versions/{draft.pk}/import/").status_code == 404
    assert state() == before


@pytest.mark.parametrize("who", READERS + ADMINS)
def test_the_api_is_read_only_for_everybody(benchmark, personas, who):
    api = APIClient()
    api.force_authenticate(getattr(personas, who))
    v = benchmark.violations.get(code="AQ-097-I7")
    before = state()
    for method, url in [
        ("post", "/api/v1/discretion/violations/"),
        ("put", f"/api/v1/discretion/violations/{v.pk}/"),
        ("patch", f"/api/v1/discretion/violations/{v.pk}/"),
        ("delete", f"/api/v1/discretion/violations/{v.pk}/"),
        ("post", "/api/v1/discretion/versions/"),
        ("delete", f"/api/v1/discretion/versions/{benchmark.pk}/"),
        ("get", "/api/v1/discretion/recommend/"),
    ]:
        assert getattr(api, method)(url, {"name": "X"}, format="json").status_code == 405, (method, url)
    assert state() == before


def test_admin_site_only_for_benchmark_admins(client, benchmark, personas):
    staff_officer = UserFactory(
        username="staff_officer", agency=personas.agencies.district_a, roles=[roles.OFFICER], is_staff=True
    )
    v = benchmark.violations.get(code="AQ-097-I7")
    before = state()
    client.force_login(staff_officer)  # a staff flag alone opens nothing: the admin login page
    assert client.get("/admin/discretion/violation/").status_code == 302
    assert client.post(f"/admin/discretion/violation/{v.pk}/change/", {"name": "改"}).status_code == 302
    client.force_login(personas.officer1)  # not staff at all: the admin login page
    assert client.get("/admin/discretion/violation/").status_code == 302
    # agency admins maintain benchmarks through the product's pages; /admin/ is the superuser's only
    client.force_login(personas.cityadmin)
    assert client.get("/admin/discretion/violation/").status_code == 302
    assert state() == before
    client.force_login(personas.admin)
    assert client.get("/admin/discretion/violation/").status_code == 200
    assert client.get(f"/admin/discretion/violation/{v.pk}/change/").status_code == 200


def test_admins_cannot_change_a_published_version_through_the_admin_site(client, benchmark, personas):
    """Published contents are frozen (edit a draft copy); the refusal changes nothing, no audit event."""
    client.force_login(personas.admin)
    v = benchmark.violations.get(code="AQ-102")
    page = client.get(f"/admin/discretion/violation/{v.pk}/change/")
    form = page.context["adminform"].form
    data = {k: ("" if val is None else val) for k, val in form.initial.items() if k not in ("id",)}
    data.update({"name": "篡改", "version": benchmark.pk, "order": v.order})
    for prefix in ("statutory_ranges", "measures", "tiers"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    before = state()
    response = client.post(f"/admin/discretion/violation/{v.pk}/change/", data, follow=True)
    assert "已发布或参考版本的内容不能修改" in response.content.decode()
    v.refresh_from_db()
    assert v.name == "生产经营单位未采取措施消除事故隐患"
    assert state() == before
