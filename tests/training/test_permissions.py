"""Permission matrix of every training page and API endpoint.

For each: anonymous (API 401, pages → login), an outsider (404 — district B cannot see district A),
in scope without the role (403 on writes: the holder, the head, the supervisor), allowed (the city's
系统管理员) and the platform superuser. Every denial changes nothing and writes no audit event.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.forms.models import model_to_dict
from openpyxl import Workbook
from rest_framework.test import APIClient

from enforcement.core.models import AuditEvent, Deadline
from tests.factories import UserFactory
from tests.training.helpers import give_certificate, pass_exam
from training import services
from training.models import (
    AnnualReview,
    Certificate,
    CertificateEvent,
    OfficerProfile,
    ProfessionalQualification,
    TrainingRecord,
    TrainingRequirement,
)


def snapshot():
    """Everything a training write could touch."""
    return (
        sorted(repr(sorted(model_to_dict(c).items())) for c in Certificate.objects.all()),
        CertificateEvent.objects.count(),
        AnnualReview.objects.count(),
        TrainingRecord.objects.count(),
        OfficerProfile.objects.count(),
        ProfessionalQualification.objects.count(),
        TrainingRequirement.objects.count(),
        Deadline.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def world(personas, frozen):
    # a 系统管理员 of district B: has the role, but district A is outside their scope
    personas.admin_b = UserFactory(
        username="admin_b", agency=personas.agencies.district_b, roles=["系统管理员"]
    )
    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1), number="M-1")
    record = services.record_training(
        personas.officer1,
        actor=admin,
        kind="legal",
        title="法律知识",
        start_on=dt.date(2026, 3, 1),
        hours=8,
        result="passed",
    )
    return personas, cert, record


# --- API ---------------------------------------------------------------------------------------------

API_BODIES = {
    "issue": {"number": "M-2", "issuing_authority": "江苏省人民政府"},
    "annual_review": {"year": 2026, "result": "passed"},
    "renew": {"number": "M-3"},
    "suspend": {"reason": "粗暴执法", "suspended_until": "2026-07-01"},
    "lift_suspension": {"reason": "重新考核合格"},
    "withdraw": {"reason": "调离执法岗位"},
    "cancel": {"reason": "辞职"},
}


def api_as(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_reads_matrix(world):
    personas, cert, record = world
    reads = [
        "/api/v1/officers/",
        f"/api/v1/officers/{personas.officer1.pk}/",
        "/api/v1/certificates/",
        f"/api/v1/certificates/{cert.pk}/",
        "/api/v1/training-records/",
        f"/api/v1/training-records/{record.pk}/",
    ]
    for path in reads:
        response = api_as(None).get(path)
        assert (response.status_code, response.json()["code"]) == (401, "not_authenticated"), path
    details = reads[1::2]
    # outsiders: the details are 404, the lists do not contain the rows
    for who in ("officer_other", "head_b", "admin_b"):
        client = api_as(getattr(personas, who))
        for path in details:
            response = client.get(path)
            assert (response.status_code, response.json()["code"]) == (404, "not_found"), (who, path)
        assert cert.pk not in {c["id"] for c in client.get("/api/v1/certificates/").json()["results"]}
        assert record.pk not in {r["id"] for r in client.get("/api/v1/training-records/").json()["results"]}
    # a colleague sees the register entry but not the certificate or the training record
    client = api_as(personas.officer2)
    assert [client.get(p).status_code for p in details] == [200, 404, 404]
    for who in ("officer1", "head", "supervisor", "cityadmin", "admin"):
        client = api_as(getattr(personas, who))
        assert [client.get(p).status_code for p in reads] == [200] * 6, who


def test_api_certificate_writes_matrix(world):
    """Every action endpoint and 申领: denied personas change nothing; the admin and superuser may."""
    personas, cert, _ = world
    denied = {
        None: 401,
        "officer_other": 404,
        "head_b": 404,
        "officer2": 404,  # same agency, cannot see officer1's certificate
        "officer1": 403,  # the holder
        "head": 403,
        "supervisor": 403,
        "reviewer": 404,
        "admin_b": 404,
    }

    def refuse_all(target: Certificate, action: str) -> None:
        url = f"/api/v1/certificates/{target.pk}/actions/{action}/"
        before = snapshot()
        for who, status in denied.items():
            user = getattr(personas, who) if who else None
            for body in (API_BODIES[action], {}):  # an empty body is refused the same way
                response = api_as(user).post(url, body, format="json")
                assert response.status_code == status, (action, who, body, response.content)
        assert snapshot() == before, action

    client = api_as(personas.cityadmin)
    for action in ("annual_review", "suspend", "lift_suspension"):
        refuse_all(cert, action)
        response = client.post(f"/api/v1/certificates/{cert.pk}/actions/{action}/", API_BODIES[action])
        assert response.status_code == 200, (action, response.content)
    refuse_all(cert, "renew")
    response = client.post(f"/api/v1/certificates/{cert.pk}/actions/renew/", API_BODIES["renew"])
    assert (response.status_code, response.json()["number"]) == (200, "M-3")
    new = Certificate.objects.get(number="M-3")
    for action in ("withdraw", "cancel"):
        refuse_all(new, action)
        assert (
            client.post(f"/api/v1/certificates/{new.pk}/actions/{action}/", API_BODIES[action]).status_code
            == 200
        )

    # 申领 + 核发 for officer2: the same denials (apply: outsiders see "absent" as a 400 on the field)
    before = snapshot()
    apply_denied = {
        None: 401,
        "officer_other": 403,
        "head_b": 403,
        "officer1": 403,
        "head": 403,
        "supervisor": 403,
        "admin_b": 400,  # has the role; officer2 is absent for them: a field error
    }
    for who, status in apply_denied.items():
        user = getattr(personas, who) if who else None
        response = api_as(user).post("/api/v1/certificates/", {"holder": personas.officer2.pk}, format="json")
        assert response.status_code == status, (who, response.content)
    assert snapshot() == before
    superuser = api_as(personas.admin)
    response = superuser.post("/api/v1/certificates/", {"holder": personas.officer2.pk}, format="json")
    assert response.status_code == 201
    applied = Certificate.objects.get(pk=response.json()["id"])
    pass_exam(personas.officer2, actor=personas.admin, on=dt.date(2026, 5, 1))
    denied["officer2"], denied["officer1"] = 403, 404  # officer2 holds this one
    refuse_all(applied, "issue")
    response = superuser.post(f"/api/v1/certificates/{applied.pk}/actions/issue/", API_BODIES["issue"])
    assert (response.status_code, response.json()["status"]) == (200, "issued")
    assert AuditEvent.objects.filter(action="certificate.issue", actor=personas.admin).count() == 1


def test_api_training_record_create_matrix(world):
    personas, _, _ = world
    body = {
        "officer": personas.officer1.pk,
        "kind": "skills",
        "title": "专业技能",
        "start_on": "2026-05-01",
        "hours": "8",
        "result": "passed",
    }
    before = snapshot()
    for who, status in {
        None: 401,
        "officer_other": 403,
        "head_b": 403,
        "officer1": 403,
        "head": 403,
        "supervisor": 403,
        "admin_b": 400,  # has the role; officer1 is absent for them: a field error
    }.items():
        user = getattr(personas, who) if who else None
        for payload in (body, {}):
            response = api_as(user).post("/api/v1/training-records/", payload, format="json")
            assert response.status_code == status, (who, payload, response.content)
    assert snapshot() == before
    for who in ("cityadmin", "admin"):
        response = api_as(getattr(personas, who)).post("/api/v1/training-records/", body, format="json")
        assert response.status_code == 201, response.content
    assert TrainingRecord.objects.filter(officer=personas.officer1, kind="skills").count() == 2


def test_api_officers_is_read_only(world):
    personas, _, _ = world
    for user, status in ((None, 401), (personas.cityadmin, 405), (personas.admin, 405)):
        response = api_as(user).post("/api/v1/officers/", {"username": "x"}, format="json")
        assert response.status_code == status


# --- pages -------------------------------------------------------------------------------------------


def xlsx_upload():
    wb = Workbook()
    ws = wb.active
    ws.append(["用户名", "培训类别", "培训名称", "培训日期", "学时", "考核结果", "成绩", "备注"])
    ws.append(["officer1", "法律知识", "专题培训", "2026-03-15", 8, "合格", 92, ""])
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "records.xlsx"
    return out


def page_writes(personas, cert):
    o = personas.officer1.pk
    return [
        (f"/training/officers/{o}/profile/", {"post": "执法一队", "education_level": "bachelor"}),
        (f"/training/officers/{o}/qualifications/add/", {"kind": "legal", "obtained_on": "2020-01-01"}),
        (
            f"/training/officers/{o}/training/add/",
            {"kind": "legal", "title": "t", "start_on": "2026-05-01", "hours": "4", "result": "passed"},
        ),
        (
            f"/training/officers/{personas.officer2.pk}/certificates/apply/",
            {"applied_on": "2026-05-01", "categories": "安全生产"},
        ),
        (
            f"/training/certificates/{cert.pk}/annual_review/",
            {"year": "2026", "result": "passed", "reviewed_on": "2026-06-01"},
        ),
        (
            f"/training/certificates/{cert.pk}/suspend/",
            {"reason": "粗暴执法", "suspended_from": "2026-06-01"},
        ),
        (
            f"/training/requirements/?agency={personas.agencies.district_a.pk}",
            {
                "from_year": "2026",
                "annual_hours": "40",
                "review_due": "12-31",
                "qualification_target_pct": "75",
            },
        ),
    ]


@pytest.mark.parametrize(
    "who,status",
    [
        ("officer_other", 404),
        ("head_b", 404),
        ("admin_b", 404),
        ("officer1", 403),
        ("head", 403),
        ("supervisor", 403),
    ],
)
def test_page_writes_denied_change_nothing(client, world, who, status):
    personas, cert, _ = world
    client.force_login(getattr(personas, who))
    before = snapshot()
    for url, body in page_writes(personas, cert):
        assert client.get(url).status_code == status, (url, "GET")
        assert client.post(url, body).status_code == status, (url, "POST")
    upload = client.post("/training/records/import/", {"file": xlsx_upload()})
    if who == "admin_b":  # may import for district B: the district A row is reported, nothing saved
        assert [(r.ok, r.message) for r in upload.context["report"].rows] == [
            (False, "用户名“officer1”不存在或不在本机构管辖范围")
        ]
        assert AuditEvent.objects.filter(action="training.import").count() == 1
        return
    assert upload.status_code == 403
    assert snapshot() == before


def test_pages_redirect_anonymous_to_login(client, world):
    personas, cert, _ = world
    urls = [
        "/training/",
        "/training/figures/valid/",
        "/training/export.xlsx",
        "/training/officers/",
        f"/training/officers/{personas.officer1.pk}/",
        "/training/records/import/",
        "/training/records/import/template.xlsx",
        *(url for url, _ in page_writes(personas, cert)),
    ]
    before = snapshot()
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
    assert snapshot() == before


@pytest.mark.parametrize("who", ["cityadmin", "admin"])
def test_page_writes_allowed_for_admin_and_superuser(client, world, who):
    personas, cert, _ = world
    client.force_login(getattr(personas, who))
    actor = getattr(personas, who)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    for url, body in page_writes(personas, cert):
        assert client.get(url).status_code == 200, url
        response = client.post(url, body)
        assert response.status_code == 302, (url, response.content.decode()[:2000])
    assert client.post("/training/records/import/", {"file": xlsx_upload()}).status_code == 200
    actions = set(AuditEvent.objects.filter(actor=actor, id__gt=last).values_list("action", flat=True))
    assert actions == {
        "deadline.close",  # the 2026 review deadline, met
        "deadline.create",  # the 2027 one
        "officer.profile_update",
        "officer.qualification_add",
        "training.record",
        "certificate.apply",
        "certificate.annual_review",
        "certificate.suspend",
        "training.requirement_set",
        "training.import",
    }
    cert.refresh_from_db()
    assert cert.status == "suspended"


def test_every_page_write_records_the_client_address(client, world):
    """Item, training, certificate and officer events carry the address of the request that caused them."""
    personas, cert, _ = world
    client.force_login(personas.cityadmin)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    for url, body in page_writes(personas, cert):
        assert client.post(url, body, REMOTE_ADDR="192.0.2.44").status_code == 302, url
    client.post("/training/records/import/", {"file": xlsx_upload()}, REMOTE_ADDR="192.0.2.44")
    rows = AuditEvent.objects.filter(id__gt=last).values_list("action", "ip_address")
    assert len(rows) == 10
    assert {ip for _, ip in rows} == {"192.0.2.44"}


def test_services_called_outside_a_request_record_no_address(world):
    personas, _, _ = world
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    services.add_qualification(
        personas.officer2, actor=personas.cityadmin, kind="legal", obtained_on=dt.date(2020, 1, 1)
    )
    assert list(AuditEvent.objects.filter(id__gt=last).values_list("action", "ip_address")) == [
        ("officer.qualification_add", "")
    ]
