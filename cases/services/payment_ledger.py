"""The payment ledger of a decision, derived (never stored): amount, paid, outstanding, the live 加处罚款,
the due dates (the 15 days of Art 67 or an approved 延期/分期), the 催告 wait, the court window, the status
and the next step with its "why". Pure arithmetic in ``cases.rules.payment``; this module reads the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from enforcement.core.rules.calendar import CalendarData
from enforcement.core.services.calendar import load_calendar

from ..models import CaseDecision, CaseRemedy, DecisionKind, RemedyKind
from ..models.payment import CaseDeferral, CaseExecutionStep, DeferralStatus, ExecutionStepKind
from ..rules import payment as rules
from ..rules.payment import CourtWindow, Instalment, Paid, Pause, Surcharge

FEN = Decimal(100)


@dataclass(frozen=True)
class Ledger:
    decision: CaseDecision
    on: dt.date
    amount: int
    paid: int
    outstanding: int
    surcharge: Surcharge
    surcharge_paid_fen: int
    schedule: tuple[Instalment, ...]
    due: dt.date | None
    deferral: CaseDeferral | None
    pending_deferral: CaseDeferral | None
    demand: CaseExecutionStep | None
    demand_wait_until: dt.date | None
    court: CaseExecutionStep | None
    window: CourtWindow | None
    remedy_pending: bool
    status: str

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS[self.status]

    @property
    def surcharge_paid_text(self) -> str:
        return rules.fen_text(self.surcharge_paid_fen)

    @property
    def surcharge_due_fen(self) -> int:
        return max(self.surcharge.fen - self.surcharge_paid_fen, 0)

    @property
    def surcharge_text(self) -> str:
        """加处罚款 截至今日 X 元，自 … 起算，封顶 …"""
        s = self.surcharge
        if s.starts_on is None:
            return "未产生加处罚款"
        when = f"今日（{self.on.isoformat()}）" if self.on == timezone.localdate() else self.on.isoformat()
        text = f"加处罚款 截至{when} {s.yuan} 元，自{s.starts_on.isoformat()}起算，封顶 {rules.fen_text(s.cap_fen)} 元"
        if s.capped:
            text += "（已达封顶）"
        if self.remedy_pending:
            text += "；复议/诉讼期间暂停计算"
        return text

    def next_step(self) -> tuple[str, str]:
        """(what to do next, why) for the case page."""
        return next_step(self)

    def as_dict(self) -> dict[str, Any]:
        """The API shape (``decisions[].payment`` of the case detail)."""
        s, w = self.surcharge, self.window
        step, why = self.next_step()

        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "amount": self.amount,
            "paid": self.paid,
            "outstanding": self.outstanding,
            "due": iso(self.due),
            "schedule": [{"due": i.due.isoformat(), "amount": i.amount} for i in self.schedule],
            "surcharge": s.yuan.replace(",", ""),
            "surcharge_from": iso(s.starts_on),
            "surcharge_cap": rules.fen_text(s.cap_fen).replace(",", ""),
            "surcharge_paid": rules.fen_text(self.surcharge_paid_fen).replace(",", ""),
            "surcharge_text": self.surcharge_text,
            "status": self.status,
            "status_label": self.status_label,
            "deferral": self.deferral.kind if self.deferral else None,
            "deferral_pending": self.pending_deferral is not None,
            "demand_served_on": iso(self.demand.on_date if self.demand else None),
            "demand_wait_until": iso(self.demand_wait_until),
            "court_window": {"opens": iso(w.opens), "closes": iso(w.closes), "basis": w.basis} if w else None,
            "court_applied_on": iso(self.court.on_date if self.court else None),
            "next_step": step,
            "why": why,
        }


def _remedy_rows(decision: CaseDecision) -> list[CaseRemedy]:
    return list(decision.remedies.all())


def reconsideration_first(decision: CaseDecision) -> bool:
    """复议前置 (行政复议法 Art 23(1); ERRATA: on-the-spot penalties). Set by the summary procedure when it
    exists (a ``reconsideration_first`` attribute of the decision or its case); otherwise False."""
    return bool(
        getattr(decision, "reconsideration_first", False)
        or getattr(decision.case, "reconsideration_first", False)
    )


def _later_start(decision: CaseDecision, remedies: list[CaseRemedy]) -> tuple[dt.date | None, str]:
    """A concluded remedy moves the start of the court window (◐ reading): 15 days after a reconsideration
    decision (the party may still sue, 行政诉讼法 Art 45), the day of a court's outcome."""
    best: tuple[dt.date | None, str] = (None, "")
    for r in remedies:
        if r.outcome_on is None or not r.outcome:
            continue
        if r.kind == RemedyKind.RECONSIDERATION:
            day, why = (
                r.outcome_on + dt.timedelta(days=15),
                "复议决定后起诉期限（15日，行政诉讼法第四十五条）",
            )
        else:
            day, why = r.outcome_on, "行政诉讼审结"
        if best[0] is None or day > best[0]:
            best = (day, why)
    return best


