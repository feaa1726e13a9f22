"""Pages: officer register and record, certificate action forms, training entry, XLSX import, panel."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import Workbook

from enforcement.core.models import AuditEvent
from tests.training.helpers import give_certificate
from training.models import Certificate, OfficerProfile, TrainingRecord


def xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "records.xlsx"
    return out


HEADER = ["用户名", "培训类别", "培训名称", "培训日期", "学时", "考核结果", "成绩", "备注"]


def test_officer_list_shows_reasons_with_constant_queries(
    client, personas, frozen, django_assert_max_num_queries
):
    give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    client.force_login(personas.head)
    client.get("/training/officers/")
    response = client.get("/training/officers/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [r["officer"].username for r in response.context["rows"]] == [
        "assistant",
        "expired",
        "head",
        "officer1",
        "officer2",
        "reviewer",
    ]
    assert "辅助人员不得独立执法；无执法证" in html
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/training/officers/")
    for _ in range(5):
        from tests.factories import UserFactory

        UserFactory(agency=personas.agencies.district_a, roles=["执法人员"])
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/training/officers/").context["rows"]) == 11
    assert len(few) == len(many)


@pytest.mark.parametrize(
    "who,status,sees_records",
    [
        ("officer1", 200, True),  # self
        ("officer2", 200, False),  # colleague: verdict only
        ("head", 200, True),
        ("supervisor", 200, True),
        ("cityadmin", 200, True),
        ("admin", 200, True),
        ("officer_other", 404, None),
        ("head_b", 404, None),
    ],
)
def test_officer_detail_matrix(client, personas, frozen, who, status, sees_records):
    give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1), number="D-1")
    client.force_login(getattr(personas, who))
    response = client.get(f"/training/officers/{personas.officer1.pk}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "今日（2026-06-01）可以执法" in html
        assert ("D-1" in html) is sees_records
        assert response.context["manage"] is (who in ("cityadmin", "admin"))


def test_certificate_action_pages_matrix(client, personas, frozen):
    cert = give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    url = f"/training/certificates/{cert.pk}/suspend/"
    body = {"reason": "粗暴执法", "suspended_from": "2026-06-01", "suspended_until": "2026-07-01"}
    for who, status in [
        ("officer2", 404),
        ("officer1", 403),
        ("head", 403),
        ("supervisor", 403),
        ("head_b", 404),
    ]:
        client.force_login(getattr(personas, who))
        assert client.post(url, body).status_code == status, who
    cert.refresh_from_db()
    assert cert.status == "issued"
    assert not AuditEvent.objects.filter(action="certificate.suspend").exists()
    client.force_login(personas.cityadmin)
    form = client.get(url)
    assert form.status_code == 200
    # date inputs carry ISO values (an <input type="date"> shows nothing for "2026/06/01")
    assert 'type="date" name="suspended_from" value="2026-06-01"' in form.content.decode()
    response = client.post(url, body)
    assert response.status_code == 302
    cert.refresh_from_db()
    assert (cert.status, cert.suspended_until) == ("suspended", dt.date(2026, 7, 1))
    # a refused move re-renders the form with the reason and changes nothing
    response = client.post(url, body)
    assert response.status_code == 409
    assert "只有已核发的执法证可以暂扣（当前状态：暂扣）" in response.content.decode()
    assert client.post(f"/training/certificates/{cert.pk}/nonsense/", body).status_code == 404
    # timeline on the officer page
    html = client.get(f"/training/officers/{personas.officer1.pk}/").content.decode()
    assert "2026-06-01 暂扣：粗暴执法" in html
    assert "执法证暂扣中（至2026-07-01）" in html


def test_apply_issue_pages(client, personas, frozen):
    client.force_login(personas.cityadmin)
    response = client.post(
        f"/training/officers/{personas.officer2.pk}/certificates/apply/",
        {"applied_on": "2026-05-01", "categories": "安全生产"},
    )
    assert response.status_code == 302
    cert = Certificate.objects.get(holder=personas.officer2)
    response = client.post(
        f"/training/certificates/{cert.pk}/issue/",
        {"number": "P-1", "issuing_authority": "江苏省人民政府", "issued_on": "2026-06-01"},
    )
    assert response.status_code == 409
    assert "未查到2026-06-01前一年内合格的执法资格考试记录" in response.content.decode()
    response = client.post(
        f"/training/officers/{personas.officer2.pk}/training/add/",
        {
            "kind": "qualification_exam",
            "title": "执法资格考试",
            "start_on": "2026-05-20",
            "hours": "0",
            "result": "passed",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/training/certificates/{cert.pk}/issue/",
        {"number": "P-1", "issuing_authority": "江苏省人民政府", "issued_on": "2026-06-01"},
    )
    assert response.status_code == 302
    cert.refresh_from_db()
    assert (cert.status, cert.number, cert.expires_on) == ("issued", "P-1", dt.date(2031, 5, 31))


def test_profile_and_qualification_pages(client, personas, frozen):
    client.force_login(personas.officer1)
    assert (
        client.post(f"/training/officers/{personas.officer1.pk}/profile/", {"post": "x"}).status_code == 403
    )
    assert not OfficerProfile.objects.exists()
    client.force_login(personas.cityadmin)
    response = client.post(
        f"/training/officers/{personas.officer1.pk}/profile/",
        {
            "post": "执法一队",
            "education_level": "bachelor",
            "education_major": "安全工程",
            "education_related": "on",
        },
    )
    assert response.status_code == 302
    profile = OfficerProfile.objects.get(user=personas.officer1)
    assert (profile.post, profile.education_level, profile.education_related) == (
        "执法一队",
        "bachelor",
        True,
    )
    response = client.post(
        f"/training/officers/{personas.reviewer.pk}/qualifications/add/",
        {"kind": "legal", "certificate_no": "A2019", "obtained_on": "2019-12-20"},
    )
    assert response.status_code == 302
    html = client.get(f"/training/officers/{personas.reviewer.pk}/").content.decode()
    assert "法律职业资格 A2019" in html
    assert "法制审核：具备资格" in html


def test_xlsx_import_row_by_row_report(client, personas, frozen):
    file = xlsx(
        [
            HEADER,
            ["officer1", "法律知识", "行政处罚法专题", "2026-03-15", 8, "合格", 92, ""],
            ["officer2", "skills", "危化品检查", dt.datetime(2026, 4, 1), 16, "参训（无考核）", None, ""],
            ["nobody", "法律知识", "x", "2026-03-15", 8, "合格", None, ""],
            [
                "officer_other",
                "法律知识",
                "x",
                "2026-03-15",
                8,
                "合格",
                None,
                "",
            ],  # district B: outside district admin's scope? city admin: inside
            ["officer1", "跳舞", "x", "2026-03-15", 8, "合格", None, ""],
            ["officer1", "法律知识", "x", "2026/13/45", 8, "合格", None, ""],
            ["officer1", "法律知识", "x", "2026-03-15", -3, "合格", None, ""],
            [None, None, None, None, None, None, None, None],
        ]
    )
    client.force_login(personas.officer1)
    assert client.post("/training/records/import/", {"file": file}).status_code == 403
    assert TrainingRecord.objects.count() == 0
    client.force_login(personas.cityadmin)
    file.seek(0)
    response = client.post("/training/records/import/", {"file": file})
    assert response.status_code == 200
    report = response.context["report"]
    assert [(r.row, r.ok, r.message) for r in report.rows] == [
        (2, True, "已导入"),
        (3, True, "已导入"),
        (4, False, "用户名“nobody”不存在或不在本机构管辖范围"),
        (5, True, "已导入"),
        (6, False, "无效的培训类别"),
        (7, False, "培训日期“2026/13/45”格式有误（应为YYYY-MM-DD）"),
        (8, False, "学时须为0–999之间的数字"),
    ]
    assert sorted(TrainingRecord.objects.values_list("officer__username", "kind", "hours", "result")) == [
        ("officer1", "legal", 8, "passed"),
        ("officer2", "skills", 16, "attended"),
        ("officer_other", "legal", 8, "passed"),
    ]
    assert AuditEvent.objects.filter(action="training.import").count() == 1
    bad = BytesIO(b"not a spreadsheet")
    bad.name = "x.xlsx"
    response = client.post("/training/records/import/", {"file": bad})
    assert response.status_code == 400
    assert "无法读取该Excel文件" in response.content.decode()
    assert client.get("/training/records/import/template.xlsx").status_code == 200


def test_dashboard_panel_shows_my_certificate(client, personas, frozen):
    give_certificate(personas.expired, actor=personas.cityadmin, issued_on=dt.date(2021, 5, 1))
    client.force_login(personas.expired)
    html = client.get("/").content.decode()
    assert "我的执法证" in html and "已过期" in html and "执法证已于2026-04-30过期" in html
    client.force_login(personas.assistant)
    html = client.get("/").content.decode()
    assert "未持有执法证" in html and "辅助人员不得独立执法" in html


def test_requirement_page(client, personas, frozen):
    client.force_login(personas.head)
    assert client.get(f"/training/requirements/?agency={personas.agencies.district_a.pk}").status_code == 403
    client.force_login(personas.cityadmin)
    response = client.post(
        f"/training/requirements/?agency={personas.agencies.district_a.pk}",
        {"from_year": "2026", "annual_hours": "48", "review_due": "11-30", "qualification_target_pct": "75"},
    )
    assert response.status_code == 302
    from training.requirements import effective_requirement

    req = effective_requirement(personas.agencies.street_a, 2026)
    assert (req.annual_hours, req.review_due) == (48, (11, 30))


def test_qualification_evidence_is_served_only_to_those_who_see_the_records(
    client, personas, frozen, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from training.models import ProfessionalQualification

    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cityadmin)
    upload = SimpleUploadedFile("legal.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(
        f"/training/officers/{personas.reviewer.pk}/qualifications/add/",
        {"kind": "legal", "certificate_no": "A2019", "obtained_on": "2019-12-20", "evidence": upload},
    )
    assert response.status_code == 302
    q = ProfessionalQualification.objects.get()
    url = f"/training/qualifications/{q.pk}/evidence/"
    assert url in client.get(f"/training/officers/{personas.reviewer.pk}/").content.decode()
    for who, status in [
        ("reviewer", 200),
        ("head", 200),
        ("cityadmin", 200),
        ("admin", 200),
        ("officer1", 404),
        ("officer_other", 404),
        ("head_b", 404),
    ]:
        client.force_login(getattr(personas, who))
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    client.logout()
    assert client.get(url).status_code == 302


def test_officer_detail_queries_do_not_grow_with_history(client, personas, frozen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from training import services

    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2024, 3, 1))
    client.force_login(personas.head)
    url = f"/training/officers/{personas.officer1.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    services.record_annual_review(
        cert, actor=admin, year=2025, result="passed", reviewed_on=dt.date(2025, 11, 1)
    )
    for i in range(3):
        services.suspend_certificate(cert, actor=personas.admin, reason=f"第{i}次")
        services.lift_suspension(cert, actor=admin, reason="考核合格")
    for i in range(4):
        services.record_training(
            personas.officer1,
            actor=admin,
            kind="legal",
            title=f"t{i}",
            start_on=frozen,
            hours=2,
            result="passed",
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["certificates"][0]["cert"].timeline) == 9
    assert len(few) == len(many)
    assert "本年 8 / 60 学时" in response.content.decode()
