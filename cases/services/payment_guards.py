"""The named guards of the payment and execution actions (spec §1.14) and the reading of their input (which
decision, its ledger on the act's date, amounts, schedules). Each answers a Chinese refusal citing the article,
or None; the arithmetic lives in ``cases.rules.payment``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from enforcement.core.rules.workflow import Context, Guard

from ..models import Case, CaseDecision, DecisionKind
from ..models.payment import DeferralKind
from ..rules import payment as rules
from ..rules.payment import Instalment
from .payment_ledger import Ledger, decisions_with_ledger_rows, ledger

Message = str | None

# --- reading the input -----------------------------------------------------------------------------------


def decision_of(case: Case, ctx: Context) -> CaseDecision | None:
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


def ledger_of(case: Case, ctx: Context) -> Ledger | None:
    if "_ledger" not in ctx.params:
        d = decision_of(case, ctx)
        ctx.params["_ledger"] = ledger(d, on=ctx.on_date) if d is not None else None
    led: Ledger | None = ctx.params["_ledger"]
    return led


def amount_of(value: Any) -> Decimal | None:
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


def iso_schedule(schedule: list[Instalment]) -> list[dict[str, Any]]:
    return [{"due": i.due.isoformat(), "amount": i.amount} for i in schedule]


# --- guards -----------------------------------------------------------------------------------------------


def _g_payable(case: Case, ctx: Context) -> Message:
    """Judgeable without input (the page offers the action only while some fine is unpaid)."""
    cached = getattr(case, "_payable", None)
    if cached is None:
        paid = Coalesce(Sum("payments__amount"), Value(0))
        cached = (
            CaseDecision.objects.filter(
                case=case, kind=DecisionKind.PENALTY, amount__gt=0, ended_on__isnull=True
            )
            .annotate(paid=paid)
            .filter(paid__lt=F("amount"))
            .exists()
        )
        case._payable = cached  # type: ignore[attr-defined]
    return None if cached else "本案没有尚未缴清的罚款"


def _g_decision(case: Case, ctx: Context) -> Message:
    d = decision_of(case, ctx)
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
    d = decision_of(case, ctx)
    if ctx.on_date > timezone.localdate():
        return "日期不能晚于今天"
    if d is not None and ctx.on_date < d.decided_on:
        return f"日期不能早于决定日（{d.decided_on.isoformat()}）"
    return None


def _g_payment_input(case: Case, ctx: Context) -> Message:
    d, led = decision_of(case, ctx), ledger_of(case, ctx)
    if d is None or led is None:
        return None
    amount, surcharge = amount_of(ctx.params.get("amount")), amount_of(ctx.params.get("surcharge"))
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
    d = decision_of(case, ctx)
    if d is not None and d.served_on is None:
        return "决定书尚未送达：缴款期限自送达之日起计算（行政处罚法第六十七条）"
    return None


def _g_outstanding(case: Case, ctx: Context) -> Message:
    led = ledger_of(case, ctx)
    if led is not None and led.outstanding <= 0:
        return "罚款已缴清"
    if led is not None and led.court is not None:
        return f"已于{led.court.on_date.isoformat()}申请人民法院强制执行"
    return None


def _g_deferral_request(case: Case, ctx: Context) -> Message:
    led = ledger_of(case, ctx)
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
    led = ledger_of(case, ctx)
    if led is not None and led.pending_deferral is None:
        return "当事人没有待审批的延期（分期）缴纳申请（行政处罚法第六十六条第二款：须经当事人申请）"
    return None


def _g_deferral_decision(case: Case, ctx: Context) -> Message:
    led = ledger_of(case, ctx)
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
    led = ledger_of(case, ctx)
    if led is None or led.decision.served_on is None:
        return None
    if led.status != rules.OVERDUE:
        return f"缴款期限（{led.due.isoformat() if led.due else ''}）届满前不能催告（行政强制法第三十五条、第五十四条）"
    return None


def _g_court_allowed(case: Case, ctx: Context) -> Message:
    led = ledger_of(case, ctx)
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
        Guard("fine_unpaid", _g_payable),
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