def ledger(decision: CaseDecision, *, on: dt.date | None = None, cal: CalendarData | None = None) -> Ledger:
    """The ledger of ``decision`` at the end of ``on`` (default today). Uses prefetched ``payments``,
    ``deferrals``, ``execution_steps`` and ``remedies`` when present."""
    on = on or timezone.localdate()
    cal = cal or load_calendar()
    pays = [p for p in decision.payments.all() if p.paid_on <= on]
    paid_rows = [Paid(p.paid_on, int(p.amount)) for p in pays]
    paid = sum(p.amount for p in paid_rows)
    surcharge_paid = int(sum((Decimal(p.surcharge) * FEN for p in pays), Decimal(0)))
    deferrals = list(decision.deferrals.all())
    approved = next((d for d in reversed(deferrals) if d.status == DeferralStatus.APPROVED), None)
    pending = next((d for d in deferrals if d.status == DeferralStatus.PENDING), None)
    steps = list(decision.execution_steps.all())
    demand = next((s for s in reversed(steps) if s.kind == ExecutionStepKind.DEMAND), None)
    court = next((s for s in steps if s.kind == ExecutionStepKind.COURT), None)
    remedies = _remedy_rows(decision)
    amount = int(decision.amount) if decision.kind == DecisionKind.PENALTY else 0
    schedule: tuple[Instalment, ...] = ()
    due = None
    window = None
    if decision.served_on is not None:
        due = rules.payment_due(decision.served_on, cal).due
        schedule = (Instalment(due, amount),)
        if approved is not None:
            plan = tuple(
                Instalment(dt.date.fromisoformat(i["due"]), int(i["amount"])) for i in approved.schedule
            )
            before = amount - sum(i.amount for i in plan)
            schedule = ((Instalment(due, before),) if before > 0 else ()) + plan
        later, why = _later_start(decision, remedies)
        if approved is not None and schedule and (later is None or schedule[-1].due > later):
            later, why = schedule[-1].due, "延期（分期）缴纳期限结束（行政处罚法第七十二条第二款）"
        window = rules.court_window(
            decision.served_on,
            cal,
            reconsideration_first=reconsideration_first(decision),
            later_start=later,
            later_reason=why,
        )
    pauses = [Pause(r.received_on, r.outcome_on if r.outcome else None) for r in remedies]
    s = rules.surcharge(amount, schedule, paid_rows, pauses, on)
    ended = decision.ended_on is not None and decision.ended_on <= on
    status = rules.payment_status(
        amount=amount,
        paid=paid,
        served=decision.served_on is not None,
        ended=ended,
        schedule=schedule,
        payments=paid_rows,
        deferred=approved is not None,
        court_applied=court is not None,
        on=on,
    )
    wait = rules.demand_wait_end(demand.on_date, cal).due if demand is not None else None
    return Ledger(
        decision=decision,
        on=on,
        amount=amount,
        paid=paid,
        outstanding=max(amount - paid, 0) if not ended else 0,
        surcharge=s,
        surcharge_paid_fen=surcharge_paid,
        schedule=schedule,
        due=schedule[-1].due if schedule else None,
        deferral=approved,
        pending_deferral=pending,
        demand=demand,
        demand_wait_until=wait,
        court=court,
        window=window,
        remedy_pending=any(not r.outcome for r in remedies),
        status=status,
    )


