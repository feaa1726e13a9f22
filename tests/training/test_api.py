"""/api/v1/officers/, /api/v1/certificates/, /api/v1/training-records/ — shape, scope, permission matrix."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from enforcement.core.models import AuditEvent
from tests.factories import UserFactory
from tests.training.helpers import give_certificate
from training import services
from training.models import Certificate, TrainingRecord


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def certified(personas, frozen):
    admin = personas.cityadmin
    c1 = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1), number="C-1")
    c2 = give_certificate(personas.expired, actor=admin, issued_on=dt.date(2021, 5, 1), number="C-2")
    c3 = give_certificate(personas.officer_other, actor=admin, issued_on=dt.date(2025, 3, 1), number="C-3")
    return personas, (c1, c2, c3)


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_officers_shape_and_may_enforce(api, certified):
    personas, _ = certified
    api.force_authenticate(personas.head)
    data = results(api.get("/api/v1/officers/?username=expired"))
    assert data == [
        {
            "id": personas.expired.pk,
            "username": "expired",
            "real_name": "周过期",
            "agency": personas.agencies.district_a.pk,
            "agency_name": "南京市浦口区应急管理局",
            "is_assistant": False,
            "may_enforce": {"allowed": False, "reasons": ["执法证已于2026-04-30过期"]},
        }
    ]
    # the same officer on an earlier day
    data = results(api.get("/api/v1/officers/?username=expired&on=2026-04-30"))
    assert data[0]["may_enforce"] == {
        "allowed": False,
        "reasons": ["年审逾期（2025年度年审应于2025-12-31前完成）"],
    }
    data = results(api.get("/api/v1/officers/?username=assistant"))
    assert data[0]["is_assistant"] is True
    assert data[0]["may_enforce"] == {"allowed": False, "reasons": ["辅助人员不得独立执法", "无执法证"]}
    data = results(api.get("/api/v1/officers/?username=officer1"))
    assert data[0]["may_enforce"] == {"allowed": True, "reasons": []}
    bad = api.get("/api/v1/officers/?on=2026-13-01")
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"


def test_officers_scope(api, certified):
    personas, _ = certified
    district_a = {"assistant", "expired", "head", "officer1", "officer2", "reviewer"}
    cases = {
        "officer1": district_a,
        "head": district_a,
        "supervisor": district_a | {"supervisor", "officer_other", "head_b"},
        "officer_other": {"officer_other", "head_b"},
        "admin": district_a | {"supervisor", "officer_other", "head_b"},
    }
    for who, expected in cases.items():
        api.force_authenticate(getattr(personas, who))
        assert {o["username"] for o in results(api.get("/api/v1/officers/?page_size=100"))} == expected, who
    api.force_authenticate(personas.officer_other)
    assert api.get(f"/api/v1/officers/{personas.officer1.pk}/").status_code == 404
    api.force_authenticate(personas.officer1)
    assert api.get(f"/api/v1/officers/{personas.officer2.pk}/").json()["may_enforce"] == {
        "allowed": False,
        "reasons": ["无执法证"],
    }


def test_anonymous_gets_401(api, certified):
    for path in ("/api/v1/officers/", "/api/v1/certificates/", "/api/v1/training-records/"):
        response = api.get(path)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_officer_list_query_count_is_constant(api, personas, frozen):
    api.force_authenticate(personas.supervisor)
    api.get("/api/v1/officers/")  # warm-up: the user's roles are cached on the user object
    with CaptureQueriesContext(connection) as few:
        assert len(results(api.get("/api/v1/officers/"))) == 9
    admin = personas.cityadmin
    for i in range(8):
        u = UserFactory(agency=personas.agencies.district_a, roles=["执法人员"])
        give_certificate(u, actor=admin, issued_on=dt.date(2025, 1, 1) + dt.timedelta(days=i))
    with CaptureQueriesContext(connection) as many:
        assert len(results(api.get("/api/v1/officers/"))) == 17
    assert len(few) == len(many)


def test_certificates_visible_to_holder_and_subtree_roles(api, certified):
    personas, (c1, c2, c3) = certified
    cases = {
        "officer1": {"C-1"},
        "officer2": set(),
        "head": {"C-1", "C-2"},
        "supervisor": {"C-1", "C-2", "C-3"},
        "cityadmin": {"C-1", "C-2", "C-3"},
        "admin": {"C-1", "C-2", "C-3"},
        "head_b": {"C-3"},
    }
    for who, expected in cases.items():
        api.force_authenticate(getattr(personas, who))
        assert {c["number"] for c in results(api.get("/api/v1/certificates/"))} == expected, who
    api.force_authenticate(personas.officer2)
    assert api.get(f"/api/v1/certificates/{c1.pk}/").status_code == 404
    api.force_authenticate(personas.officer1)
    detail = api.get(f"/api/v1/certificates/{c1.pk}/").json()
    assert (detail["status"], detail["expired"], detail["expires_on"]) == ("issued", False, "2030-02-28")
    assert [e["action"] for e in detail["events"]] == ["apply", "issue"]
    api.force_authenticate(personas.head)
    assert api.get(f"/api/v1/certificates/{c2.pk}/").json()["expired"] is True


def test_certificate_actions_permission_matrix(api, certified):
    personas, (c1, _, c3) = certified
    url = f"/api/v1/certificates/{c1.pk}/actions/suspend/"
    body = {"reason": "粗暴执法", "suspended_until": "2026-07-01"}

    def unchanged():
        c1.refresh_from_db()
        return c1.status == "issued" and not AuditEvent.objects.filter(action="certificate.suspend").exists()

    api.force_authenticate(personas.officer2)  # cannot see it
    assert api.post(url, body, format="json").status_code == 404
    api.force_authenticate(personas.officer1)  # holder: sees, may not act
    response = api.post(url, body, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    api.force_authenticate(personas.head)  # head: sees, may not act
    assert api.post(url, body, format="json").status_code == 403
    api.force_authenticate(personas.head_b)
    assert api.post(url, body, format="json").status_code == 404
    assert unchanged()
    api.force_authenticate(personas.cityadmin)
    assert api.post(url, {}, format="json").status_code == 400
    assert unchanged()
    response = api.post(url, body, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["suspended_until"]) == ("suspended", "2026-07-01")
    response = api.post(url, body, format="json")  # suspending again: wrong state
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    assert api.post(f"/api/v1/certificates/{c1.pk}/actions/explode/", {}, format="json").status_code == 404
    response = api.post(f"/api/v1/certificates/{c1.pk}/actions/cancel/", {"reason": "辞职"}, format="json")
    assert response.json()["status"] == "cancelled"
    response = api.post(f"/api/v1/certificates/{c1.pk}/actions/suspend/", body, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "只有已核发的执法证可以暂扣（当前状态：已注销）"
    api.force_authenticate(personas.admin)
    response = api.post(f"/api/v1/certificates/{c3.pk}/actions/renew/", {"number": "C-3-NEW"}, format="json")
    assert (response.status_code, response.json()["number"], response.json()["replaces"]) == (
        200,
        "C-3-NEW",
        c3.pk,
    )


def test_apply_and_issue_through_the_api(api, personas, frozen):
    api.force_authenticate(personas.officer1)
    assert (
        api.post("/api/v1/certificates/", {"holder": personas.officer2.pk}, format="json").status_code == 403
    )
    assert Certificate.objects.count() == 0
    api.force_authenticate(personas.cityadmin)
    response = api.post("/api/v1/certificates/", {"holder": personas.officer2.pk}, format="json")
    assert response.status_code == 201
    cert_id = response.json()["id"]
    response = api.post(
        f"/api/v1/certificates/{cert_id}/actions/issue/",
        {"number": "N-1", "issuing_authority": "江苏省人民政府"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "certificate.passed_exam")
    response = api.post(
        "/api/v1/training-records/",
        {
            "officer": personas.officer2.pk,
            "kind": "qualification_exam",
            "title": "执法资格考试",
            "start_on": "2026-05-20",
            "hours": "0",
            "result": "passed",
            "score": "88",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    response = api.post(
        f"/api/v1/certificates/{cert_id}/actions/issue/",
        {"number": "N-1", "issuing_authority": "江苏省人民政府"},
        format="json",
    )
    assert (response.status_code, response.json()["status"], response.json()["expires_on"]) == (
        200,
        "issued",
        "2031-05-31",
    )


def test_training_records_scope_and_create_matrix(api, personas, frozen):
    admin = personas.cityadmin
    r1 = services.record_training(
        personas.officer1,
        actor=admin,
        kind="legal",
        title="法律",
        start_on=dt.date(2026, 3, 1),
        hours=8,
        result="passed",
    )
    r2 = services.record_training(
        personas.officer_other,
        actor=admin,
        kind="skills",
        title="技能",
        start_on=dt.date(2026, 3, 1),
        hours=8,
        result="passed",
    )
    cases = {
        "officer1": {r1.pk},
        "officer2": set(),
        "head": {r1.pk},
        "supervisor": {r1.pk, r2.pk},
        "head_b": {r2.pk},
    }
    for who, expected in cases.items():
        api.force_authenticate(getattr(personas, who))
        assert {r["id"] for r in results(api.get("/api/v1/training-records/"))} == expected, who
    body = {
        "officer": personas.officer2.pk,
        "kind": "legal",
        "title": "法律",
        "start_on": "2026-04-01",
        "hours": "4",
        "result": "passed",
    }
    count = TrainingRecord.objects.count()
    api.force_authenticate(personas.head)
    assert api.post("/api/v1/training-records/", body, format="json").status_code == 403
    api.force_authenticate(personas.officer_other)  # no admin role (and cannot see officer2)
    assert api.post("/api/v1/training-records/", body, format="json").status_code == 403
    assert TrainingRecord.objects.count() == count
    assert not AuditEvent.objects.filter(
        action="training.record", data__officer=personas.officer2.pk
    ).exists()
    api.force_authenticate(admin)
    response = api.post("/api/v1/training-records/", {**body, "hours": "-1"}, format="json")
    assert response.status_code == 400
    response = api.post("/api/v1/training-records/", body, format="json")
    assert response.status_code == 201
    assert (response.json()["officer_username"], response.json()["hours"]) == ("officer2", "4.0")
    assert response.json()["officer_name"] == "李执法"


def test_training_records_list_queries_constant(api, personas, frozen):
    admin = personas.cityadmin
    api.force_authenticate(personas.supervisor)
    api.get("/api/v1/training-records/")  # warm-up: the user's roles are cached on the user object
    for i in range(3):
        services.record_training(
            personas.officer1,
            actor=admin,
            kind="legal",
            title=f"t{i}",
            start_on=dt.date(2026, 3, 1),
            hours=1,
            result="passed",
        )
    with CaptureQueriesContext(connection) as few:
        assert len(results(api.get("/api/v1/training-records/"))) == 3
    for i in range(9):
        services.record_training(
            personas.officer2,
            actor=admin,
            kind="legal",
            title=f"u{i}",
            start_on=dt.date(2026, 3, 1),
            hours=1,
            result="passed",
        )
    with CaptureQueriesContext(connection) as many:
        assert len(results(api.get("/api/v1/training-records/"))) == 12
    assert len(few) == len(many)
    with CaptureQueriesContext(connection) as certs_few:
        results(api.get("/api/v1/certificates/"))
    for i, p in enumerate([personas.officer1, personas.officer2, personas.head]):
        give_certificate(p, actor=admin, issued_on=dt.date(2025, 1, 1 + i))
    with CaptureQueriesContext(connection) as certs_many:
        assert len(results(api.get("/api/v1/certificates/"))) == 3
    assert len(certs_few) == len(certs_many)
