"""Payment and execution per decision (spec §1.14; CONTRACT "More case actions"): the guards and effects of
``record_payment``, ``request_deferral`` / ``approve_deferral`` (Art 66 ¶2), ``serve_demand`` (催告书,
行政强制法 Art 35) and ``apply_court_enforcement`` (Art 53–55), run by the case workflow (one transaction, the
case row locked, one audit event), and the deadlines each opens or closes.

``on_decision_served(decision, actor)`` opens the payment period and the court window once service counts;
the ``serve`` action calls it (wired at merge; tests call it after setting ``served_on``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from enforcement.core.models import DayType, DeadlineStatus
from enforcement.core.models.deadlines import RUNNING_STATUSES
from enforcement.core.registry import DeadlineKind
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.deadlines import close_deadline, open_deadline

from ..choices import CaseAction as A
from ..choices import CaseStatus as S
from ..models import Case, CaseDecision, DecisionKind
from ..models.payment import (
    CaseDeferral,
    CaseExecutionStep,
    CasePayment,
    DeferralKind,
    DeferralStatus,
    ExecutionStepKind,
    PaymentDeadline,
)
from ..rules import payment as rules
from ..rules.payment import Instalment
from . import deadlines as dl
from . import payment_documents as docs
from .common import handlers_of, heads_of
from .payment_ledger import Ledger, decisions_with_ledger_rows, ledger

PAY_FINE = "CASE_PAY_FINE"
DEMAND_WAIT = "CASE_DEMAND_WAIT"
COURT_APPLY = "CASE_COURT_APPLY"
PAYMENT_DEADLINE_KINDS = (
    DeadlineKind(PAY_FINE, "缴纳罚款期限", "《中华人民共和国行政处罚法》第六十六条、第六十七条", (3, 1, 0)),
    DeadlineKind(DEMAND_WAIT, "催告履行期限", "《中华人民共和国行政强制法》第五十四条、第六十九条", (1, 0)),
    DeadlineKind(
        COURT_APPLY, "申请人民法院强制执行期限", "《中华人民共和国行政强制法》第五十三条", (30, 7, 1, 0)
    ),
)
Message = str | None
Result = tuple[str, list[str], dict[str, Any]]


# --- reading the input -----------------------------------------------------------------------------------


def _decision(case: Case, ctx: Context) -> CaseDecision | None:
    """The decision the action names; without one, the case's only penalty decision in force."""
    if "_decision" in ctx.params:
        found: CaseDecision | None = ctx.params["_decision"]
        return found
    given = ctx.params.get("decision")
    rows = list(decisions_with_ledger_rows(case))
    if given in (None, ""):
        payable = [d for d in rows if d.kind == DecisionKind.PENALTY and d.ended_on is None and d.amount > 0]
        found = payable[0] if len(payable) == 1 else None
    else:
        found = next((d for d in rows if str(d.pk) == str(given)), None)
    ctx.params["_decision"] = found
    return found


def _ledger(case: Case, ctx: Context) -> Ledger | None:
    if "_ledger" not in ctx.params:
        d = _decision(case, ctx)
        ctx.params["_ledger"] = ledger(d, on=ctx.on_date) if d is not None else None
    led: Ledger | None = ctx.params["_ledger"]
    return led


def _amount(value: Any) -> Decimal | None:
    try:
        out = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        return None
    return out if out.is_finite() else None


def parse_schedule(raw: Any) -> list[Instalment] | None:
    """``[{"due": date | "YYYY-MM-DD", "amount": int}]`` → instalments, or None when malformed."""
    try:
        return [
            Instalment(
                i["due"] if isinstance(i["due"], dt.date) else dt.date.fromisoformat(str(i["due"])),
                int(i["amount"]),
            )
            for i in raw or []
        ]
    except (KeyError, TypeError, ValueError):
        return None


def _iso(schedule: list[Instalment]) -> list[dict[str, Any]]:
    return [{"due": i.due.isoformat(), "amount": i.amount} for i in schedule]


