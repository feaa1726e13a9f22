"""The 当场行政处罚决定书 (spec §1.13, 行政处罚法 Art 52) and the 移送书 with the evidence list (spec §11,
国务院令第310号 Art 6) rendered by the core document service; their extracted text (pdftotext)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import CaseSettings, CaseTransfer, SummaryDecision
from cases.services import evidence as evidence_services
from tests.cases.test_documents import docs_of, pdf_text
from tests.cases.test_summary import PERSON, spot
from tests.support.images import PNG

pytestmark = pytest.mark.documents


def test_summary_decision_document_carries_every_art52_field(client, cw):
    p = cw.personas
    CaseSettings.objects.create(agency=p.agencies.district_a, payment_bank="中国农业银行南京浦口支行")
    c = cw.draft(party=PERSON, procedure="summary")
    c = cw.move(c, "decide_on_spot", **spot(amount=200))
    docs = docs_of(c)
    assert [d.kind for d in docs] == ["summary_decision"]
    assert c.number == docs[0].number and "当罚" in c.number
    s = SummaryDecision.objects.get(case=c)
    assert s.document_id == docs[0].pk
    text = pdf_text(docs[0])
    for field in (
        docs[0].number,
        "当场行政处罚决定书",
        "南京市浦口区应急管理局",  # the agency
        "李四",  # the party
        "11010519491231002X",
        "当事人在加油站内吸烟",  # the act
        "违反的规定",
        "处罚依据",
        "人民币贰佰元整（￥200.00）",  # penalty type and amount
        "二〇二六年六月一日",  # time
        "浦口区江浦加油站",  # place
        "王执法",  # the officers with certificate numbers
        "执法证号：32011100",
        "中国农业银行南京浦口支行",
        "十五日内",
        "应当先申请行政复议",  # 行政复议法 Art 23: reconsideration before suing
        "六十日内",
        "十五日内依法向人民法院提起行政诉讼",
        "当事人已当场签收",
        "备案",
    ):
        assert field in text, field


def test_cash_and_refusal_to_sign_on_the_document(cw):
    c = cw.draft(party=PERSON, procedure="summary")
    c = cw.move(
        c,
        "decide_on_spot",
        **spot(
            amount=50, cash=True, receipt_number="苏财罚0009", party_signed=False, refusal_note="当事人拒签"
        ),
    )
    text = pdf_text(docs_of(c)[0])
    assert "当场收缴" in text and "苏财罚0009" in text and "拒绝签收" in text and "当事人拒签" in text
    assert "人民币伍拾元整" in text


def test_transfer_document_lists_the_evidence(cw):
    p = cw.personas
    c = cw.reach(S.FILED)
    evidence_services.add_evidence(
        c,
        actor=p.officer1,
        file=SimpleUploadedFile("scene.png", PNG),
        kind="photo",
        description="视频监控报警装置被关闭",
        place="抛光车间",
    )
    gone = evidence_services.add_evidence(
        c, actor=p.officer1, file=SimpleUploadedFile("old.png", PNG), kind="photo", description="模糊照片"
    )
    evidence_services.supersede_evidence(gone, actor=p.officer1, reason="重新拍摄")
    c = cw.move(
        c,
        "transfer",
        actor=p.head,
        to="public_security",
        receiving_body="南京市公安局浦口分局",
        reason="该公司关闭监控报警装置，涉嫌危险作业罪。",
        date=dt.date(2026, 6, 1),
    )
    docs = [d for d in docs_of(c) if d.kind == "case_transfer"]
    assert len(docs) == 1 and "应急移" in docs[0].number
    assert CaseTransfer.objects.get(case=c).document_id == docs[0].pk
    text = pdf_text(docs[0])
    for field in (
        "涉嫌犯罪案件移送书",
        "南京市公安局浦口分局",
        "涉嫌危险作业罪",
        "国务院令第310号",
        "3日内",
        "南京浦口金属制品有限公司",
        "随案移送的证据材料清单",
        "视频监控报警装置被关闭",
        "抛光车间",
        "王执法",
        c.number,
    ):
        assert field in text, field
    assert "模糊照片" not in text  # superseded evidence does not travel
