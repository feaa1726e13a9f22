"""Effects of the case moves: what each writes besides the status (deadlines, reviews, handlers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from enforcement.core.models import Deadline, DeadlineStatus
from enforcement.core.rules.workflow import Context, Transition
from enforcement.core.services.deadlines import close_deadline, close_deadlines
from enforcement.core.services.numbering import allocate

from ..choices import CaseAction as A
from ..choices import CaseStatus as S
from ..choices import ExtensionStatus, Proposal, ReviewStatus
from ..models import Case, CaseHandler, CaseReview
from ..rules import periods, procedure
from . import conclusion, decisions, documents, remedies, service
from . import deadlines as dl
from .common import (
    current_review,
    forget_handlers,
    forget_review,
    handler_rows,
    handlers_of,
    heads_of,
    settings_for,
    thresholds_for,
)

Result = tuple[str, list[str], dict[str, Any]]
CASE_NUMBER_KIND = "case"


def _target(case: Case, ctx: Context, t: Transition) -> str:
    return t.target if isinstance(t.target, str) else t.target(case, ctx)


def _e_submit(case: Case, ctx: Context, t: Transition) -> Result:
    case.submitted_on = ctx.on_date
    return _target(case, ctx, t), ["submitted_on"], {}


def set_handlers(case: Case, users: list[Any], on: dt.date) -> None:
    """Deactivate the current handlers not in ``users``, add the new ones; the first is the lead. Open
    deadlines' responsible users (who get the reminders) follow."""
    wanted = [u.pk for u in users]
    old = {row.user_id: row for row in handler_rows(case)}
    for uid, row in old.items():
        if uid not in wanted:
            row.active, row.removed_on = False, on
            row.save(update_fields=["active", "removed_on"])
    for i, user in enumerate(users):
        row = old.get(user.pk)
        if row is None:
            CaseHandler.objects.create(case=case, user=user, is_lead=(i == 0), assigned_on=on)
        elif row.is_lead != (i == 0):
            row.is_lead = i == 0
            row.save(update_fields=["is_lead"])
    forget_handlers(case)
    open_rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=case.pk,
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.SUSPENDED],
    ).exclude(kind=dl.LEGAL_REVIEW)
    for d in open_rows:
        d.responsible.remove(*[uid for uid in old if uid not in wanted])
        d.responsible.add(*users)