def decisions_with_ledger_rows(case: Any) -> Any:
    """A case's decisions with everything the ledger reads, in 5 queries whatever their number."""
    return (
        CaseDecision.objects.filter(case=case)
        .select_related("case")
        .prefetch_related(
            "payments",
            Prefetch("deferrals", queryset=CaseDeferral.objects.order_by("id")),
            Prefetch("execution_steps", queryset=CaseExecutionStep.objects.order_by("on_date", "id")),
            Prefetch("remedies", queryset=CaseRemedy.objects.order_by("received_on", "id")),
        )
    )


def ledgers_for(case: Any, *, on: dt.date | None = None) -> list[Ledger]:
    """The ledgers of a case's penalty decisions (no query beyond one when the case has none)."""
    rows = list(decisions_with_ledger_rows(case).filter(kind=DecisionKind.PENALTY))
    if not rows:
        return []
    cal = load_calendar()
    return [ledger(d, on=on, cal=cal) for d in rows]


def next_step(led: Ledger) -> tuple[str, str]:
    """What comes next for this decision, and why (the article)."""
    d, on = led.decision, led.on
    if led.status == rules.ENDED:
        return "无需执行", f"决定已于{d.ended_on}撤销或确认无效，不再缴纳"
    if led.status == rules.NO_FINE:
        return "无罚款需缴纳", "本决定未处罚款"
    if led.status == rules.PAID:
        tail = f"；尚有加处罚款{rules.fen_text(led.surcharge_due_fen)}元未缴" if led.surcharge_due_fen else ""
        return "罚款已缴清，可报请结案" + tail, "全部履行后结案（15号令）"
    if led.status == rules.COURT:
        assert led.court is not None
        return (
            "等待人民法院裁定",
            f"已于{led.court.on_date}申请强制执行；法院应于五日内决定是否受理（行政强制法第五十六条）",
        )
    if led.status == rules.NOT_SERVED:
        return "送达决定书", "缴款期限和复议、诉讼期限均自送达之日起计算（行政处罚法第六十七条、第六十一条）"
    if led.pending_deferral is not None:
        return (
            "负责人审批延期（分期）缴纳申请",
            "当事人确有经济困难的，经申请和批准可以暂缓或者分期缴纳（行政处罚法第六十六条第二款）",
        )
    if led.remedy_pending:
        return (
            "复议/诉讼审理中",
            "审理期间加处罚款不计算，且不得申请强制执行（行政处罚法第七十三条、行政强制法第五十三条）",
        )
    if led.status != rules.OVERDUE:
        return f"等待当事人缴款（期限至{led.due}）", rules.BASIS_DUE
    assert led.window is not None
    if led.demand is None:
        return (
            "送达催告书",
            f"逾期未缴，{led.surcharge_text}；申请强制执行前须先催告（行政强制法第三十五条、第五十四条）",
        )
    assert led.demand_wait_until is not None
    if on <= led.demand_wait_until:
        return f"催告期限至{led.demand_wait_until}，届满仍未履行的可申请强制执行", rules.BASIS_DEMAND
    if on < led.window.opens:
        return f"于{led.window.opens}至{led.window.closes}申请人民法院强制执行", led.window.basis
    if on <= led.window.closes:
        return f"申请人民法院强制执行（最迟{led.window.closes}）", led.window.basis
    return "申请强制执行期限已届满", led.window.basis
