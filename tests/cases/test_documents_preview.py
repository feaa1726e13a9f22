"""Preview before issue (样稿): the 文书 an action would issue, rendered by a rolled-back run of the action —
watermarked, unnumbered, nothing stored, no event or audit row, no number consumed; reachable from the
case page beside the action button and by API, scoped by the case's visibility."""

from __future__ import annotations

import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseStatus as S
from cases.models import Case, CaseDocument, CaseEvent
from enforcement.core.models import AuditEvent, Document, DocumentCounter

pytestmark = pytest.mark.documents


def text_of(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    return "".join(out.decode().split())


def counters() -> dict[tuple[str, int], int]:
    return {(c.kind, c.year): c.last_value for c in DocumentCounter.objects.all()}


def footprint(case: Case) -> tuple:
    ct = ContentType.objects.get_for_model(Case)
    fresh = Case.objects.get(pk=case.pk)
    return (
        counters(),
        Document.objects.filter(content_type=ct, object_id=case.pk).count(),
        CaseDocument.objects.count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEvent.objects.count(),
        fresh.status,
        fresh.number,
        fresh.decided_on,
    )


def _waived_with_person(cw):
    c = cw.reach(S.FILED)
    c = cw.move(
        c,
        "conclude_investigation",
        facts="经查，该公司未如实记录安全生产教育和培训情况。",
        proposal="penalty",
        violations=[
            {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
            {
                "violation": "AQ-094-P1",
                "fines": [{"subject": "main_person", "person": "赵主要", "amount": 20000}],
            },
        ],
    )
    c = cw.move(c, "notify")
    c = cw.move(c, "waive_rights")
    c = cw.move(c, "submit_legal_review", reviewer=cw.personas.reviewer)
    c = cw.move(c, "complete_legal_review", cw.personas.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c,
            "record_collective_discussion",
            cw.personas.head,
            participants=["甲", "乙", "丙"],
            conclusion="同意",
        )
    return c


def test_a_decision_preview_consumes_no_number_and_stores_nothing_from_the_api_and_the_page(client, cw):
    p = cw.personas
    c = _waived_with_person(cw)
    before = footprint(c)
    client.force_login(p.head)
    url = f"/api/v1/cases/{c.pk}/documents/preview/"
    r = client.post(url, {"kind": "penalty_decision"}, content_type="application/json")
    assert r.status_code == 200, r.content.decode()[:300]
    assert r["Content-Type"] == "application/pdf" and r["Cache-Control"] == "no-store"
    unit = text_of(r.content)
    assert "样稿" in unit and "未编号" in unit and "应急罚〔" not in unit
    assert "南京浦口金属制品有限公司" in unit and "人民币贰万元整（￥20,000.00）" in unit
    second = client.get(url, {"kind": "penalty_decision", "index": 1})
    assert second.status_code == 200 and "赵主要" in text_of(second.content)
    assert client.get(url, {"kind": "penalty_decision", "index": 2}).status_code == 400
    assert footprint(c) == before  # no number, no document, no context, no event, no audit row, same state

    # the case page: the whole discretion chain beside each amount, the 样稿 button beside the action
    client.force_login(p.head)
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'data-preview="decide"' in page and f"/cases/{c.pk}/actions/decide/preview/" in page
    # the whole discretion chain beside each amount
    for text in (
        "裁量基准",
        "裁量阶次",
        "裁量情节",
        "法定幅度",
        "基准幅度",
        "推荐",
        "裁量说明",
        "合并处罚",
        "赵主要",
    ):
        assert text in page, text
    r = client.post(f"/cases/{c.pk}/actions/decide/preview/", {"decide-date": "2026-06-01"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "样稿" in text_of(r.content)
    assert footprint(c) == before
    client.force_login(p.officer_other)
    assert client.post(f"/cases/{c.pk}/actions/decide/preview/", {}).status_code == 404

    c = cw.move(c, "decide", p.head)
    numbers = [d.number for d in Document.objects.filter(kind="penalty_decision").order_by("id")]
    assert numbers == ["（浦）应急罚〔2026〕1号", "（浦）应急罚〔2026〕2号"]  # the preview took none


def test_a_filing_preview_takes_no_case_number(client, cw):
    p = cw.personas
    c = cw.reach(S.SUBMITTED)
    before = footprint(c)
    client.force_login(p.head)
    r = client.get(f"/api/v1/cases/{c.pk}/documents/preview/", {"kind": "case_filing", "opinion": "同意立案"})
    assert r.status_code == 200
    text = text_of(r.content)
    assert "立案审批表" in text and "样稿" in text and "同意立案" in text
    assert footprint(c) == before
    c = cw.move(c, "approve_filing", p.head, opinion="同意")
    assert c.number == "（浦）应急立〔2026〕1号"


def test_preview_scope_and_refusals(client, cw):
    p = cw.personas
    c = _waived_with_person(cw)
    url = f"/api/v1/cases/{c.pk}/documents/preview/"
    for name, expected in (("officer_other", 404), ("officer1", 403), ("officer2", 403), ("supervisor", 403)):
        client.force_login(getattr(p, name))
        assert client.get(url, {"kind": "penalty_decision"}).status_code == expected, name
    client.force_login(p.head)
    bad = client.get(url, {"kind": "nonsense"})
    assert bad.status_code == 400 and bad.json()["fields"]["kind"]
    # the action would not issue this kind now (state 409 like the action itself)
    assert client.get(url, {"kind": "case_filing", "opinion": "同意"}).status_code == 409
    assert client.get(url, {"kind": "hearing_notice"}).status_code == 400  # the action's input is required
