"""询问笔录, 勘验笔录/现场笔录 and 抽样取证 (spec §1.8; 行政处罚法 Art 42, 55; 15号令 Art 25 ◐): each written
by the case's active handlers while the case is under investigation, with two qualified officers present,
in one transaction with its timeline row, audit event and numbered 文书.

Every function takes the raw input (``params``: API JSON or the page form's cleaned data) and refuses bad
input with ``InvalidInput`` (Chinese message, nothing written)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput

from ..models import Case, CaseEvidence, Interview, Sampling, SiteRecord, SiteRecordKind
from ..rules.party import id_number_refusal
from . import record_common as rc
from .record_documents import DOC_INTERVIEW, DOC_SAMPLING, DOC_SITE_RECORD, issue_record_document

RIGHTS_STATEMENT = (
    "我们是{agency}的执法人员，已向你出示执法证件。现依法向你询问有关情况。根据《中华人民共和国行政处罚法》"
    "第四十三条、第五十五条的规定，你有如实回答询问、协助调查的义务，不得拒绝或者阻挠；执法人员与本案有直接利害"
    "关系或者有其他关系可能影响公正执法的，你有权申请回避；你有陈述和申辩的权利。"
)


def parse_qa(raw: Any) -> list[dict[str, str]]:
    """The questions and answers, in order: a list of {"q", "a"}, or page text of lines starting 问：/答：."""
    pairs: list[dict[str, str]] = []
    if isinstance(raw, str):
        for line in raw.splitlines():
            line = line.strip()
            if line[:2] in ("问：", "问:"):
                pairs.append({"q": line[2:].strip(), "a": ""})
            elif line[:2] in ("答：", "答:") and pairs:
                pairs[-1]["a"] = (pairs[-1]["a"] + "\n" + line[2:].strip()).strip()
            elif line and pairs:
                side = "a" if pairs[-1]["a"] else "q"
                pairs[-1][side] = (pairs[-1][side] + line).strip()
            elif line:
                raise InvalidInput(
                    "问答应以“问：”开头", fields={"qa": ["每个问题以“问：”开头，回答以“答：”开头"]}
                )
    elif isinstance(raw, list):
        for row in raw:
            if not isinstance(row, dict):
                raise InvalidInput("问答格式不正确", fields={"qa": ['每项应为 {"q", "a"}']})
            pairs.append({"q": str(row.get("q") or "").strip(), "a": str(row.get("a") or "").strip()})
    if not pairs:
        raise InvalidInput("请填写询问的问题和回答", fields={"qa": ["请至少填写一问一答"]})
    for n, pair in enumerate(pairs, start=1):
        if not pair["q"] or not pair["a"]:
            raise InvalidInput(f"第{n}问的问题或回答为空", fields={"qa": [f"第{n}问的问题或回答为空"]})
    return pairs


def _recorder(case: Case, raw: Any) -> Any:
    rows = {row.user_id: row.user for row in rc.handler_rows(case)}
    try:
        found = rows.get(int(raw))
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise InvalidInput("记录人须为本案在办承办人", fields={"recorder": ["请选择本案承办人"]})
    return found


def record_interview(case: Case, *, actor: Any, params: dict[str, Any]) -> Interview:
    """询问笔录. Refuses: not a handler (403), case not under investigation (409), fewer than two qualified
    officers (409 G-TWO-OFFICERS), bad input (400: the interviewee, an invalid 身份证号, times, the rights not
    read, an empty question or answer)."""
    what = "制作询问笔录"
    rc.require_handler(actor, case, what)
    name = rc.text(params, "interviewee_name", "被询问人姓名", limit=50)
    id_number = rc.text(params, "interviewee_id_number", "被询问人身份证号码", limit=18).upper()
    refusal = id_number_refusal(id_number)
    if refusal:
        raise InvalidInput(refusal, fields={"interviewee_id_number": [refusal]})
    role = rc.text(params, "interviewee_role", "被询问人的职务或与当事人的关系", limit=100)
    phone = rc.text(params, "interviewee_phone", "联系电话", limit=30, required=False)
    started = rc.moment(params, "started_at", "询问开始时间")
    ended = rc.moment(params, "ended_at", "询问结束时间")
    assert started is not None and ended is not None
    if ended <= started:
        raise InvalidInput("询问结束时间应晚于开始时间", fields={"ended_at": ["应晚于开始时间"]})
    place = rc.text(params, "place", "询问地点", limit=200)
    if not params.get("rights_read"):
        raise InvalidInput(
            "须告知被询问人如实回答的义务和申请回避的权利（行政处罚法第四十三条、第五十五条）",
            fields={"rights_read": ["请确认已告知权利义务"]},
        )
    qa = parse_qa(params.get("qa"))
    with transaction.atomic():
        locked = rc.lock_case(case)
        rc.require_investigating(locked, what)
        officers = rc.officers_present(locked, params.get("officers"), timezone.localdate(started))
        recorder = _recorder(locked, params.get("recorder"))
        item = Interview.objects.create(
            case=locked,
            officers=officers,
            created_by=actor,
            interviewee_name=name,
            interviewee_id_number=id_number,
            interviewee_role=role,
            interviewee_phone=phone,
            started_at=started,
            ended_at=ended,
            place=place,
            recorder=recorder,
            rights_statement=RIGHTS_STATEMENT.format(agency=locked.deciding_agency.name),
            qa=qa,
        )
        item.document = issue_record_document(DOC_INTERVIEW, locked, actor, record=item)
        item.save(update_fields=["document"])
        rc.note(
            locked,
            actor=actor,
            action="record_interview",
            summary=f"制作询问笔录：被询问人{name}（{role}），{len(qa)}问",
            data={"interview": item.pk, "officers": [o["id"] for o in officers], "questions": len(qa)},
        )
    return item


def _people(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = [p for p in (s.strip() for s in raw.replace("，", "\n").replace("、", "\n").splitlines()) if p]
    if not isinstance(raw, list) or not [p for p in raw if str(p).strip()]:
        raise InvalidInput("请填写在场人员", fields={"present": ["请填写在场人员（姓名及身份）"]})
    return [str(p).strip()[:100] for p in raw if str(p).strip()]


def record_site(case: Case, *, actor: Any, params: dict[str, Any]) -> SiteRecord:
    """勘验笔录 or 现场笔录, referencing the uploaded sketch and photos (the case's own, not superseded)."""
    what = "制作勘验笔录或现场笔录"
    rc.require_handler(actor, case, what)
    kind = str(params.get("kind") or "")
    if kind not in SiteRecordKind.values:
        raise InvalidInput("请选择勘验笔录或现场笔录", fields={"kind": ["请选择笔录种类"]})
    started = rc.moment(params, "started_at", "开始时间")
    ended = rc.moment(params, "ended_at", "结束时间", required=False)
    assert started is not None
    if ended is not None and ended <= started:
        raise InvalidInput("结束时间应晚于开始时间", fields={"ended_at": ["应晚于开始时间"]})
    place = rc.text(params, "place", "地点", limit=200)
    present = _people(params.get("present"))
    findings = rc.text(params, "findings", "勘验/检查情况", limit=5000)
    try:
        evidence_ids = sorted({int(i) for i in params.get("evidence") or []})
    except (TypeError, ValueError):
        raise InvalidInput("附图/照片选择不正确", fields={"evidence": ["请选择本案证据"]}) from None
    with transaction.atomic():
        locked = rc.lock_case(case)
        rc.require_investigating(locked, what)
        officers = rc.officers_present(locked, params.get("officers"), timezone.localdate(started))
        attached = list(
            CaseEvidence.objects.filter(case=locked, pk__in=evidence_ids, superseded_at__isnull=True)
        )
        if len(attached) != len(evidence_ids):
            raise InvalidInput("附图/照片须为本案有效证据", fields={"evidence": ["须为本案未作废的证据"]})
        item = SiteRecord.objects.create(
            case=locked,
            officers=officers,
            created_by=actor,
            kind=kind,
            started_at=started,
            ended_at=ended,
            place=place,
            present=present,
            findings=findings,
        )
        item.evidence.set(attached)
        label = item.get_kind_display()
        item.document = issue_record_document(
            DOC_SITE_RECORD, locked, actor, title=label, record=item, attached=attached
        )
        item.save(update_fields=["document"])
        rc.note(
            locked,
            actor=actor,
            action="record_site",
            summary=f"制作{label}：{place}",
            data={"site_record": item.pk, "officers": [o["id"] for o in officers], "evidence": evidence_ids},
        )
    return item


def record_sampling(case: Case, *, actor: Any, params: dict[str, Any]) -> Sampling:
    """抽样取证 with its 抽样取证凭证: the items (name, specification, quantity, batch), place, holder, method."""
    what = "抽样取证"
    rc.require_handler(actor, case, what)
    sampled = rc.moment(params, "sampled_at", "抽样时间")
    assert sampled is not None
    place = rc.text(params, "place", "抽样地点", limit=200)
    holder = rc.text(params, "holder", "被抽样单位或个人", limit=200)
    method = rc.text(params, "method", "抽样方式", limit=200, required=False)
    items = rc.items_list(params)
    with transaction.atomic():
        locked = rc.lock_case(case)
        rc.require_investigating(locked, what)
        officers = rc.officers_present(locked, params.get("officers"), timezone.localdate(sampled))
        item = Sampling.objects.create(
            case=locked,
            officers=officers,
            created_by=actor,
            sampled_at=sampled,
            place=place,
            holder=holder,
            method=method,
            items=items,
        )
        item.document = issue_record_document(DOC_SAMPLING, locked, actor, record=item)
        item.save(update_fields=["document"])
        rc.note(
            locked,
            actor=actor,
            action="record_sampling",
            summary=f"抽样取证：{place}，{len(items)}项物品",
            data={"sampling": item.pk, "officers": [o["id"] for o in officers], "items": len(items)},
        )
    return item
