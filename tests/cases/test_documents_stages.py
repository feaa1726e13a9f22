"""The 文书 of the steps between the investigation and the decision (spec §4.1 rows 18–23): each at the
step that produces it, its extracted text holding the fields spec §4 lists; the 案件处理呈批表 printing
the whole discretion chain; issued documents re-rendered and compared (a tampered file is reported)."""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.choices import CaseStatus as S
from cases.models import CaseDocument
from cases.services.verify import check_case_documents
from tests.cases.test_documents import docs_of
from tests.factories import UserFactory

pytestmark = pytest.mark.documents
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")

CONCLUSION = {
    "facts": "经查，该公司未如实记录安全生产教育和培训情况，主要负责人未履行安全生产管理职责。",
    "proposal": "penalty",
    "violations": [
        {
            "violation": "AQ-099-I1",
            "circumstances": [],
            "fines": [{"subject": "unit", "amount": 50000}],
        },
        {
            "violation": "AQ-094-P1",
            "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
        },
    ],
}


def pdf_text(doc) -> str:
    """Text in reading order (``-raw``: table cells are not interleaved), whitespace removed."""
    with doc.file.open("rb") as fh:
        data = fh.read()
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    return "".join(out.decode().split())


def _hearing_path(cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    c = cw.move(c, "conclude_investigation", **CONCLUSION)
    c = cw.move(c, "notify")
    assert c.hearing_right
    c = cw.move(c, "request_hearing")
    chair = UserFactory(
        username="chair", real_name="钱主持", agency=p.agencies.district_a, roles=["执法人员"]
    )
    at = dt.datetime(2026, 6, 11, 14, 30, tzinfo=TZ)
    c = cw.move(c, "schedule_hearing", p.head, hearing_at=at, place="区应急管理局第一会议室", chair=chair)
    frozen.move_to(dt.datetime(2026, 6, 11, 16, 0, tzinfo=TZ))
    c = cw.move(c, "hold_hearing", chair, record="当事人对事实无异议，请求从轻处罚。")
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(
        c, "complete_legal_review", p.reviewer, outcome="approved", opinion="事实清楚，证据确凿，裁量适当。"
    )
    c = cw.move(
        c,
        "record_collective_discussion",
        p.head,
        participants=["孙局长", "李副局长", "周科长"],
        conclusion="同意处罚",
    )
    return cw.move(c, "decide", p.head), chair


def _text(docs, kind):
    found = [d for d in docs if d.kind == kind]
    assert found, kind
    return pdf_text(found[0])


def test_each_step_issues_its_document_with_the_fields_spec_4_lists(cw, frozen):
    c, chair = _hearing_path(cw, frozen)
    docs = docs_of(c)
    kinds = [d.kind for d in docs]
    assert kinds == [
        "case_filing",
        "case_report",
        "penalty_notice",
        "hearing_right_notice",
        "hearing_notice",
        "hearing_record",
        "legal_review_opinion",
        "collective_discussion",
        "penalty_decision",
        "penalty_decision",
    ]
    numbers = {d.kind: d.number for d in docs}
    assert numbers["case_report"] == "（浦）应急处呈〔2026〕1号"
    assert numbers["hearing_right_notice"] == "（浦）应急听告〔2026〕1号"
    assert numbers["collective_discussion"] == "（浦）应急罚集〔2026〕1号"
    assert numbers["hearing_record"] == ""  # a 笔录 is not numbered

    report = _text(docs, "case_report")
    for field in (
        c.number,
        "未如实记录安全生产教育和培训情况案",
        "南京浦口金属制品有限公司",
        "主要负责人未履行安全生产管理职责",  # facts
        "处罚依据",
        "安全生产法",
        "裁量基准",
        c.violations.first().snapshot["benchmark_version_name"],
        "裁量阶次",
        "裁量情节",
        "法定幅度",
        "基准幅度",
        "推荐",
        "人民币伍万元整（￥50,000.00）",
        "主要负责人（赵主要）",
        "人民币叁万元整（￥30,000.00）",
        "分别裁量、合并处罚",
        "南京浦口金属制品有限公司罚款人民币伍万元整",
        "赵主要罚款人民币叁万元整",
        "合计人民币捌万元整",
        "行政处罚",  # the proposal
        "负责人审批意见",
    ):
        assert field in report, field
    for line in c.violations.first().snapshot["explanation"]:
        assert "".join(line.split()) in report, line

    right = _text(docs, "hearing_right_notice")
    for field in ("听证告知书", "要求举行听证", "5个工作日内", "较大数额罚款", "申请回避", "一至二人代理"):
        assert field in right, field

    notice = _text(docs, "hearing_notice")
    for field in (
        "2026年6月11日14:30",
        "区应急管理局第一会议室",
        "钱主持",
        "7个工作日前送达",
        "申请回避",
        "一至二人代理",
    ):
        assert field in notice, field

    record = _text(docs, "hearing_record")
    for field in (
        "听证笔录",
        "钱主持",
        "当事人对事实无异议，请求从轻处罚。",
        "区应急管理局第一会议室",
        "核对无误",
    ):
        assert field in record, field

    opinion = _text(docs, "legal_review_opinion")
    reviewer = cw.personas.reviewer.display_name
    for field in ("同意（审核通过）", "事实清楚，证据确凿，裁量适当。", reviewer, "经过听证程序", "审核结论"):
        assert field in opinion, field

    discussion = _text(docs, "collective_discussion")
    for field in (
        "孙局长、李副局长、周科长",
        "同意处罚",
        "二〇二六年六月十一日",
        cw.personas.head.display_name,
    ):
        assert field in discussion, field

    # one decision per party punished, each numbered, citing the 告知书 numbers and the evidence
    decisions = [d for d in docs if d.kind == "penalty_decision"]
    assert [d.number for d in decisions] == ["（浦）应急罚〔2026〕1号", "（浦）应急罚〔2026〕2号"]
    unit = pdf_text(decisions[0])
    assert numbers["penalty_notice"] in unit and numbers["hearing_right_notice"] in unit
    assert "举行了听证" in unit and "违反的规定" in unit and "人民币伍万元整（￥50,000.00）" in unit
    person = pdf_text(decisions[1])
    assert "赵主要" in person and "人民币叁万元整（￥30,000.00）" in person and "伍万元" not in person


def test_issued_documents_re_render_identically_and_a_tampered_file_is_reported(cw, frozen, tmp_path):
    c, _chair = _hearing_path(cw, frozen)
    checks = check_case_documents(c)
    assert len(checks) == 10 and CaseDocument.objects.filter(case=c).count() == 10
    assert all(x.ok and x.file_intact and x.rerendered for x in checks), [
        x.verdict for x in checks if not x.ok
    ]
    assert all(x.bytes_match or x.text_match for x in checks)
    out = StringIO()
    call_command("verify_case_documents", str(c.pk), stdout=out)
    assert "全部文书核对通过" in out.getvalue()

    # the case changes afterwards: re-rendering uses the context kept at issue, not today's case
    c.facts = "改写后的事实"
    c.save(update_fields=["facts"])
    assert all(x.ok for x in check_case_documents(c))

    decision = next(d for d in docs_of(c) if d.kind == "penalty_decision")
    with decision.file.open("rb") as fh:
        data = bytearray(fh.read())
    data[len(data) // 2] ^= 0xFF
    decision.file.storage.delete(decision.file.name)
    decision.file.storage.save(decision.file.name, __import__("io").BytesIO(bytes(data)))
    bad = [x for x in check_case_documents(c) if not x.ok]
    assert [x.document.pk for x in bad] == [decision.pk]
    assert not bad[0].file_intact and "已被改动" in bad[0].verdict
    out = StringIO()
    with pytest.raises(CommandError, match="1 份文书核对不通过"):
        call_command("verify_case_documents", c.number, stdout=out)
    assert "不通过" in out.getvalue()


def test_check_endpoint_is_scoped_like_the_case(client, cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    client.force_login(p.officer1)
    rows = client.get(f"/api/v1/cases/{c.pk}/documents/check/").json()
    assert [r["kind"] for r in rows] == ["case_filing"] and rows[0]["ok"] and rows[0]["file_intact"]
    client.force_login(p.officer_other)
    assert client.get(f"/api/v1/cases/{c.pk}/documents/check/").status_code == 404
