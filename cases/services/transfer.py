"""Transfer (移送) of a case: to the public security organ when a crime is suspected, or to another agency
(spec §11, ERRATA; 行政处罚法 Art 27, 57(4); 国务院令第310号).

``transfer`` (the head, on the report of ≥ 2 qualified handlers, Art 5) is possible from investigation or
after concluding it, not after the decision in this part; it issues the 移送书 with the list of the case's
evidence, suspends the decision deadline (the case is not decided here while it is away — reading ❓)
and writes a ``CaseTransfer`` row, the 行刑衔接 record supervision reads. ``record_transfer_receipt``
records the receipt and, for the police, their decision within 3 days (Art 8): accepted (items handed
over within 3 days, Art 12) or declined with the reason (the agency may ask them to reconsider within 3
days, Art 9). A declined transfer comes back with ``resume_after_transfer`` (Art 10): the follow-up is
recorded, the case is investigated again and the decision deadline runs on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from enforcement.core.models import Deadline, DeadlineStatus, Document
from enforcement.core.registry import DeadlineKind, DocumentKind
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.deadlines import close_deadlines, resume_deadline, suspend_deadline

from ..choices import CaseAction as A
from ..choices import CaseStatus as S
from ..choices import ReviewStatus, TransferOutcome, TransferTo
from ..models import Case, CaseEvidence, CaseReview, CaseTransfer
from ..rules import transfer as rules
from . import deadlines as dl
from .common import forget_review, handlers_of, heads_of
from .documents import issue_for_case

DOC_TRANSFER = "case_transfer"
POLICE_DECISION = "CASE_TRANSFER_POLICE_DECISION"
RECONSIDER = "CASE_TRANSFER_RECONSIDER"
HANDOVER = "CASE_TRANSFER_HANDOVER"

DOCUMENT_KINDS = (
    DocumentKind(DOC_TRANSFER, "案件移送书", template="documents/cases/transfer.html", abbr="移"),
)
DEADLINE_KINDS = (
    DeadlineKind(POLICE_DECISION, "公安机关审查移送案件", "国务院令第310号第八条", (1, 0)),
    DeadlineKind(RECONSIDER, "提请公安机关复议不予立案决定", "国务院令第310号第九条", (1, 0)),
    DeadlineKind(HANDOVER, "向公安机关移交涉案物品和材料", "国务院令第310号第十二条", (1, 0)),
)
WAIVED_ON_TRANSFER = (dl.DEFENCE, dl.HEARING_REQUEST, dl.LEGAL_REVIEW)

Result = tuple[str, list[str], dict[str, Any]]


def current_transfer(case: Case) -> CaseTransfer | None:
    return CaseTransfer.objects.filter(case=case, resumed_on__isnull=True).order_by("-id").first()


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


# --- guards ---------------------------------------------------------------------------------------------


def _g_transfer_input(case: Case, ctx: Context) -> str | None:
    p = ctx.params
    if p.get("to") not in TransferTo.values:
        return "请选择移送对象：公安机关或其他行政机关"
    if not str(p.get("receiving_body") or "").strip():
        return "请填写接收机关名称"
    if not str(p.get("reason") or "").strip():
        return "请写明移送理由（涉嫌犯罪的事实或不属本机关管辖的理由，国务院令第310号第五条）"
    return None


def _g_receipt_input(case: Case, ctx: Context) -> str | None:
    t = current_transfer(case)
    if t is None:
        return "本案没有待回执的移送"
    p, today = ctx.params, timezone.localdate()
    received = _date(p.get("received_on")) or t.received_on
    outcome = str(p.get("outcome") or "")
    outcome_on, handed = _date(p.get("outcome_on")), _date(p.get("handed_over_on"))
    if received is None:
        return "请填写接收机关接收（回执签收）日期"
    if t.received_on and p.get("received_on") and p["received_on"] != t.received_on:
        return "接收日期已记录，不能更改"
    if received < t.transferred_on or received > today:
        return f"接收日期应在移送日（{t.transferred_on.isoformat()}）至今天之间"
    if outcome and outcome not in (TransferOutcome.ACCEPTED, TransferOutcome.DECLINED):
        return "受理情况应为 accepted（受理/立案）或 declined（不予受理/不予立案）"
    if outcome and t.outcome:
        return "受理情况已记录，不能更改"
    refusal = rules.decline_refusal(outcome, str(p.get("outcome_reason") or ""))
    if refusal:
        return refusal
    if outcome_on and (outcome_on < received or outcome_on > today):
        return "受理决定日期应在接收日至今天之间"
    if handed:
        if (outcome or t.outcome) != TransferOutcome.ACCEPTED:
            return "接收机关受理（立案）后方可移交涉案物品和材料（国务院令第310号第十二条）"
        if handed > today or handed < (outcome_on or t.outcome_on or received):
            return "移交日期应在受理决定日至今天之间"
    if not (p.get("received_on") and not t.received_on) and not outcome and not handed:
        return "请填写接收日期、受理情况或移交日期"
    return None


def _g_transfer_declined(case: Case, ctx: Context) -> str | None:
    t = current_transfer(case)
    if t is None or t.outcome != TransferOutcome.DECLINED:
        return "只有接收机关不予受理（不予立案）的，才能恢复办理（国务院令第310号第十条）"
    return None


def _g_follow_up_input(case: Case, ctx: Context) -> str | None:
    if not str(ctx.params.get("follow_up") or "").strip():
        return "请记录不予受理后的处理情况（是否提请复议、检察监督，或依法作出行政处理）"
    t = current_transfer(case)
    if t is not None and t.outcome_on and ctx.on_date < t.outcome_on:
        return f"日期不能早于不予受理决定日（{t.outcome_on.isoformat()}）"
    return None


GUARDS = {
    g.name: g
    for g in (
        Guard("transfer_input", _g_transfer_input, needs_input=True),
        Guard("transfer_receipt_input", _g_receipt_input, needs_input=True),
        Guard("transfer_declined", _g_transfer_declined),
        Guard("transfer_follow_up_input", _g_follow_up_input, needs_input=True),
    )
}


# --- effects --------------------------------------------------------------------------------------------


def _decision_deadline(case: Case, statuses: tuple[str, ...]) -> Deadline | None:
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_id=case.pk,
            kind=dl.DECISION,
            status__in=statuses,
        )
        .order_by("-id")
        .first()
    )


def _open_calendar(
    case: Case, kind: str, title: str, start: dt.date, days: int, basis: str, ctx: Context
) -> None:
    dl.open_counted(
        case,
        kind,
        f"{title}：{case.title}"[:200],
        start=start,
        days=days,
        day_type=rules.DAY_TYPE,
        basis=basis,
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=ctx.actor,
    )


def issue_transfer_document(
    case: Case, t: CaseTransfer, evidence: list[CaseEvidence], actor: Any
) -> Document | None:
    police = t.to == TransferTo.PUBLIC_SECURITY
    return issue_for_case(
        DOC_TRANSFER,
        case,
        actor,
        title="涉嫌犯罪案件移送书" if police else "案件移送书",
        transfer=t,
        police=police,
        evidence=evidence,
    )


def _end_open_review(case: Case, on: dt.date) -> None:
    """A review under way ends with the transfer (the reviewer pool no longer sees the case)."""
    if case.review_status not in (ReviewStatus.PENDING, ReviewStatus.TAKEN):
        return
    CaseReview.objects.filter(case=case, completed_on__isnull=True).update(
        completed_on=on, opinion="案件已移送，审核终止"
    )
    case.review_status = ReviewStatus.NONE
    forget_review(case)


def _e_transfer(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    evidence = list(
        CaseEvidence.objects.filter(case=case, superseded_at__isnull=True)
        .select_related("collector")
        .order_by("id")
    )
    row = CaseTransfer.objects.create(
        case=case,
        to=p["to"],
        receiving_body=p["receiving_body"].strip()[:200],
        reason=p["reason"].strip(),
        from_status=case.status,
        transferred_on=ctx.on_date,
        decided_by=ctx.actor,
        reporting_officers=[u.display_name for u in handlers_of(case)],
        evidence_count=len(evidence),
    )
    for kind in WAIVED_ON_TRANSFER:
        close_deadlines(subject=case, kind=kind, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    _end_open_review(case, ctx.on_date)
    running = _decision_deadline(case, (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE))
    if running is not None:
        suspend_deadline(
            running,
            basis="案件移送期间（行政处罚法第二十七条、国务院令第310号）",
            reason=f"移送{row.receiving_body}",
            on=ctx.on_date,
            actor=ctx.actor,
        )
    if row.to == TransferTo.PUBLIC_SECURITY:
        _open_calendar(
            case,
            POLICE_DECISION,
            "公安机关审查移送案件",
            ctx.on_date,
            rules.POLICE_DECISION_DAYS,
            f"{ctx.on_date.isoformat()}移送，公安机关自接受之日起3日内作出立案或不予立案决定（国务院令第310号第八条）",
            ctx,
        )
    doc = issue_transfer_document(case, row, evidence, ctx.actor)
    data: dict[str, Any] = {
        "transfer_to": row.to,
        "receiving_body": row.receiving_body,
        "reason": row.reason,
        "transfer": row.pk,
        "evidence_count": row.evidence_count,
    }
    if doc is not None:
        row.document = doc
        row.save(update_fields=["document"])
        data["document"] = doc.number
    return S.TRANSFERRED, ["review_status"], data


def _e_receipt(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    row = current_transfer(case)
    assert row is not None
    police = row.to == TransferTo.PUBLIC_SECURITY
    data: dict[str, Any] = {"transfer": row.pk}
    if p.get("received_on") and not row.received_on:
        row.received_on, row.receipt_by = p["received_on"], str(p.get("receipt_by") or "").strip()[:100]
        data["received_on"] = row.received_on.isoformat()
        if police and row.received_on != row.transferred_on and not p.get("outcome"):
            close_deadlines(subject=case, kind=POLICE_DECISION, status=DeadlineStatus.WAIVED, actor=ctx.actor)
            _open_calendar(
                case,
                POLICE_DECISION,
                "公安机关审查移送案件",
                row.received_on,
                rules.POLICE_DECISION_DAYS,
                f"公安机关{row.received_on.isoformat()}接受移送，3日内作出立案或不予立案决定（国务院令第310号第八条）",
                ctx,
            )
    if p.get("outcome"):
        row.outcome = p["outcome"]
        row.outcome_on = p.get("outcome_on") or ctx.on_date
        row.outcome_reason = str(p.get("outcome_reason") or "").strip()
        close_deadlines(subject=case, kind=POLICE_DECISION, actor=ctx.actor)
        data.update(outcome=row.get_outcome_display(), outcome_on=row.outcome_on.isoformat())
        if police and row.outcome == TransferOutcome.DECLINED:
            _open_calendar(
                case,
                RECONSIDER,
                "提请复议不予立案决定",
                row.outcome_on,
                rules.RECONSIDER_REQUEST_DAYS,
                f"{row.outcome_on.isoformat()}公安机关决定不予立案，3日内可提请复议（国务院令第310号第九条）",
                ctx,
            )
        if police and row.outcome == TransferOutcome.ACCEPTED and not p.get("handed_over_on"):
            _open_calendar(
                case,
                HANDOVER,
                "移交涉案物品和材料",
                row.outcome_on,
                rules.HANDOVER_DAYS,
                f"{row.outcome_on.isoformat()}公安机关立案，3日内移交涉案物品和材料（国务院令第310号第十二条）",
                ctx,
            )
    if p.get("handed_over_on"):
        row.handed_over_on = p["handed_over_on"]
        close_deadlines(subject=case, kind=HANDOVER, actor=ctx.actor)
        data["handed_over_on"] = row.handed_over_on.isoformat()
    row.save()
    return case.status, [], data


def _e_resume(case: Case, ctx: Context, t: Transition) -> Result:
    row = current_transfer(case)
    assert row is not None
    row.follow_up, row.resumed_on = ctx.params["follow_up"].strip(), ctx.on_date
    row.save(update_fields=["follow_up", "resumed_on"])
    close_deadlines(subject=case, kind=RECONSIDER, actor=ctx.actor)
    paused = _decision_deadline(case, (DeadlineStatus.SUSPENDED,))
    fields: list[str] = ["notice_date", "defence_on", "waived_on"]
    if paused is not None:
        resumed = resume_deadline(paused, on=ctx.on_date, actor=ctx.actor)
        case.decision_due = resumed.due_date
        fields.append("decision_due")
    case.notice_date = case.defence_on = case.waived_on = None  # a fresh 告知 follows (Art 44, 45)
    if case.review_status == ReviewStatus.APPROVED:  # the proposal is concluded again and reviewed again
        case.review_status, case.review_approved_on = ReviewStatus.NONE, None
        fields += ["review_status", "review_approved_on"]
    data = {"transfer": row.pk, "follow_up": row.follow_up}
    if case.decision_due:
        data["decision_due"] = case.decision_due.isoformat()
    return S.INVESTIGATING, fields, data


EFFECTS: dict[str, Any] = {
    A.TRANSFER: _e_transfer,
    A.RECORD_TRANSFER_RECEIPT: _e_receipt,
    A.RESUME_AFTER_TRANSFER: _e_resume,
}
