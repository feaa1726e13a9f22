"""The 文书 of the steps between the investigation and the decision (spec §4.1 rows 18–23): each at the
step that produces it, its extracted text holding the fields spec §4 lists; the 案件处理呈批表 printing
the whole discretion chain; issued documents re-rendered and compared (a tampered file is reported)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zoneinfo
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cases.choices import CaseStatus as S
from cases.models import Case, CaseDocument
from cases.services.evidence import add_evidence
from cases.services.verify import check_case_documents
from enforcement.core.services.audit_display import field_label
from tests.cases.test_api import NOBODY_ELSE, READERS, third  # noqa: F401
from tests.cases.test_documents import docs_of
from tests.factories import UserFactory
from tests.support.images import PNG
from tests.support.matrix import assert_matrix

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
    add_evidence(
        c,
        actor=p.officer1,
        file=SimpleUploadedFile("p.png", PNG),
        kind="photo",
        description="培训记录缺失的现场照片",
    )
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


def test_each_step_issues_its_document_with_the_fields_spec_4_lists_and_re_renders_identically(cw, frozen):
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
    # each step's event and audit row name the 文书 it issued, with a Chinese label for the key
    assert c.events.get(action="conclude_investigation").data["documents"] == [numbers["case_report"]]
    assert field_label(Case, "documents") == "出具文书"

    report = _text(docs, "case_report")
    for field in (
        c.number,
        "未如实记录安全生产教育和培训情况案",
        "南京浦口金属制品有限公司",
        "主要负责人未履行安全生产管理职责",  # facts
        "培训记录缺失的现场照片",  # the evidence list
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
        "对主要负责人（赵主要）",
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
    assert "1.现场照片：培训记录缺失的现场照片" in unit or "培训记录缺失的现场照片" in unit
    assert "举行了听证" in unit and "违反的规定" in unit and "人民币伍万元整（￥50,000.00）" in unit
    person = pdf_text(decisions[1])
    assert "赵主要" in person and "人民币叁万元整（￥30,000.00）" in person and "伍万元" not in person

    # issued documents re-render identically from the context kept at issue; a tampered file is reported
    checks = check_case_documents(c)
    assert len(checks) == 10 and CaseDocument.objects.filter(case=c).count() == 10
    assert all(x.ok and x.file_intact and x.rerendered for x in checks), [
        x.verdict for x in checks if not x.ok
    ]
    assert all(x.bytes_match or x.text_match for x in checks)

    # later changes to the case do not matter (the context kept at issue is re-rendered), a changed
    # file does: the command reports exactly the tampered decision
    c.facts = "改写后的事实"
    c.save(update_fields=["facts"])
    cw.enterprise.contact_phone = "025-00000000"  # read through case.enterprise while rendering
    cw.enterprise.save(update_fields=["contact_phone"])
    decision = next(d for d in docs_of(c) if d.kind == "penalty_decision")
    with decision.file.open("rb") as fh:
        data = bytearray(fh.read())
    data[len(data) // 2] ^= 0xFF
    decision.file.storage.delete(decision.file.name)
    decision.file.storage.save(decision.file.name, io.BytesIO(bytes(data)))
    out = StringIO()
    with pytest.raises(CommandError, match="1 份文书核对不通过"):
        call_command("verify_case_documents", c.number, stdout=out)
    lines = out.getvalue().splitlines()
    failed = [line for line in lines if "\t不通过\t" in line]
    assert len(lines) == 10 and len(failed) == 1
    assert decision.number in failed[0] and "已被改动" in failed[0]


def test_check_and_preview_permission_matrix(client, cw, frozen, third):  # noqa: F811
    """The check page/endpoint read like the case page; a preview also needs the right to act now."""
    p = cw.personas
    c = cw.reach(S.FILED, case=cw.draft(handlers=[p.officer1, third]))
    assert_matrix(client, "get", f"/api/v1/cases/{c.pk}/documents/check/", READERS, personas=p)
    pages = assert_matrix(
        client, "get", f"/cases/{c.pk}/documents/check/", {**READERS, "anonymous": 302}, personas=p
    )
    assert "全部 1 份文书核对通过" in pages["officer1"].content.decode()
    client.force_login(p.officer1)
    rows = client.get(f"/api/v1/cases/{c.pk}/documents/check/").json()
    assert [r["kind"] for r in rows] == ["case_filing"] and rows[0]["ok"] and rows[0]["file_intact"]
    assert f"/cases/{c.pk}/documents/check/" in client.get(f"/cases/{c.pk}/").content.decode()
    out = StringIO()
    call_command("verify_case_documents", str(c.pk), stdout=out)
    assert "全部文书核对通过" in out.getvalue()
    # the PDF itself: visible exactly as the case (officer2 of the same agency does not handle it)
    pdf = f"/documents/{rows[0]['id']}/pdf/"
    for name, expected in (("officer1", 200), ("head", 200), ("officer2", 404), ("officer_other", 404)):
        client.force_login(getattr(p, name))
        assert client.get(pdf).status_code == expected, name

    denied = {**NOBODY_ELSE, "head": 403, "supervisor": 403, "admin": 403}
    body = {"kind": "case_report", **cw.conclusion()}
    url = f"/api/v1/cases/{c.pk}/documents/preview/"
    assert_matrix(client, "post", url, denied, personas=p, data=body)
    client.force_login(p.officer1)
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