# --- guards -----------------------------------------------------------------------------------------------


def _g_decision(case: Case, ctx: Context) -> Message:
    d = _decision(case, ctx)
    if d is None:
        if ctx.params.get("decision") in (None, ""):
            return "请指定处罚决定（本案没有或有多个需缴纳罚款的决定）"
        return "该处罚决定不属于本案"
    if d.kind != DecisionKind.PENALTY or d.amount <= 0:
        return "该决定没有罚款，无需缴纳或执行"
    if d.ended_on is not None:
        return f"该决定已于{d.ended_on.isoformat()}撤销或确认无效，不再执行"
    return None


def _g_dated(case: Case, ctx: Context) -> Message:
    d = _decision(case, ctx)
    if ctx.on_date > timezone.localdate():
        return "日期不能晚于今天"
    if d is not None and ctx.on_date < d.decided_on:
        return f"日期不能早于决定日（{d.decided_on.isoformat()}）"
    return None


def _g_payment_input(case: Case, ctx: Context) -> Message:
    d, led = _decision(case, ctx), _ledger(case, ctx)
    if d is None or led is None:
        return None
    amount, surcharge = _amount(ctx.params.get("amount")), _amount(ctx.params.get("surcharge"))
    if amount is None or surcharge is None or amount < 0 or surcharge < 0 or amount != int(amount):
        return "缴款金额须为不小于零的整数元，加处罚款金额不小于零"
    if amount == 0 and surcharge == 0:
        return "请填写缴纳的罚款或加处罚款金额"
    if surcharge.as_tuple().exponent < -2:  # type: ignore[operator]
        return "加处罚款金额最多到分"
    left = int(d.amount) - sum(int(p.amount) for p in d.payments.all())
    if amount > left:
        return f"缴款{int(amount)}元超过尚未缴纳的罚款{left}元，不予登记（多缴部分应退还当事人）"
    owed = led.surcharge.fen - sum(int(Decimal(p.surcharge) * 100) for p in d.payments.all())
    if surcharge * 100 > owed:
        return (
            f"缴纳的加处罚款超过截至{ctx.on_date.isoformat()}应缴的加处罚款{rules.fen_text(max(owed, 0))}元"
        )
    return None


def _g_served(case: Case, ctx: Context) -> Message:
    d = _decision(case, ctx)
    if d is not None and d.served_on is None:
        return "决定书尚未送达：缴款期限自送达之日起计算（行政处罚法第六十七条）"
    return None


