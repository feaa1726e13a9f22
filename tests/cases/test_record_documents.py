"""The structured evidence's 文书, numbered by the core service and checked by their extracted text
(pdftotext): 询问笔录 with the rights and the Q&A, 勘验/现场笔录, 抽样取证凭证, 先行登记保存证据通知书 and its
处理决定书, 查封（扣押）决定书, its extension and release."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.choices import CaseStatus as S
from cases.services import measures, records
from enforcement.core.models import Document
from tests.cases.test_documents import pdf_text

pytestmark = pytest.mark.documents


def test_record_documents_text(cw, client):
    p = cw.personas
    case = cw.reach(S.FILED)
    officers = [p.officer1.pk, p.officer2.pk]
    interview = records.record_interview(
        case,
        actor=p.officer1,
        params={
            "interviewee_name": "张安全",
            "interviewee_id_number": "11010519491231002X",
            "interviewee_role": "安全管理员",
            "started_at": "2026-06-01T08:00:00+08:00",
            "ended_at": "2026-06-01T08:40:00+08:00",
            "place": "公司会议室",
            "officers": officers,
            "recorder": p.officer2.pk,
            "rights_read": True,
            "qa": [{"q": "你是否申请回避？", "a": "不申请。"}, {"q": "培训是否记录？", "a": "没有记录。"}],
        },
    )
    assert interview.document is not None and interview.document.number
    text = pdf_text(interview.document)
    for needle in (
        "询问笔录",
        "张安全",
        "11010519491231002X",
        "安全管理员",
        "公司会议室",
        "王执法",
        "李执法",
        "回避",
        "如实回答",
        "问：你是否申请回避？",
        "答：不申请。",
        "问：培训是否记录？",
        "答：没有记录。",
        "记录人",
        "2026年6月1日08时00分",
    ):
        assert needle in text, needle
    assert text.index("你是否申请回避") < text.index("培训是否记录")

    site = records.record_site(
        case,
        actor=p.officer1,
        params={
            "kind": "inspection",
            "started_at": "2026-06-01T07:00:00+08:00",
            "place": "抛光车间",
            "present": ["刘工（车间主任）"],
            "findings": "泄爆口被封堵",
            "officers": officers,
        },
    )
    text = pdf_text(site.document)
    for needle in ("勘验笔录", "抛光车间", "刘工（车间主任）", "泄爆口被封堵"):
        assert needle in text, needle

    item = {"name": "铝粉", "spec": "200目", "quantity": "2袋", "batch": "20260501"}
    sampling = records.record_sampling(
        case,
        actor=p.officer2,
        params={
            "sampled_at": "2026-06-01T08:10:00+08:00",
            "place": "原料库",
            "holder": case.party_name,
            "items": [item],
            "officers": officers,
        },
    )
    text = pdf_text(sampling.document)
    for needle in ("抽样取证凭证", "铝粉", "200目", "2袋", "20260501", "原料库"):
        assert needle in text, needle

    kept = measures.request_preservation(
        case,
        actor=p.officer1,
        params={"items": [item], "place": "原料库", "reason": "证据可能灭失", "officers": officers},
    )
    kept = measures.approve_preservation(kept, actor=p.head, approved=True, opinion="同意")
    text = pdf_text(kept.document)
    for needle in ("先行登记保存证据通知书", "铝粉", "第五十六条", "七个工作日", "二〇二六年六月十日"):
        assert needle in text, needle
    kept = measures.decide_preservation(kept, actor=p.officer1, handling="return", note="已取得样品")
    assert "解除先行登记保存，退还当事人" in pdf_text(kept.end_document)

    seized = measures.request_seizure(
        case,
        actor=p.officer1,
        params={
            "measure": "seize",
            "items": [item],
            "place": "原料库",
            "reason": "涉嫌违法生产",
            "officers": officers,
        },
    )
    seized = measures.approve_seizure(seized, actor=p.head, approved=True, opinion="同意")
    text = pdf_text(seized.document)
    for needle in ("扣押", "第二十五条", "三十日", "二〇二六年七月一日", "行政复议", "行政诉讼"):
        assert needle in text, needle
    seized = measures.extend_seizure(seized, actor=p.head, days=20, reason="委托检测尚未完成")
    text = pdf_text(seized.extension_document)
    assert "延长20日" in text and "二〇二六年七月二十一日" in text and "委托检测尚未完成" in text
    measures.start_seizure_testing(
        seized, actor=p.officer1, until="2026-06-10", reason="委托省检测中心检测铝粉"
    )
    testing = Document.objects.get(kind="case_seizure_testing")
    text = pdf_text(testing)
    assert "委托省检测中心检测铝粉" in text and "第二十五条第三款" in text and "二〇二六年六月十日" in text
    seized = measures.release_seizure(seized, actor=p.officer1, reason="检测合格")
    text = pdf_text(seized.end_document)
    assert "解除" in text and "检测合格" in text and "第二十八条" in text
    numbers = [
        d.number
        for d in (
            interview.document,
            site.document,
            sampling.document,
            kept.document,
            kept.end_document,
            seized.document,
            seized.extension_document,
            seized.end_document,
        )
    ]
    assert len(set(numbers)) == len(numbers) and all(numbers)

    # the PDFs are visible exactly as the case is (ERRATA "Access and layering")
    url = reverse("core:document-pdf", args=[interview.document.pk])
    for name, status in (("officer1", 200), ("head", 200), ("supervisor", 200), ("officer_other", 404)):
        client.force_login(getattr(p, name))
        assert client.get(url).status_code == status, name