def _e_approve_filing(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    if p.get("handlers"):
        set_handlers(case, list(p["handlers"]), ctx.on_date)
    alloc = allocate(case.deciding_agency, CASE_NUMBER_KIND, ctx.on_date.year)
    case.number = alloc.number
    case.filed_on = ctx.on_date
    case.filing_opinion = (p.get("opinion") or "").strip()
    period = periods.decision_period(ctx.on_date)
    case.decision_due = ctx.on_date + dt.timedelta(days=period.days)
    dl.open_decision_deadline(
        case,
        start=ctx.on_date,
        due=case.decision_due,
        days=period.days,
        basis=f"{period.basis}（{ctx.on_date.isoformat()}立案）",
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=ctx.actor,
    )
    case.save(update_fields=["number", "filed_on", "filing_opinion", "decision_due"])
    doc = documents.issue_filing(case, ctx.actor)
    data = {"number": case.number, "decision_due": case.decision_due.isoformat()}
    if doc is not None:
        data["document"] = doc.number
    return _target(case, ctx, t), ["number", "filed_on", "filing_opinion", "decision_due"], data


def _e_reject_filing(case: Case, ctx: Context, t: Transition) -> Result:
    case.filing_opinion = ctx.params["opinion"].strip()
    return _target(case, ctx, t), ["filing_opinion"], {"opinion": case.filing_opinion}


def _e_reassign(case: Case, ctx: Context, t: Transition) -> Result:
    before = [u.pk for u in handlers_of(case)]
    set_handlers(case, list(ctx.params["handlers"]), ctx.on_date)
    after = [u.pk for u in handlers_of(case)]
    return case.status, [], {"before": before, "after": after, "reason": ctx.params["reason"].strip()}


def _e_request_recusal(case: Case, ctx: Context, t: Transition) -> Result:
    user = ctx.params["user"]
    row = next(r for r in handler_rows(case) if r.user_id == user.pk)
    row.recusal_requested, row.recusal_reason = True, ctx.params["reason"].strip()[:300]
    row.save(update_fields=["recusal_requested", "recusal_reason"])
    return case.status, [], {"user": user.pk, "reason": row.recusal_reason}


def _e_decide_recusal(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    user = p["user"]
    row = next(r for r in handler_rows(case) if r.user_id == user.pk)
    row.recusal_requested = False
    row.recusal_reason = p["reason"].strip()[:300]
    row.save(update_fields=["recusal_requested", "recusal_reason"])
    if p["recused"]:
        users = [u for u in handlers_of(case) if u.pk != user.pk]
        if p.get("replacement"):
            users.append(p["replacement"])
        set_handlers(case, users, ctx.on_date)
    else:
        forget_handlers(case)
    return case.status, [], {"user": user.pk, "recused": p["recused"], "reason": row.recusal_reason}


def _e_conclude(case: Case, ctx: Context, t: Transition) -> Result:
    data = conclusion.conclude(case, ctx)
    return _target(case, ctx, t), conclusion.CONCLUSION_FIELDS, data


def _e_notify(case: Case, ctx: Context, t: Transition) -> Result:
    total, measures = 0, []
    for v in case.violations.all():
        v.notified_fines = [dict(f) for f in v.fines]
        v.save(update_fields=["notified_fines"])
        total += sum(int(f["amount"]) for f in v.fines)
        measures += v.other_measures
    case.notice_date = ctx.on_date
    case.notified_total = total
    reasons = procedure.hearing_reasons(
        case.party_type, total, measures, thresholds_for(case.deciding_agency_id)
    )
    case.hearing_right = bool(reasons)
    team = handlers_of(case)
    days = settings_for(case.deciding_agency_id).defence_days
    dl.open_working(
        case,
        dl.DEFENCE,
        f"陈述申辩期限：{case.title}"[:200],
        start=ctx.on_date,
        days=days,
        basis=f"行政处罚告知书{ctx.on_date.isoformat()}送达起{days}个工作日（本机关规定；行政处罚法第四十四条）",
        responsible=team,
        actor=ctx.actor,
    )
    if case.hearing_right:
        dl.open_working(
            case,
            dl.HEARING_REQUEST,
            f"听证申请期限：{case.title}"[:200],
            start=ctx.on_date,
            days=5,
            basis=f"听证告知书{ctx.on_date.isoformat()}送达起5个工作日（行政处罚法第六十四条第一项、第八十五条）",
            responsible=team,
            actor=ctx.actor,
        )
    data: dict[str, Any] = {"total": total, "hearing_right": case.hearing_right, "hearing_reasons": reasons}
    doc = documents.issue_notice(case, ctx.actor, reasons)
    if doc is not None:
        data["document"] = doc.number
    return _target(case, ctx, t), ["notice_date", "notified_total", "hearing_right"], data


def _e_defence(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    case.defence_on, case.defence_text, case.defence_adopted = ctx.on_date, p["text"].strip(), p["adopted"]
    close_deadlines(subject=case, kind=dl.DEFENCE, actor=ctx.actor)
    return _target(case, ctx, t), ["defence_on", "defence_text", "defence_adopted"], {"adopted": p["adopted"]}


def _e_request_hearing(case: Case, ctx: Context, t: Transition) -> Result:
    case.hearing_requested_on = ctx.on_date
    close_deadlines(subject=case, kind=dl.HEARING_REQUEST, actor=ctx.actor)
    return _target(case, ctx, t), ["hearing_requested_on"], {}


def _e_waive(case: Case, ctx: Context, t: Transition) -> Result:
    case.waived_on = ctx.on_date
    close_deadlines(subject=case, kind=dl.DEFENCE, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    close_deadlines(subject=case, kind=dl.HEARING_REQUEST, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    return _target(case, ctx, t), ["waived_on"], {}


def _e_schedule(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    case.hearing_at, case.hearing_place, case.hearing_chair = p["hearing_at"], p["place"].strip(), p["chair"]
    day = timezone.localtime(case.hearing_at).date()
    latest = dl.latest_notice_day(day)
    notice = dl.open_working(
        case,
        dl.HEARING_NOTICE,
        f"听证会通知书送达：{case.title}"[:200],
        start=day,
        days=-7,
        basis=f"听证{day.isoformat()}举行，通知最迟{latest.isoformat()}送达（行政处罚法第六十四条第二项）",
        responsible=handlers_of(case),
        actor=ctx.actor,
    )
    close_deadline(notice, actor=ctx.actor)  # the notice is issued with the scheduling
    data = {"hearing_at": timezone.localtime(case.hearing_at).isoformat(), "chair": case.hearing_chair_id}
    return _target(case, ctx, t), ["hearing_at", "hearing_place", "hearing_chair"], data


def _e_hold(case: Case, ctx: Context, t: Transition) -> Result:
    case.hearing_held_on, case.hearing_record = ctx.on_date, ctx.params["record"].strip()
    reason = "经过听证程序（行政处罚法第五十八条第一款第二项）"
    case.review_required = True
    case.review_reasons = [*[r for r in case.review_reasons if r != reason], reason]
    if case.review_status == ReviewStatus.APPROVED:
        case.review_status = ReviewStatus.NONE  # a review before the hearing does not count (Art 58(2))
    fields = ["hearing_held_on", "hearing_record", "review_required", "review_reasons", "review_status"]
    return _target(case, ctx, t), fields, {}


def _e_submit_review(case: Case, ctx: Context, t: Transition) -> Result:
    reviewer = ctx.params.get("reviewer")
    review = CaseReview.objects.create(
        case=case,
        reviewer=reviewer,
        submitted_by=ctx.actor,
        submitted_on=ctx.on_date,
        taken_on=ctx.on_date if reviewer else None,
        reasons=list(case.review_reasons),
    )
    forget_review(case)
    case.review_status = ReviewStatus.TAKEN if reviewer else ReviewStatus.PENDING
    days = settings_for(case.deciding_agency_id).review_days
    dl.open_working(
        case,
        dl.LEGAL_REVIEW,
        f"法制审核：{case.title}"[:200],
        start=ctx.on_date,
        days=days,
        basis=f"{ctx.on_date.isoformat()}送审起{days}个工作日（本机关规定；行政处罚法第五十八条）",
        responsible=[reviewer] if reviewer else heads_of(case.deciding_agency_id),
        actor=ctx.actor,
    )
    return (
        _target(case, ctx, t),
        ["review_status"],
        {"review": review.pk, "reviewer": getattr(reviewer, "pk", None)},
    )


def _review_deadline(case: Case) -> Any:
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_id=case.pk,
            kind=dl.LEGAL_REVIEW,
            status=DeadlineStatus.OPEN,
        )
        .order_by("-id")
        .first()
    )


def _e_take_review(case: Case, ctx: Context, t: Transition) -> Result:
    review = current_review(case)
    assert review is not None
    review.reviewer, review.taken_on = ctx.actor, ctx.on_date
    review.save(update_fields=["reviewer", "taken_on"])
    case.review_status = ReviewStatus.TAKEN
    d = _review_deadline(case)
    if d is not None:
        d.responsible.set([ctx.actor])
    return case.status, ["review_status"], {"review": review.pk}


def _e_complete_review(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    review = current_review(case)
    assert review is not None
    review.outcome, review.opinion, review.completed_on = p["outcome"], p["opinion"].strip(), ctx.on_date
    review.save(update_fields=["outcome", "opinion", "completed_on"])
    close_deadlines(subject=case, kind=dl.LEGAL_REVIEW, actor=ctx.actor)
    if p["outcome"] == "approved":
        case.review_status, case.review_approved_on = ReviewStatus.APPROVED, ctx.on_date
        to = case.status
    else:
        case.review_status = ReviewStatus.RETURNED
        to = S.INVESTIGATION_CLOSED
        if case.notice_date is not None:  # facts to be supplemented: a fresh 告知 follows (Art 45)
            case.notice_date = case.defence_on = case.waived_on = None
            close_deadlines(subject=case, kind=dl.DEFENCE, status=DeadlineStatus.WAIVED, actor=ctx.actor)
            close_deadlines(
                subject=case, kind=dl.HEARING_REQUEST, status=DeadlineStatus.WAIVED, actor=ctx.actor
            )
    data = {"review": review.pk, "outcome": p["outcome"]}
    return to, ["review_status", "review_approved_on", "notice_date", "defence_on", "waived_on"], data


def _e_collective(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    case.collective_on = ctx.on_date
    case.collective_participants = [str(x) for x in p["participants"]]
    case.collective_conclusion = p["conclusion"].strip()
    fields = ["collective_on", "collective_participants", "collective_conclusion"]
    return _target(case, ctx, t), fields, {"participants": case.collective_participants}


def _e_request_extension(case: Case, ctx: Context, t: Transition) -> Result:
    case.extension_status = ExtensionStatus.PENDING
    case.extension_until, case.extension_reason = ctx.params["until"], ctx.params["reason"].strip()
    data = {"until": case.extension_until.isoformat(), "reason": case.extension_reason}
    return case.status, ["extension_status", "extension_until", "extension_reason"], data


def _e_approve_extension(case: Case, ctx: Context, t: Transition) -> Result:
    assert case.extension_until is not None and case.filed_on is not None
    close_deadlines(subject=case, kind=dl.DECISION, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    case.extensions += 1
    case.decision_due = case.extension_until
    step = periods.decision_period(case.filed_on).extensions[case.extensions - 1]
    who = "本机关负责人" if step[1] == periods.HEAD else "上一级应急管理部门"
    dl.open_decision_deadline(
        case,
        start=case.filed_on,
        due=case.decision_due,
        days=(case.decision_due - case.filed_on).days,
        basis=f"经{who}{ctx.on_date.isoformat()}批准延长（15号令第三十一条，最长{step[0]}日）",
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=ctx.actor,
    )
    case.extension_status, case.extension_until = ExtensionStatus.NONE, None
    fields = ["extensions", "decision_due", "extension_status", "extension_until"]
    return case.status, fields, {"decision_due": case.decision_due.isoformat()}


def _e_decide(case: Case, ctx: Context, t: Transition) -> Result:
    wanted = {
        (f["violation"], f["subject"], f.get("person", "")): int(f["amount"])
        for f in ctx.params.get("fines") or []
    }
    total = 0
    for v in case.violations.all():
        decided = []
        for f in v.notified_fines or v.fines:
            amount = wanted.get((v.pk, f["subject"], f.get("person", "")), int(f["amount"]))
            decided.append({**f, "amount": amount})
            total += amount
        v.decided_fines = decided
        v.save(update_fields=["decided_fines"])
    case.decided_on = ctx.on_date
    case.overdue_reason = (ctx.params.get("overdue_reason") or "").strip()
    close_deadlines(subject=case, kind=dl.DECISION, actor=ctx.actor)
    to = S.DECIDED if case.proposal == Proposal.PENALTY else S.NO_PENALTY
    made = decisions.record_decisions(case, ctx.actor)
    service.open_service_deadlines(case, made, ctx.actor)
    data = {
        "total": total,
        "overdue": bool(case.overdue_reason),
        "documents": [d.number for d in made if d.number],
        "decisions": [d.pk for d in made],
    }
    return to, ["decided_on", "overdue_reason"], data


EFFECTS: dict[str, Any] = {
    A.SUBMIT_FILING: _e_submit,
    A.APPROVE_FILING: _e_approve_filing,
    A.REJECT_FILING: _e_reject_filing,
    A.REASSIGN_HANDLERS: _e_reassign,
    A.REQUEST_RECUSAL: _e_request_recusal,
    A.DECIDE_RECUSAL: _e_decide_recusal,
    A.CONCLUDE_INVESTIGATION: _e_conclude,
    A.NOTIFY: _e_notify,
    A.RECORD_DEFENCE: _e_defence,
    A.REQUEST_HEARING: _e_request_hearing,
    A.WAIVE_RIGHTS: _e_waive,
    A.SCHEDULE_HEARING: _e_schedule,
    A.HOLD_HEARING: _e_hold,
    A.SUBMIT_LEGAL_REVIEW: _e_submit_review,
    A.TAKE_LEGAL_REVIEW: _e_take_review,
    A.COMPLETE_LEGAL_REVIEW: _e_complete_review,
    A.RECORD_COLLECTIVE_DISCUSSION: _e_collective,
    A.REQUEST_EXTENSION: _e_request_extension,
    A.APPROVE_EXTENSION: _e_approve_extension,
    A.DECIDE: _e_decide,
    A.SERVE: service.e_serve,
    A.RECORD_REMEDY: remedies.e_record_remedy,
    A.RECORD_REMEDY_OUTCOME: remedies.e_record_remedy_outcome,
}
