"""Case 文书 through the core document service: 立案审批表, 行政处罚告知书, and one 行政处罚决定书 per party
punished whose extracted text (pdftotext) holds every field of spec §4.3."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseStatus as S
from cases.models import Case, CaseSettings
from enforcement.core.models import Document

pytestmark = pytest.mark.documents


def pdf_text(doc: Document) -> str:
    with doc.file.open("rb") as fh:
        data = fh.read()
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return "".join(out.decode().split())  # CJK text without the layout's spaces and line breaks


def docs_of(case: Case) -> list[Document]:
    return list(
        Document.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        ).order_by("id")
    )


def test_documents_from_filing_to_the_decision(client, cw, frozen):
    p = cw.personas
    CaseSettings.objects.create(
        agency=p.agencies.district_a,
        payment_bank="中国农业银行南京浦口支行",
        payment_account_name="南京市浦口区财政局",
        payment_account="10112301040000001",
    )
    c = cw.reach(S.FILED)
    c = cw.move(
        c,
        "conclude_investigation",
        facts="该公司未如实记录安全生产教育和培训情况。",
        proposal="penalty",
        violations=[
            {
                "violation": "AQ-099-I1",
                "fines": [{"subject": "unit", "amount": 20000}],
            },
            {
                "violation": "AQ-094-P1",
                "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
            },
        ],
    )
    c = cw.move(c, "notify")
    assert c.hearing_right  # 50,000 together (unit threshold, inclusive)
    c = cw.move(c, "waive_rights")
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    c = cw.move(c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意")
    c = cw.move(c, "decide", p.head)
    main = ("case_filing", "penalty_notice", "penalty_decision")
    docs = [d for d in docs_of(c) if d.kind in main]  # the steps' other 文书: test_documents_stages
    assert [d.kind for d in docs] == ["case_filing", "penalty_notice", "penalty_decision", "penalty_decision"]
    assert docs[0].number == "（浦）应急立〔2026〕1号" or docs[0].number.startswith("（浦）应急立")
    assert docs[2].number == "（浦）应急罚〔2026〕1号" and docs[3].number == "（浦）应急罚〔2026〕2号"
    notice = pdf_text(docs[1])
    assert "陈述和申辩" in notice and "人民币贰万元整" in notice and "要求举行听证" in notice
    unit = pdf_text(docs[2])
    for field in (
        "（浦）应急罚〔2026〕1号",
        "南京市浦口区应急管理局",
        "南京浦口金属制品有限公司",
        c.party_credit_code,
        "未如实记录安全生产教育和培训情况案",
        "违法事实和证据",
        "告知和陈述申辩",
        "放弃陈述、申辩和听证",
        "处罚依据",
        "安全生产法",
        "裁量基准",
        "人民币贰万元整（￥20,000.00）",
        "中国农业银行南京浦口支行",
        "10112301040000001",
        "十五日内",
        "百分之三加处罚款",
        "南京市浦口区人民政府申请行政复议",
        "六个月内",
        "二〇二六年六月一日",
    ):
        assert field in unit, field
    # one decision record per party punished, each holding its own numbered document
    rows = list(c.decisions.order_by("id"))
    assert [(d.party_role, d.party_name, d.amount) for d in rows] == [
        ("party", "南京浦口金属制品有限公司", 20000),
        ("person", "赵主要", 30000),
    ]
    assert [d.document_id for d in rows] == [docs[2].pk, docs[3].pk]
    assert [d.number for d in rows] == [docs[2].number, docs[3].number]
    person = pdf_text(docs[3])
    assert "赵主要" in person and "人民币叁万元整（￥30,000.00）" in person and "人民币贰万元整" not in person
    # the documents endpoint lists them and serves the PDF to whoever may see the case
    client.force_login(p.officer1)
    listed = client.get(f"/api/v1/cases/{c.pk}/documents/").json()
    assert [d["kind"] for d in listed] == [d.kind for d in docs_of(c)] and all(d["sha256"] for d in listed)
    decision = next(d for d in listed if d["kind"] == "penalty_decision")
    assert client.get(decision["pdf"]).status_code == 200


def test_a_case_document_is_visible_exactly_as_its_case(client, cw, frozen):
    """ERRATA: officer2 of the same agency gets 404 on a document of a case they do not handle."""
    p = cw.personas
    third = __import__("tests.factories", fromlist=["UserFactory"]).UserFactory(
        username="officer3", agency=p.agencies.district_a, roles=["执法人员"]
    )
    from tests.training.helpers import give_certificate

    give_certificate(third, actor=p.cityadmin, issued_on=dt.date(2025, 3, 1))
    c = cw.reach(S.FILED, case=cw.draft(handlers=[p.officer1, third]))
    doc = docs_of(c)[0]
    for name, expected in (
        ("officer1", 200),
        ("head", 200),
        ("supervisor", 200),
        ("officer2", 404),
        ("officer_other", 404),
    ):
        client.force_login(getattr(p, name))
        assert client.get(f"/documents/{doc.pk}/pdf/").status_code == expected, name
