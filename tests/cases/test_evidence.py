"""Evidence: upload with SHA-256 and content checks, never deleted (superseded with a reason), every
download logged; scoped like the case."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import CaseEvidence, EvidenceDownload
from enforcement.core.models import AuditEvent
from tests.support.images import PNG


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
    # stored under a generated name, delivered with the uploader's name and the safe headers
    stored = CaseEvidence.objects.get(pk=item["id"]).file.name
    assert "photo" not in stored and stored.endswith(".png")
    assert got["X-Content-Type-Options"] == "nosniff" and "sandbox" in got["Content-Security-Policy"]
    assert "photo.png" in got["Content-Disposition"]
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
    assert r.status_code == 400 and r.json()["code"] == "upload_refused"
    r = upload(client, case, name="page.html", data=b"<html><script>alert(1)</script></html>")
    assert r.status_code == 400 and "脚本" in r.json()["detail"]
    # judged by its bytes, not its name: a PNG called .pdf is kept as the PNG it is
    r = upload(client, case, name="photo.pdf")
    assert r.status_code == 201 and r.json()["content_type"] == "image/png"
    for name, expected in (("head", 403), ("officer2", 201), ("officer_other", 404), ("reviewer", 404)):
        client.force_login(getattr(p, name))
        assert upload(client, case).status_code == expected, name
    client.logout()
    assert upload(client, case).status_code == 401
