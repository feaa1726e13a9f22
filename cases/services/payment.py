"""Payment and execution per decision (spec §1.14; CONTRACT "More case actions"): the effects of
``record_payment``, ``request_deferral`` / ``approve_deferral`` (Art 66 ¶2), ``serve_demand`` (催告书,
行政强制法 Art 35) and ``apply_court_enforcement`` (Art 53–55), run by the case workflow (one transaction, the
case row locked, one audit event), and the deadlines each opens or closes. Guards: ``payment_guards``.

``on_decision_served(decision, actor)`` opens the payment period and the court window once service counts;
the ``serve`` action calls it (wired at merge; tests call it after setting ``served_on``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from enforcement.core.models import DayType, DeadlineStatus
from enforcement.core.models.deadlines import RUNNING_STATUSES
from enforcement.core.registry import DeadlineKind
from enforcement.core.rules.workflow import Context, Transition
from enforcement.core.services.deadlines import close_deadline, open_deadline

from ..choices import CaseAction as A
from ..choices import CaseStatus as S
from ..models import Case, CaseDecision, DecisionKind
from ..models.payment import (
    CaseDeferral,
    CaseExecutionStep,
    CasePayment,
    DeferralStatus,
    ExecutionStepKind,
    PaymentDeadline,
)
from ..rules import payment as rules
from . import deadlines as dl
from . import payment_documents as docs
from .common import handlers_of, heads_of
from .payment_guards import PAYMENT_GUARDS, amount_of, decision_of, iso_schedule, ledger_of, parse_schedule
from .payment_ledger import Ledger, decisions_with_ledger_rows, ledger

__all__ = [
    "PAYMENT_GUARDS",
    "PAYMENT_EFFECTS",
    "PAYMENT_DATED",
    "PAYMENT_DEADLINE_KINDS",
    "on_decision_ended",
    "on_decision_served",
]

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


def on_decision_ended(decision: CaseDecision, *, actor: Any) -> None:
    """A decision revoked or declared void (``ended_on`` set by the remedy outcome): nothing more is payable,
    so its payment, 催告 and court deadlines are waived. Call inside the recording service's transaction."""
    for kind in (PAY_FINE, DEMAND_WAIT, COURT_APPLY):
        _close(decision, kind, DeadlineStatus.WAIVED, actor)


# --- effects ------------------------------------------------------------------------------------------------


def _settled(d: CaseDecision, actor: Any) -> None:
    _close(d, PAY_FINE, DeadlineStatus.MET, actor)
    _close(d, DEMAND_WAIT, DeadlineStatus.WAIVED, actor)
    _close(d, COURT_APPLY, DeadlineStatus.WAIVED, actor)


def _e_record_payment(case: Case, ctx: Context, t: Transition) -> Result:
    d = decision_of(case, ctx)
    assert d is not None
    amount, surcharge = (
        int(amount_of(ctx.params.get("amount")) or 0),
        amount_of(ctx.params.get("surcharge")) or 0,
    )
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
        led = ledger_of(case, ctx)
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
    d = decision_of(case, ctx)
    assert d is not None
    plan = parse_schedule(ctx.params["schedule"]) or []
    row = CaseDeferral.objects.create(
        decision=d,
        kind=ctx.params["kind"],
        applied_on=ctx.on_date,
        reason=ctx.params["reason"].strip(),
        requested=iso_schedule(plan),
    )
    return (
        S.EXECUTING,
        [],
        {"decision": d.pk, "deferral": row.pk, "kind": row.kind, "schedule": row.requested},
    )


def _e_approve_deferral(case: Case, ctx: Context, t: Transition) -> Result:
    led = ledger_of(case, ctx)
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
        row.kind, row.schedule, row.status = ctx.params["kind"], iso_schedule(plan), DeferralStatus.APPROVED
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
    led = ledger_of(case, ctx)
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
    led = ledger_of(case, ctx)
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
