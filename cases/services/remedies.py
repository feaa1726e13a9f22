"""Reconsideration and litigation against a decision (spec §1.16) as case actions, and what they do:

- ``record_remedy`` (handler): the party's 行政复议 or 行政诉讼 against one decision, from the day the agency
  received the application/complaint copy; opens the agency's answer deadline (10 working days for 复议,
  行政复议法 Art 48; 15 days for a court, 行政诉讼法 Art 67). May carry the answer date and the outcome.
- ``record_remedy_outcome`` (handler): the answer date and/or the outcome later, on ``{"remedy": id}``.
- Outcomes (ERRATA): 维持 / 确认违法 / 调解 / 撤回 leave the decision in force; 变更 (and a settlement with a
  new amount) changes ``decision.amount`` and keeps ``original_amount``; 撤销 and 确认无效 end the decision
  (``ended_on``); 撤销并责令重新作出 ends it and **reopens the case** for a new decision: the case goes back
  to 调查取证 with the notice, defence, hearing, review and discussion steps cleared (the old records stay in
  the timeline and the audit chain), a new decision deadline from the outcome day (60 days unless the
  body set one: ``redo_due``), and the decisions of the parties not concerned stay in force (the new
  ``decide`` issues decisions only for parties without one in force).
- ``surcharge_pauses``: the intervals during which the 加处罚款 is not counted (行政处罚法 Art 73 ¶3).
- ``correction_stats``: 纠错率 per agency and period, aggregated in the database.
- ``decision_rows``: per decision, what the case page and the API show (service, windows, remedies).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput
from enforcement.core.models import DeadlineStatus
from enforcement.core.registry import DeadlineKind
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.calendar import load_calendar, open_counted_deadline
from enforcement.core.services.deadlines import close_deadlines

from ..choices import CaseStatus as S
from ..choices import ReviewStatus
from ..models import Case, CaseDecision, CaseRemedy, RemedyOutcome
from ..rules import remedies as rules
from . import deadlines as dl
from .common import handlers_of, heads_of
from .service import SERVE_DECISION, status_after_service

RECON_ANSWER = "CASE_RECON_ANSWER"
SUIT_ANSWER = "CASE_SUIT_ANSWER"
ANSWER_KINDS = {rules.RECONSIDERATION: RECON_ANSWER, rules.LITIGATION: SUIT_ANSWER}
DEADLINE_KINDS = (
    DeadlineKind(RECON_ANSWER, "行政复议答复", "《中华人民共和国行政复议法》第四十八条", (3, 1, 0)),
    DeadlineKind(SUIT_ANSWER, "行政诉讼答辩", "《中华人民共和国行政诉讼法》第六十七条", (5, 2, 0)),
)
REDO_DAYS = 60
Message = str | None
Result = tuple[str, list[str], dict[str, Any]]


def _by_id(value: Any, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise InvalidInput(f"{label}编号无效", fields={label: ["编号无效"]})
    return int(value)


def _today() -> dt.date:
    return timezone.localdate()


# --- guards --------------------------------------------------------------------------------------------


def _g_decision_in_force(case: Case, ctx: Context) -> Message:
    if case.decisions.filter(ended_on__isnull=True, kind="penalty").exists():
        return None
    return "本案没有有效的行政处罚决定"


def _decision_of(case: Case, params: dict[str, Any]) -> CaseDecision:
    value = params.get("decision")
    if value in (None, ""):
        raise InvalidInput("请选择处罚决定", fields={"decision": ["必填"]})
    d = case.decisions.filter(pk=_by_id(value, "decision")).first()
    if d is None:
        raise InvalidInput("本案没有该处罚决定", fields={"decision": ["本案没有该处罚决定"]})
    return d


def _outcome_refusal(d: CaseDecision, received_on: dt.date, p: dict[str, Any]) -> Message:
    outcome = p.get("outcome") or ""
    if not outcome:
        return None if p.get("outcome_on") is None else "请选择复议/诉讼结果"
    return rules.outcome_refusal(
        outcome,
        amount=d.amount,
        new_amount=p.get("new_amount"),
        received_on=received_on,
        outcome_on=p.get("outcome_on"),
        today=_today(),
    )


def _answered_refusal(received_on: dt.date, answered_on: dt.date | None) -> Message:
    if answered_on is None:
        return None
    if answered_on > _today():
        return "答复/答辩日不能晚于今天"
    if answered_on < received_on:
        return "答复/答辩日不能早于收到副本之日"
    return None


def _g_remedy_input(case: Case, ctx: Context) -> Message:
    p = ctx.params
    d = _decision_of(case, p)
    ctx.params["_decision"] = d
    kind = p.get("kind")
    if kind not in rules.KINDS:
        raise InvalidInput("救济类型须为行政复议或行政诉讼", fields={"kind": ["无效"]})
    received = p.get("received_on")
    if not isinstance(received, dt.date):
        raise InvalidInput("请填写收到申请书/起诉状副本的日期", fields={"received_on": ["必填"]})
    if d.ended_on is not None:
        return "该处罚决定已被撤销或确认无效"
    if received > _today():
        return "收到副本日不能晚于今天"
    if received < d.decided_on:
        return f"收到副本日不能早于决定作出之日（{d.decided_on.isoformat()}）"
    pending = set(d.remedies.filter(outcome="").values_list("kind", flat=True))
    if rules.RECONSIDERATION in pending:
        return "行政复议期间不得提起行政诉讼或再次申请复议（行政复议法第二十九条）"
    if rules.LITIGATION in pending:
        return "人民法院已受理行政诉讼，不得申请行政复议或重复起诉（行政复议法第二十九条第二款）"
    return _answered_refusal(received, p.get("answered_on")) or _outcome_refusal(d, received, p)


def _pending(case: Case) -> Any:
    return CaseRemedy.objects.filter(decision__case=case, outcome="")


def _g_remedy_pending(case: Case, ctx: Context) -> Message:
    return None if _pending(case).exists() else "本案没有审理中的行政复议或行政诉讼"


def _g_remedy_outcome_input(case: Case, ctx: Context) -> Message:
    p = ctx.params
    value = p.get("remedy")
    if value in (None, ""):
        raise InvalidInput("请选择行政复议/诉讼", fields={"remedy": ["必填"]})
    remedy = (
        CaseRemedy.objects.filter(decision__case=case, pk=_by_id(value, "remedy"))
        .select_related("decision")
        .first()
    )
    if remedy is None:
        raise InvalidInput("本案没有该行政复议/诉讼", fields={"remedy": ["不存在"]})
    ctx.params["_remedy"] = remedy
    if remedy.outcome:
        return "该行政复议/诉讼已登记结果"
    if not p.get("outcome") and p.get("answered_on") is None:
        return "请填写答复/答辩日或复议/诉讼结果"
    if p.get("answered_on") is not None and remedy.answered_on is not None:
        return "答复/答辩日已登记"
    return _answered_refusal(remedy.received_on, p.get("answered_on")) or _outcome_refusal(
        remedy.decision, remedy.received_on, p
    )


GUARDS = (
    Guard("decision_in_force", _g_decision_in_force),
    Guard("remedy_input", _g_remedy_input, needs_input=True),
    Guard("remedy_pending", _g_remedy_pending),
    Guard("remedy_outcome_input", _g_remedy_outcome_input, needs_input=True),
)


# --- effects -------------------------------------------------------------------------------------------


def _answered(case: Case, remedy: CaseRemedy, on: dt.date, actor: Any) -> None:
    remedy.answered_on = on
    remedy.save(update_fields=["answered_on"])
    close_deadlines(subject=remedy.decision, kind=ANSWER_KINDS[remedy.kind], actor=actor)


def _reopen(case: Case, remedy: CaseRemedy, ctx: Context) -> list[str]:
    """撤销并责令重新作出: back to 调查取证 for a new decision (module docstring)."""
    on = remedy.outcome_on
    assert on is not None
    redo_due = ctx.params.get("redo_due")
    due = redo_due if isinstance(redo_due, dt.date) and redo_due > on else on + dt.timedelta(days=REDO_DAYS)
    case.decided_on = case.notice_date = case.defence_on = case.waived_on = None
    case.defence_adopted, case.defence_text = None, ""
    case.hearing_requested_on = case.hearing_held_on = case.hearing_at = None
    case.review_status, case.review_approved_on, case.collective_on = ReviewStatus.NONE, None, None
    case.concluded_on, case.overdue_reason = None, ""
    case.decision_due = due
    dl.open_decision_deadline(
        case,
        start=on,
        due=due,
        days=(due - on).days,
        basis=(
            f"{remedy.get_kind_display()}{on.isoformat()}撤销并责令重新作出"
            f"（{rules.OUTCOME_BASIS[rules.REVOKED_REDO][remedy.kind]}）；"
            + ("按决定书确定的期限" if isinstance(redo_due, dt.date) else f"未确定期限的按{REDO_DAYS}日")
        ),
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=ctx.actor,
    )
    return [
        "decided_on",
        "notice_date",
        "defence_on",
        "waived_on",
        "defence_adopted",
        "defence_text",
        "hearing_requested_on",
        "hearing_held_on",
        "hearing_at",
        "review_status",
        "review_approved_on",
        "collective_on",
        "concluded_on",
        "overdue_reason",
        "decision_due",
    ]


def _apply_outcome(case: Case, remedy: CaseRemedy, ctx: Context) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    d = remedy.decision
    outcome = p["outcome"]
    remedy.outcome, remedy.outcome_on = outcome, p["outcome_on"]
    remedy.new_amount = p.get("new_amount")
    remedy.note = str(p.get("note") or remedy.note)[:2000]
    remedy.save(update_fields=["outcome", "outcome_on", "new_amount", "note"])
    status = DeadlineStatus.MET if remedy.answered_on else DeadlineStatus.WAIVED
    close_deadlines(subject=d, kind=ANSWER_KINDS[remedy.kind], status=status, actor=ctx.actor)
    data: dict[str, Any] = {"outcome": outcome, "decision": d.pk}
    fields: list[str] = []
    if remedy.new_amount is not None and remedy.new_amount != d.amount:
        if d.original_amount is None:
            d.original_amount = d.amount
        data["amount"] = [d.amount, remedy.new_amount]
        d.amount = remedy.new_amount
        d.save(update_fields=["amount", "original_amount"])
    if outcome in rules.ENDS_DECISION:
        label = RemedyOutcome(outcome).label
        d.ended_on = remedy.outcome_on
        d.ended_reason = f"{remedy.get_kind_display()}{label}（{rules.OUTCOME_BASIS[outcome][remedy.kind]}）"[
            :300
        ]
        d.save(update_fields=["ended_on", "ended_reason"])
        close_deadlines(subject=d, kind=SERVE_DECISION, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    if outcome in rules.REOPENS_CASE:
        fields = _reopen(case, remedy, ctx)
        data["decision_due"] = case.decision_due.isoformat() if case.decision_due else None
        return S.INVESTIGATING, fields, data
    return status_after_service(case), fields, data


def e_record_remedy(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    d: CaseDecision = p.get("_decision") or _decision_of(case, p)
    kind = p["kind"]
    due, provisional, basis = rules.answer_due(kind, p["received_on"], load_calendar())
    remedy = CaseRemedy.objects.create(
        decision=d,
        kind=kind,
        body=str(p.get("body") or "")[:200],
        received_on=p["received_on"],
        answer_due=due,
        note=str(p.get("note") or "")[:2000],
        recorded_by=ctx.actor,
    )
    open_counted_deadline(
        subject=d,
        kind=ANSWER_KINDS[kind],
        title=f"{'行政复议答复' if kind == rules.RECONSIDERATION else '行政诉讼答辩'}：{d.party_name}"[:200],
        agency_id=case.deciding_agency_id,
        length=rules.RECON_ANSWER_WORKING_DAYS if kind == rules.RECONSIDERATION else rules.SUIT_ANSWER_DAYS,
        day_type=dl.WORKING if kind == rules.RECONSIDERATION else "calendar",
        start_date=p["received_on"],
        basis=basis,
        responsible=handlers_of(case),
        actor=ctx.actor,
    )
    data: dict[str, Any] = {
        "remedy": remedy.pk,
        "kind": kind,
        "decision": d.pk,
        "answer_due": due.isoformat(),
    }
    if provisional:
        data["provisional"] = True
    if p.get("answered_on") is not None:
        _answered(case, remedy, p["answered_on"], ctx.actor)
    if p.get("outcome"):
        to, fields, more = _apply_outcome(case, remedy, ctx)
        return to, fields, {**data, **more}
    return case.status, [], data


def e_record_remedy_outcome(case: Case, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    remedy: CaseRemedy = p["_remedy"]
    data: dict[str, Any] = {"remedy": remedy.pk, "kind": remedy.kind, "decision": remedy.decision_id}
    if p.get("answered_on") is not None:
        _answered(case, remedy, p["answered_on"], ctx.actor)
        data["answered_on"] = p["answered_on"].isoformat()
    if p.get("outcome"):
        to, fields, more = _apply_outcome(case, remedy, ctx)
        return to, fields, {**data, **more}
    return case.status, [], data


# --- readings for payment, supervision and the pages ------------------------------------------------------


def surcharge_pauses(decision: CaseDecision) -> list[tuple[dt.date, dt.date | None]]:
    """Intervals (received_on → outcome_on, open while pending) during which the 加处罚款 is not counted
    (行政处罚法 Art 73 ¶3), overlapping ones merged, in order."""
    return rules.merge_intervals((r.received_on, r.outcome_on) for r in decision.remedies.all())


def correction_stats(
    *, start: dt.date, end: dt.date, agency_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """纠错率 per deciding agency of the remedies concluded (outcome day) in [start, end], in one query."""
    qs = CaseRemedy.objects.exclude(outcome="").filter(outcome_on__gte=start, outcome_on__lte=end)
    if agency_ids is not None:
        qs = qs.filter(decision__case__deciding_agency_id__in=agency_ids)
    rows = (
        qs.values("decision__case__deciding_agency_id", "decision__case__deciding_agency__name")
        .annotate(concluded=Count("id"), corrected=Count("id", filter=Q(outcome__in=rules.CORRECTED)))
        .order_by("decision__case__deciding_agency_id")
    )
    out = []
    for r in rows:
        rate = rules.Rate(corrected=r["corrected"], concluded=r["concluded"])
        out.append(
            {
                "agency": r["decision__case__deciding_agency_id"],
                "agency_name": r["decision__case__deciding_agency__name"],
                "concluded": rate.concluded,
                "corrected": rate.corrected,
                "rate": rate.rate,
            }
        )
    return out


def decision_rows(case: Case) -> list[dict[str, Any]]:
    """Per decision: the decision, its service, the party's remedy windows (with their why) and remedies."""
    decisions = list(case.decisions.prefetch_related("services", "remedies").order_by("id"))
    cal = load_calendar() if any(d.served_on for d in decisions) else None
    out = []
    for d in decisions:
        services = list(d.services.all())
        windows = rules.remedy_windows(d.served_on, cal) if d.served_on and cal is not None else []
        out.append(
            {
                "decision": d,
                "service": services[0] if services else None,
                "windows": windows,
                "remedies": list(d.remedies.all()),
                "pending_remedy": any(not r.outcome for r in d.remedies.all()),
            }
        )
    return out
