"""Structured evidence through the API: 询问笔录, 勘验/现场笔录, 抽样取证 (行政处罚法 Art 42, 55), each by the
case's active handlers with two qualified officers, only while the case is under investigation; bad input is a
Chinese 400 that changes nothing; visibility is the case's."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import Case, CaseEvent, Interview, Sampling, SiteRecord
from enforcement.core.models import AuditEvent
from tests.support.images import PNG


@pytest.fixture
def case(cw):
    return cw.reach(S.FILED)


def interview_body(p, **over):
    body = {
        "interviewee_name": "张安全",
        "interviewee_id_number": "11010519491231002X",
        "interviewee_role": "该公司安全管理员",
        "started_at": "2026-06-01T08:00:00+08:00",
        "ended_at": "2026-06-01T08:40:00+08:00",
        "place": "南京浦口金属制品有限公司会议室",
        "officers": [p.officer1.pk, p.officer2.pk],
        "recorder": p.officer2.pk,
        "rights_read": True,
        "qa": [
            {"q": "你是否申请执法人员回避？", "a": "不申请。"},
            {"q": "公司是否如实记录安全生产教育和培训情况？", "a": "2026年以来没有记录。"},
        ],
    }
    body.update(over)
    return body


def post(client, case, kind, body):
    return client.post(f"/api/v1/cases/{case.pk}/records/{kind}/", body, content_type="application/json")


def counts():
    return (
        Interview.objects.count(),
        SiteRecord.objects.count(),
        Sampling.objects.count(),
        CaseEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def test_interview_recorded_with_officers_certificates_and_ordered_qa(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    r = post(client, case, "interview", interview_body(p))
    assert r.status_code == 201, r.content
    row = r.json()
    assert [o["name"] for o in row["officers"]] == ["王执法", "李执法"]
    assert all(o["certificate"] for o in row["officers"])
    assert row["recorder"] == "李执法"
    assert [q["q"] for q in row["qa"]] == [
        "你是否申请执法人员回避？",
        "公司是否如实记录安全生产教育和培训情况？",
    ]
    assert "回避" in row["rights_statement"] and "如实回答" in row["rights_statement"]
    assert row["document"] is None  # rendering is off outside tests marked ``documents``
    event = AuditEvent.objects.filter(action="case.record_interview").get()
    assert event.data["interview"] == row["id"] and event.data["questions"] == 2
    assert CaseEvent.objects.filter(case=case, action="record_interview").count() == 1
    listed = client.get(f"/api/v1/cases/{case.pk}/records/").json()
    assert [i["id"] for i in listed["interview"]] == [row["id"]]


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"interviewee_name": ""}, "interviewee_name"),
        ({"interviewee_id_number": "110105194912310021"}, "interviewee_id_number"),
        ({"interviewee_id_number": ""}, "interviewee_id_number"),
        ({"ended_at": "2026-06-01T07:00:00+08:00"}, "ended_at"),
        ({"started_at": "2026-06-02T08:00:00+08:00"}, "started_at"),
        ({"rights_read": False}, "rights_read"),
        ({"qa": [{"q": "问题", "a": ""}]}, "qa"),
        ({"qa": []}, "qa"),
        ({"officers": []}, "officers"),
        ({"recorder": 999999}, "recorder"),
    ],
)
def test_interview_bad_input_is_a_chinese_400_changing_nothing(client, cw, case, over, field):
    p = cw.personas
    if field == "officers":
        over = {"officers": [p.officer1.pk]}
    client.force_login(p.officer1)
    before = counts()
    r = post(client, case, "interview", interview_body(p, **over))
    assert r.status_code == 400, r.content
    body = r.json()
    assert field in body["fields"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])
    assert counts() == before


def test_two_qualified_officers_art_42(client, cw, case):
    """An officer whose certificate expired is not a second officer (G-TWO-OFFICERS, 行政处罚法第四十二条)."""
    p = cw.personas
    cw.move(case, "reassign_handlers", p.head, handlers=[p.officer1, p.officer2, p.expired], reason="增派")
    client.force_login(p.officer1)
    before = counts()
    r = post(client, case, "interview", interview_body(p, officers=[p.officer1.pk, p.expired.pk]))
    assert r.status_code == 409 and r.json()["code"] == "G-TWO-OFFICERS"
    assert "第四十二条" in r.json()["detail"] and "周过期" in r.json()["detail"]
    # an officer who is not on the case is refused too
    r = post(client, case, "interview", interview_body(p, officers=[p.officer1.pk, p.head.pk]))
    assert r.status_code == 400 and "officers" in r.json()["fields"]
    assert counts() == before


def test_site_record_references_the_cases_photos(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    up = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": SimpleUploadedFile("scene.png", PNG), "kind": "photo", "description": "除尘器现场照片"},
    ).json()
    body = {
        "kind": "scene",
        "started_at": "2026-06-01T07:30:00+08:00",
        "place": "抛光车间",
        "present": ["张安全（安全管理员）", "刘工（车间主任）"],
        "findings": "除尘器泄爆口被封堵，未设置锁气卸灰装置。",
        "evidence": [up["id"]],
        "officers": [p.officer1.pk, p.officer2.pk],
    }
    r = post(client, case, "site_record", body)
    assert r.status_code == 201, r.content
    assert r.json()["evidence"] == [up["id"]] and r.json()["present"] == body["present"]
    other = cw.draft()
    foreign = client.post(
        f"/api/v1/cases/{other.pk}/evidence/",
        {"file": SimpleUploadedFile("x.png", PNG), "kind": "photo", "description": "别案照片"},
    ).json()
    before = counts()
    r = post(client, case, "site_record", {**body, "evidence": [foreign["id"]]})
    assert r.status_code == 400 and "evidence" in r.json()["fields"]
    r = post(client, case, "site_record", {**body, "kind": "other"})
    assert r.status_code == 400
    assert counts() == before


def test_sampling_items(client, cw, case):
    p = cw.personas
    client.force_login(p.officer2)
    body = {
        "sampled_at": "2026-06-01T08:10:00+08:00",
        "place": "原料库",
        "holder": "南京浦口金属制品有限公司",
        "method": "随机抽取",
        "items": [{"name": "铝粉", "spec": "200目", "quantity": "2袋", "batch": "20260501"}],
        "officers": [p.officer1.pk, p.officer2.pk],
    }
    r = post(client, case, "sampling", body)
    assert r.status_code == 201, r.content
    assert r.json()["items"] == body["items"]
    before = counts()
    r = post(client, case, "sampling", {**body, "items": [{"name": "铝粉", "quantity": ""}]})
    assert r.status_code == 400 and "数量" in r.json()["detail"]
    assert counts() == before


def test_who_may_see_and_write(client, cw, case):
    """Handlers write; the head and supervisor see (403 on writes); an unrelated officer gets 404."""
    p = cw.personas
    expected = {
        "officer1": (200, 201),
        "head": (200, 403),
        "supervisor": (200, 403),
        "officer_other": (404, 404),
        "reviewer": (404, 404),
        "assistant": (404, 404),
    }
    for name, (read, write) in expected.items():
        client.force_login(getattr(p, name))
        before = Interview.objects.count()
        assert client.get(f"/api/v1/cases/{case.pk}/records/").status_code == read, name
        r = post(client, case, "interview", interview_body(p))
        assert r.status_code == write, name
        assert Interview.objects.count() == before + (1 if write == 201 else 0)
    client.logout()
    assert client.get(f"/api/v1/cases/{case.pk}/records/").status_code == 401


def test_refused_outside_the_investigation(client, cw):
    """Not before 立案 and not after 调查终结 (409, nothing written); unknown kinds are 404."""
    p = cw.personas
    client.force_login(p.officer1)
    for c in (cw.draft(), cw.reach(S.INVESTIGATION_CLOSED)):
        before = counts()
        r = post(client, c, "interview", interview_body(p))
        assert r.status_code == 409 and r.json()["code"] == "case_not_investigating", c.status
        assert counts() == before
    archived = cw.reach(S.FILED)
    Case.objects.filter(pk=archived.pk).update(status=S.ARCHIVED)
    assert post(client, archived, "sampling", {}).status_code == 400  # input is checked first
    assert post(client, archived, "interview", interview_body(p)).status_code == 409
    assert post(client, archived, "nothing", {}).status_code == 404


def test_interview_sha_is_kept_for_the_uploads_unchanged(client, cw, case):
    """Structured records sit beside the uploads: the evidence list is unchanged by them."""
    p = cw.personas
    client.force_login(p.officer1)
    up = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": SimpleUploadedFile("a.png", PNG), "kind": "photo", "description": "照片"},
    ).json()
    assert up["sha256"] == hashlib.sha256(PNG).hexdigest()
    post(client, case, "interview", interview_body(p))
    assert [e["id"] for e in client.get(f"/api/v1/cases/{case.pk}/evidence/").json()] == [up["id"]]


def test_demo_seeds_structured_evidence_through_the_services(cw):
    from cases.demo import seed_cases
    from cases.models import Preservation
    from enforcement.core.models import Deadline
    from tests.factories import EnterpriseFactory

    EnterpriseFactory.create_batch(10, agency=cw.personas.agencies.district_a)
    seed_cases()
    filed = Case.objects.get(status=S.FILED)
    assert Interview.objects.filter(case=filed).count() == 1
    assert SiteRecord.objects.filter(case=filed).count() == 1
    kept = Preservation.objects.get(case=filed)
    assert kept.status == "in_force"
    assert Deadline.objects.filter(pk=kept.deadline_id, kind="CASE_PRESERVE_DECIDE", status="open").exists()
    assert AuditEvent.objects.filter(action="case.record_interview").count() == 1
