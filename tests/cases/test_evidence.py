"""Evidence: upload with SHA-256 and content checks, never deleted (superseded with a reason), every
download logged; scoped like the case."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import CaseEvidence, EvidenceDownload
from enforcement.core.models import AuditEvent

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, case, name="photo.png", data=PNG, **extra):
    body = {
        "file": SimpleUploadedFile(name, data),
        "kind": "photo",
        "description": "除尘器泄爆口封堵",
        **extra,
    }
    return client.post(f"/api/v1/cases/{case.pk}/evidence/", body)


@pytest.fixture
def case(cw):
    return cw.reach(S.FILED)


def test_upload_list_download_and_supersede(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    r = upload(client, case, place="抛光车间", collected_at="2026-06-01T08:30:00+08:00")
    assert r.status_code == 201, r.content
    item = r.json()
    assert item["sha256"] == hashlib.sha256(PNG).hexdigest() and item["content_type"] == "image/png"
    assert item["collector"] == "王执法" and item["place"] == "抛光车间"
    client.force_login(p.head)
    listed = client.get(f"/api/v1/cases/{case.pk}/evidence/").json()
    assert [e["id"] for e in listed] == [item["id"]]
    got = client.get(f"/api/v1/cases/{case.pk}/evidence/{item['id']}/file/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    assert EvidenceDownload.objects.filter(evidence_id=item["id"], user=p.head).count() == 1
    assert AuditEvent.objects.filter(action="case.download_evidence").count() == 1
    client.force_login(p.officer1)
    r = client.post(
        f"/api/v1/cases/{case.pk}/evidence/{item['id']}/supersede/",
        {"reason": ""},
        content_type="application/json",
    )
    assert r.status_code == 400
    r = client.post(
        f"/api/v1/cases/{case.pk}/evidence/{item['id']}/supersede/",
        {"reason": "拍摄对象错误，已重新取证"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["superseded"] is True
    assert CaseEvidence.objects.filter(pk=item["id"]).exists()  # never deleted


def test_disguised_empty_or_wrong_people(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    r = upload(client, case, name="photo.png", data=b"MZ\x90\x00not an image at all")
    assert r.status_code == 400 and r.json()["code"] == "invalid_upload"
    r = upload(client, case, name="photo.pdf")
    assert r.status_code == 400 and "扩展名" in r.json()["detail"]
    for name, expected in (("head", 403), ("officer2", 201), ("officer_other", 404), ("reviewer", 404)):
        client.force_login(getattr(p, name))
        assert upload(client, case).status_code == expected, name
    client.logout()
    assert upload(client, case).status_code == 401