def _g_outstanding(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is not None and led.outstanding <= 0:
        return "罚款已缴清"
    if led is not None and led.court is not None:
        return f"已于{led.court.on_date.isoformat()}申请人民法院强制执行"
    return None


def _g_deferral_request(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is None:
        return None
    if led.pending_deferral is not None:
        return f"已有{led.pending_deferral.applied_on.isoformat()}的申请待审批"
    if not (ctx.params.get("reason") or "").strip():
        return "请写明当事人申请理由（经济困难情况，行政处罚法第六十六条第二款）"
    return _schedule_refusal(led, ctx)


def _schedule_refusal(led: Ledger, ctx: Context) -> Message:
    if ctx.params.get("kind") not in DeferralKind.values:
        return "请选择延期缴纳或分期缴纳"
    plan = parse_schedule(ctx.params.get("schedule"))
    if plan is None:
        return "缴款计划格式有误（每期须有缴款期限和金额）"
    original = led.decision.served_on and rules.payment_due(led.decision.served_on, _cal()).due
    return rules.schedule_refusal(ctx.params["kind"], plan, led.outstanding, original or None)


def _cal() -> Any:
    from enforcement.core.services.calendar import load_calendar

    return load_calendar()


def _g_deferral_pending(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is not None and led.pending_deferral is None:
        return "当事人没有待审批的延期（分期）缴纳申请（行政处罚法第六十六条第二款：须经当事人申请）"
    return None


def _g_deferral_decision(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is None or led.pending_deferral is None:
        return None
    approved = ctx.params.get("approved", True)
    if not isinstance(approved, bool):
        return "请选择是否批准"
    if not approved:
        return None if (ctx.params.get("opinion") or "").strip() else "不予批准的，请写明理由"
    ctx.params.setdefault("kind", led.pending_deferral.kind)
    if not ctx.params.get("schedule"):
        ctx.params["schedule"] = led.pending_deferral.requested
    return _schedule_refusal(led, ctx)


def _g_demand_allowed(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is None or led.decision.served_on is None:
        return None
    if led.status != rules.OVERDUE:
        return f"缴款期限（{led.due.isoformat() if led.due else ''}）届满前不能催告（行政强制法第三十五条、第五十四条）"
    return None


def _g_court_allowed(case: Case, ctx: Context) -> Message:
    led = _ledger(case, ctx)
    if led is None:
        return None
    return rules.court_refusal(
        ctx.on_date,
        window=led.window,
        outstanding=led.outstanding,
        demand_served_on=led.demand.on_date if led.demand else None,
        demand_wait_until=led.demand_wait_until,
        remedy_pending=led.remedy_pending,
    )


PAYMENT_GUARDS: dict[str, Guard] = {
    g.name: g
    for g in (
        Guard("payment_decision", _g_decision, needs_input=True),
        Guard("payment_date", _g_dated, needs_input=True),
        Guard("payment_input", _g_payment_input, needs_input=True),
        Guard("decision_served", _g_served, needs_input=True),
        Guard("fine_outstanding", _g_outstanding, needs_input=True),
        Guard("deferral_request_input", _g_deferral_request, needs_input=True),
        Guard("deferral_pending", _g_deferral_pending, needs_input=True),
        Guard("deferral_decision_input", _g_deferral_decision, needs_input=True),
        Guard("demand_allowed", _g_demand_allowed, needs_input=True),
        Guard("court_window", _g_court_allowed, needs_input=True),
    )
}


# --- deadlines ----------------------------------------------------------------------------------------


def _open(case: Case, d: CaseDecision, kind: str, title: str, **kwargs: Any) -> None:
    deadline = open_deadline(
        subject=case,
        kind=kind,
        title=f"{title}：{d.party_name} {d.number}".strip()[:200],
        agency_id=case.deciding_agency_id,
        **{**kwargs, "basis": str(kwargs.get("basis", ""))[:200]},
    )
    PaymentDeadline.objects.create(decision=d, deadline=deadline)


def _close(d: CaseDecision, kind: str, status: str, actor: Any, due: dt.date | None = None) -> None:
    links = PaymentDeadline.objects.filter(
        decision=d, deadline__kind=kind, deadline__status__in=[*RUNNING_STATUSES, DeadlineStatus.SUSPENDED]
    ).select_related("deadline")
    if due is not None:
        links = links.filter(deadline__due_date=due)
    for link in links:
        close_deadline(link.deadline, status=status, actor=actor)


def _open_payment_deadlines(case: Case, led: Ledger, actor: Any) -> None:
    team = handlers_of(case)
    d = led.decision
    assert d.served_on is not None and led.window is not None
    paid = [rules.Paid(p.paid_on, int(p.amount)) for p in d.payments.all()]
    left = rules.unpaid_by_instalment(led.schedule, paid, dt.date.max)
    for n, inst in enumerate(led.schedule, start=1):
        if left[n - 1] <= 0:
            continue
        label = "缴纳罚款期限" if len(led.schedule) == 1 else f"第{n}期缴纳罚款期限"
        _open(
            case,
            d,
            PAY_FINE,
            label,
            due_date=inst.due,
            start_date=d.served_on,
            day_type=DayType.FIXED if led.deferral else DayType.CALENDAR,
            length=None if led.deferral else rules.PAY_DAYS,
            basis=(
                f"{led.deferral.decided_on}批准{led.deferral.get_kind_display()}（行政处罚法第六十六条第二款），{inst.amount}元"
                if led.deferral
                else f"{d.served_on.isoformat()}送达起十五日（行政处罚法第六十七条第三款）"
            ),
            responsible=team,
            actor=actor,
        )
    _open(
        case,
        d,
        COURT_APPLY,
        "申请人民法院强制执行期限",
        due_date=led.window.closes,
        start_date=led.window.opens,
        day_type=DayType.FIXED,
        basis=led.window.basis,
        provisional=led.window.provisional,
        responsible=[*team, *heads_of(case.deciding_agency_id)],
        actor=actor,
    )


def on_decision_served(decision: CaseDecision, *, actor: Any) -> None:
    """Open the payment period (15 days, Art 67) and the court window (Art 53) of a decision whose service
    now counts; call inside the serving service's transaction. Nothing for a decision without a fine."""
    if decision.kind != DecisionKind.PENALTY or decision.amount <= 0 or decision.served_on is None:
        return
    fresh = decisions_with_ledger_rows(decision.case).get(pk=decision.pk)
    _open_payment_deadlines(decision.case, ledger(fresh, on=decision.served_on), actor)


# --- effects ------------------------------------------------------------------------------------------------


def _settled(d: CaseDecision, actor: Any) -> None:
    _close(d, PAY_FINE, DeadlineStatus.MET, actor)
    _close(d, DEMAND_WAIT, DeadlineStatus.WAIVED, actor)
    _close(d, COURT_APPLY, DeadlineStatus.WAIVED, actor)


def _e_record_payment(case: Case, ctx: Context, t: Transition) -> Result:
    d = _decision(case, ctx)
    assert d is not None
    amount, surcharge = int(_amount(ctx.params.get("amount")) or 0), _amount(ctx.params.get("surcharge")) or 0
    CasePayment.objects.create(
        decision=d,
        paid_on=ctx.on_date,
        amount=amount,
        surcharge=surcharge,
        note=str(ctx.params.get("note") or "")[:300],
        recorded_by=ctx.actor,
    )
    earlier = [rules.Paid(p.paid_on, int(p.amount)) for p in d.payments.all()]  # prefetched before this one
    left = int(d.amount) - sum(p.amount for p in earlier) - amount
    if left == 0:
        _settled(d, ctx.actor)
    else:
        led = _ledger(case, ctx)
        assert led is not None
        rest = rules.unpaid_by_instalment(
            led.schedule, [*earlier, rules.Paid(ctx.on_date, amount)], dt.date.max
        )
        for inst, unpaid in zip(led.schedule, rest, strict=True):
            if unpaid == 0:
                _close(d, PAY_FINE, DeadlineStatus.MET, ctx.actor, due=inst.due)
    data = {"decision": d.pk, "amount": amount, "surcharge": str(surcharge), "outstanding": left}
    return S.EXECUTING, [], data


def _e_request_deferral(case: Case, ctx: Context, t: Transition) -> Result:
    d = _decision(case, ctx)
    assert d is not None
    plan = parse_schedule(ctx.params["schedule"]) or []
    row = CaseDeferral.objects.create(
        decision=d,
        kind=ctx.params["kind"],
        applied_on=ctx.on_date,
        reason=ctx.params["reason"].strip(),
        requested=_iso(plan),
    )
    return (
        S.EXECUTING,
        [],
        {"decision": d.pk, "deferral": row.pk, "kind": row.kind, "schedule": row.requested},
    )


def _e_approve_deferral(case: Case, ctx: Context, t: Transition) -> Result:
    led = _ledger(case, ctx)
    assert led is not None and led.pending_deferral is not None
    row, d = led.pending_deferral, led.decision
    approved = ctx.params.get("approved", True)
    row.decided_on, row.decided_by, row.opinion = (
        ctx.on_date,
        ctx.actor,
        str(ctx.params.get("opinion") or "").strip(),
    )
    data: dict[str, Any] = {"decision": d.pk, "deferral": row.pk, "approved": approved}
    if approved:
        plan = parse_schedule(ctx.params["schedule"]) or []
        row.kind, row.schedule, row.status = ctx.params["kind"], _iso(plan), DeferralStatus.APPROVED
        doc = docs.issue_deferral(case, ctx.actor, d, row)
        row.document = doc
        data.update({"kind": row.kind, "schedule": row.schedule, "document": doc.number if doc else None})
    else:
        row.status = DeferralStatus.REFUSED
        data["opinion"] = row.opinion
    row.save()
    if approved:
        _close(d, PAY_FINE, DeadlineStatus.WAIVED, ctx.actor)
        _close(d, COURT_APPLY, DeadlineStatus.WAIVED, ctx.actor)
        fresh = decisions_with_ledger_rows(case).get(pk=d.pk)
        _open_payment_deadlines(case, ledger(fresh, on=ctx.on_date), ctx.actor)
    return S.EXECUTING, [], data


def _e_serve_demand(case: Case, ctx: Context, t: Transition) -> Result:
    led = _ledger(case, ctx)
    assert led is not None
    d = led.decision
    doc = docs.issue_demand(case, ctx.actor, led)
    CaseExecutionStep.objects.create(
        decision=d,
        kind=ExecutionStepKind.DEMAND,
        on_date=ctx.on_date,
        outstanding=led.outstanding,
        surcharge=Decimal(led.surcharge.fen) / 100,
        document=doc,
        recorded_by=ctx.actor,
    )
    _close(d, DEMAND_WAIT, DeadlineStatus.WAIVED, ctx.actor)
    deadline = dl.open_working(
        case,
        DEMAND_WAIT,
        f"催告履行期限：{d.party_name} {d.number}".strip()[:200],
        start=ctx.on_date,
        days=rules.DEMAND_WAIT_DAYS,
        basis=f"催告书{ctx.on_date.isoformat()}送达起十个工作日（行政强制法第五十四条、第六十九条）",
        responsible=handlers_of(case),
        actor=ctx.actor,
    )
    PaymentDeadline.objects.create(decision=d, deadline=deadline)
    data = {
        "decision": d.pk,
        "outstanding": led.outstanding,
        "surcharge": led.surcharge.yuan,
        "document": doc.number if doc else None,
    }
    return S.EXECUTING, [], data


def _e_apply_court(case: Case, ctx: Context, t: Transition) -> Result:
    led = _ledger(case, ctx)
    assert led is not None
    d = led.decision
    court = str(ctx.params.get("court") or "").strip()[:200]
    doc = docs.issue_court_application(case, ctx.actor, led, court)
    CaseExecutionStep.objects.create(
        decision=d,
        kind=ExecutionStepKind.COURT,
        on_date=ctx.on_date,
        outstanding=led.outstanding,
        surcharge=Decimal(led.surcharge.fen) / 100,
        document=doc,
        court=court,
        recorded_by=ctx.actor,
    )
    _close(d, DEMAND_WAIT, DeadlineStatus.MET, ctx.actor)
    _close(d, COURT_APPLY, DeadlineStatus.MET, ctx.actor)
    _close(d, PAY_FINE, DeadlineStatus.WAIVED, ctx.actor)  # collection is now the court's
    data = {"decision": d.pk, "outstanding": led.outstanding, "surcharge": led.surcharge.yuan}
    data["document"] = doc.number if doc else None
    return S.EXECUTING, [], data


PAYMENT_EFFECTS: dict[str, Any] = {
    A.RECORD_PAYMENT: _e_record_payment,
    A.REQUEST_DEFERRAL: _e_request_deferral,
    A.APPROVE_DEFERRAL: _e_approve_deferral,
    A.SERVE_DEMAND: _e_serve_demand,
    A.APPLY_COURT_ENFORCEMENT: _e_apply_court,
}
PAYMENT_DATED = frozenset(PAYMENT_EFFECTS)
