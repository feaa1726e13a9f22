"""The evidence page (证据与笔录): the chain of custody of every upload (upload, each download, superseding),
the structured records and their forms; scoped like the case; the page forms call the same services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import Case, CaseEvidence, Interview, Preservation
from enforcement.core.models import AuditEvent
from tests.support.images import PNG


@pytest.fixture
def case(cw):
    return cw.reach(S.FILED)


def page(case):
    return f"/cases/{case.pk}/evidence/"


def test_chain_of_custody_on_the_page(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    r = client.post(
        f"/cases/{case.pk}/evidence/upload/",
        {
            "file": SimpleUploadedFile("scene.png", PNG),
            "kind": "photo",
            "description": "泄爆口封堵照片",
            "place": "抛光车间",
            "collected_at": "2026-06-01T08:00",
        },
    )
    assert r.status_code == 302
    item = CaseEvidence.objects.get()
    assert item.place == "抛光车间" and item.collected_at is not None
    client.force_login(p.head)
    client.get(f"/api/v1/cases/{case.pk}/evidence/{item.pk}/file/")
    client.force_login(p.officer2)
    client.get(f"/api/v1/cases/{case.pk}/evidence/{item.pk}/file/")
    client.force_login(p.officer1)
    r = client.post(f"/cases/{case.pk}/evidence/{item.pk}/supersede/", {"reason": "拍摄角度不全，已重拍"})
    assert r.status_code == 302
    html = client.get(page(case)).content.decode()
    custody = html.split('class="small mb-1 custody"')[1].split("</ol>")[0]
    assert custody.count("<li>") == 4
    assert "王执法 上传" in custody and "何局长 下载" in custody and "李执法 下载" in custody
    assert "王执法 作废，理由：拍摄角度不全，已重拍" in custody
    assert item.sha256 in html
    assert CaseEvidence.objects.filter(pk=item.pk).exists()


def test_page_visibility_and_forms_by_role(client, cw, case):
    p = cw.personas
    for name, status, forms in (
        ("officer1", 200, True),
        ("head", 200, False),
        ("supervisor", 200, False),
        ("officer_other", 404, False),
        ("reviewer", 404, False),
    ):
        client.force_login(getattr(p, name))
        r = client.get(page(case))
        assert r.status_code == status, name
        if status == 200:
            html = r.content.decode()
            assert ('id="record-form-interview"' in html) is forms, name
            assert ('id="evidence-upload"' in html) is forms, name
    client.logout()
    assert client.get(page(case)).status_code == 302  # to the login page


def test_case_page_has_the_forms_and_the_link(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="case-record-forms"' in html and f'href="/cases/{case.pk}/evidence/"' in html
    for kind in ("interview", "site_record", "sampling", "preservation", "seizure"):
        assert f'id="record-form-{kind}"' in html
    client.force_login(p.head)
    assert 'id="case-record-forms"' not in client.get(f"/cases/{case.pk}/").content.decode()


def test_interview_through_the_page_form(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    form = {
        "interview-interviewee_name": "张安全",
        "interview-interviewee_id_number": "11010519491231002X",
        "interview-interviewee_role": "安全管理员",
        "interview-started_at": "2026-06-01T08:00",
        "interview-ended_at": "2026-06-01T08:30",
        "interview-place": "会议室",
        "interview-officers": [str(p.officer1.pk), str(p.officer2.pk)],
        "interview-recorder": str(p.officer2.pk),
        "interview-qa": "问：是否申请回避？\n答：不申请。\n问：培训是否记录？\n答：没有记录。",
        "next": "detail",
    }
    r = client.post(f"/cases/{case.pk}/records/interview/", form, follow=True)
    assert "须告知被询问人" in r.content.decode() and Interview.objects.count() == 0
    r = client.post(
        f"/cases/{case.pk}/records/interview/", {**form, "interview-rights_read": "on"}, follow=True
    )
    assert r.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    item = Interview.objects.get()
    assert item.qa == [{"q": "是否申请回避？", "a": "不申请。"}, {"q": "培训是否记录？", "a": "没有记录。"}]


def test_preservation_through_the_page_forms(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    client.post(
        f"/cases/{case.pk}/records/preservation/",
        {
            "preservation-items": "铝粉|200目|20袋|20260501\n除尘滤袋||3只|",
            "preservation-place": "原料库",
            "preservation-reason": "证据可能灭失",
            "preservation-officers": [str(p.officer1.pk), str(p.officer2.pk)],
        },
    )
    item = Preservation.objects.get()
    assert [i["name"] for i in item.items] == ["铝粉", "除尘滤袋"]
    client.force_login(p.head)
    html = client.get(page(case)).content.decode()
    assert 'data-step="preservation-approve"' in html
    # the officer of another agency cannot reach the step at all
    client.force_login(p.officer_other)
    url = f"/cases/{case.pk}/records/preservation/{item.pk}/approve/"
    assert client.post(url, {f"preservation-{item.pk}-approve-approved": "yes"}).status_code == 404
    client.force_login(p.officer1)
    assert client.post(url, {f"preservation-{item.pk}-approve-approved": "yes"}).status_code == 403
    client.force_login(p.head)
    client.post(
        url,
        {
            f"preservation-{item.pk}-approve-approved": "yes",
            f"preservation-{item.pk}-approve-opinion": "同意",
        },
    )
    item.refresh_from_db()
    assert item.status == "in_force" and item.deadline is not None


def test_no_forms_and_no_superseding_once_archived(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": SimpleUploadedFile("a.png", PNG), "kind": "photo", "description": "照片"},
    )
    item = CaseEvidence.objects.get()
    Case.objects.filter(pk=case.pk).update(status=S.ARCHIVED)
    before = AuditEvent.objects.count()
    r = client.post(
        f"/api/v1/cases/{case.pk}/evidence/{item.pk}/supersede/",
        {"reason": "重拍"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "case_frozen"
    item.refresh_from_db()
    assert item.superseded_at is None and AuditEvent.objects.count() == before
    html = client.get(page(case)).content.decode()
    assert "record-form-" not in html and 'id="evidence-upload"' not in html and "作废</button>" not in html


def test_page_queries_do_not_grow_with_downloads(client, cw, case, django_assert_max_num_queries):
    p = cw.personas
    client.force_login(p.officer1)
    for n in range(3):
        client.post(
            f"/api/v1/cases/{case.pk}/evidence/",
            {"file": SimpleUploadedFile(f"{n}.png", PNG), "kind": "photo", "description": f"照片{n}"},
        )
    for e in CaseEvidence.objects.all():
        client.get(f"/api/v1/cases/{case.pk}/evidence/{e.pk}/file/")
    client.get(page(case))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(page(case))
    for e in CaseEvidence.objects.all():
        client.get(f"/api/v1/cases/{case.pk}/evidence/{e.pk}/file/")
        client.get(f"/api/v1/cases/{case.pk}/evidence/{e.pk}/file/")
    with CaptureQueriesContext(connection) as more:
        client.get(page(case))
    assert len(more) == len(few)


def test_custody_api_lists_upload_downloads_and_superseding(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    eid = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": SimpleUploadedFile("a.png", PNG), "kind": "photo", "description": "照片"},
    ).json()["id"]
    client.force_login(p.head)
    client.get(f"/api/v1/cases/{case.pk}/evidence/{eid}/file/")
    client.force_login(p.officer2)
    client.post(
        f"/api/v1/cases/{case.pk}/evidence/{eid}/supersede/",
        {"reason": "重拍"},
        content_type="application/json",
    )
    chain = client.get(f"/api/v1/cases/{case.pk}/evidence/{eid}/custody/").json()["custody"]
    assert [(c["event"], c["user"]) for c in chain] == [
        ("upload", "王执法"),
        ("download", "何局长"),
        ("supersede", "李执法"),
    ]
    assert chain[2]["detail"] == "重拍"
    for name, status in (("supervisor", 200), ("officer_other", 404), ("reviewer", 404)):
        client.force_login(getattr(p, name))
        assert client.get(f"/api/v1/cases/{case.pk}/evidence/{eid}/custody/").status_code == status, name
    client.force_login(p.head)
    assert client.get(f"/api/v1/cases/{case.pk}/evidence/999999/custody/").status_code == 404


MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "kind", "mime"),
    [
        ("现场录音.mp3", MP3, "audiovisual", "audio/mpeg"),
        ("执法记录仪.mp4", MP4, "audiovisual", "video/mp4"),
        ("营业执照.pdf", PDF, "documentary", "application/pdf"),
        ("现场照片.png", PNG, "photo", "image/png"),
    ],
)
def test_photo_audio_video_and_documents_are_accepted_with_their_hash(
    client, cw, case, name, data, kind, mime
):
    import hashlib

    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": SimpleUploadedFile(name, data), "kind": kind, "description": "证据", "place": "车间"},
    )
    assert r.status_code == 201, r.content
    row = r.json()
    assert (row["content_type"], row["size"], row["sha256"]) == (
        mime,
        len(data),
        hashlib.sha256(data).hexdigest(),
    )


def test_empty_or_unlabelled_uploads_change_nothing(client, cw, case):
    client.force_login(cw.personas.officer1)
    for body in (
        {"file": SimpleUploadedFile("e.png", b""), "kind": "photo", "description": "空文件"},
        {"file": SimpleUploadedFile("a.png", PNG), "kind": "nothing", "description": "照片"},
        {"file": SimpleUploadedFile("a.png", PNG), "kind": "photo", "description": " "},
        {
            "file": SimpleUploadedFile("a.png", PNG),
            "kind": "photo",
            "description": "照片",
            "collected_at": "2026-06-02T08:00:00+08:00",
        },
    ):
        r = client.post(f"/api/v1/cases/{case.pk}/evidence/", body)
        assert r.status_code == 400, body
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["detail"])
    assert CaseEvidence.objects.count() == 0


def test_seizure_steps_through_the_page(client, cw, case):
    from cases.models import Seizure

    p = cw.personas
    client.force_login(p.officer1)
    client.post(
        f"/cases/{case.pk}/records/seizure/",
        {
            "seizure-measure": "seal",
            "seizure-items": "粉尘收集设备|JD-200|1台|",
            "seizure-place": "抛光车间",
            "seizure-reason": "存在重大事故隐患",
            "seizure-officers": [str(p.officer1.pk), str(p.officer2.pk)],
        },
    )
    item = Seizure.objects.get()
    base = f"/cases/{case.pk}/records/seizure/{item.pk}"
    pre = f"seizure-{item.pk}"
    client.force_login(p.head)
    client.post(f"{base}/approve/", {f"{pre}-approve-approved": "yes", f"{pre}-approve-opinion": "同意查封"})
    html = client.get(page(case)).content.decode()
    assert 'data-step="seizure-extend"' in html and 'data-step="seizure-release"' not in html
    r = client.post(
        f"{base}/extend/", {f"{pre}-extend-days": "45", f"{pre}-extend-reason": "检测"}, follow=True
    )
    assert "不得超过三十日" in r.content.decode() or "1至30日" in r.content.decode()
    client.post(f"{base}/extend/", {f"{pre}-extend-days": "15", f"{pre}-extend-reason": "委托检测"})
    item.refresh_from_db()
    assert item.extension_days == 15 and item.deadline.due_date.isoformat() == "2026-07-16"
    assert 'data-step="seizure-extend"' not in client.get(page(case)).content.decode()  # only once
    client.force_login(p.officer2)
    assert 'data-step="seizure-release"' in client.get(page(case)).content.decode()
    client.post(f"{base}/release/", {f"{pre}-release-reason": "隐患已消除"})
    item.refresh_from_db()
    assert item.status == "ended" and item.release_reason == "隐患已消除"
