"""Paying a fine and enforcing it (spec §1.14, §5 PAY_FINE / SURCHARGE / DEMAND_WAIT / COURT_APPLY) — pure.

- Due date (行政处罚法 Art 67 ¶3): "自收到行政处罚决定书之日起十五日内" — 15 calendar days from the day service
  counts, the day of service not counted, a last day on a rest day rolled to the next working day (D5).
  An approved 延期 / 分期 (Art 66 ¶2) replaces it by its own dates (one date, or one per instalment).
- 加处罚款 (Art 72 ¶1(1)): "每日按罚款数额的百分之三加处罚款" from the day after the due date; capped at the
  amount of the monetary obligation (行政强制法 Art 45 ¶2: "不得超出金钱给付义务的数额"); not counted while a
  reconsideration or suit runs (Art 73 ¶3).

  Our reading of partial payments and instalments (stated, ◐): each day's 3 % is taken on the principal still
  unpaid *and already due* at the end of that day — a payment made on a day lowers that day's base; under an
  instalment plan a day counts only the instalments whose own due date has passed; payments settle the
  earliest instalment first. The cap is the fine as payable (the decided amount, or the amount after a 变更),
  not the unpaid remainder: Art 45 caps by the monetary obligation, which is the fine. Amounts are whole yuan;
  the surcharge is counted exactly in fen (3 % of 1 yuan = 3 fen).
- 催告 (行政强制法 Art 35, 54, 69): the court application may be made once ten days have passed after the
  催告书 was served with the obligation unperformed; Art 69 makes "十日" working days. Reading (◐): the ten
  working days are the party's last chance to pay, so the earliest application day is the day after the tenth
  working day.
- Court window (行政强制法 Art 53): within 3 months from the day the statutory periods for reconsideration
  (60 days, 行政复议法 Art 20) and litigation (6 months, 行政诉讼法 Art 46) expire, both counted from service;
  where reconsideration must come first (复议前置, ERRATA) only the 60 days. An approved deferral moves the start
  to the end of the deferral (行政处罚法 Art 72 ¶2). The window opens the day after the expiry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from enforcement.core.rules.calendar import (
    CalendarData,
    DueDate,
    add_calendar_days,
    add_months,
    add_working_days,
)

ONE_DAY = dt.timedelta(days=1)
PAY_DAYS = 15  # 行政处罚法 Art 67 ¶3
SURCHARGE_FEN_PER_YUAN = 3  # 3 % a day: 3 fen per yuan (Art 72 ¶1(1))
DEMAND_WAIT_DAYS = 10  # 行政强制法 Art 54, working days by Art 69
RECONSIDERATION_DAYS = 60  # 行政复议法 Art 20
LITIGATION_MONTHS = 6  # 行政诉讼法 Art 46
COURT_MONTHS = 3  # 行政强制法 Art 53

BASIS_DUE = "行政处罚法第六十七条第三款：自收到行政处罚决定书之日起十五日内缴纳罚款"
BASIS_SURCHARGE = (
    "行政处罚法第七十二条第一款第一项：到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款；"
    "行政强制法第四十五条第二款：加处罚款的数额不得超出金钱给付义务的数额"
)
BASIS_PAUSE = "行政处罚法第七十三条第三款：申请行政复议、提起行政诉讼期间，加处罚款的数额不计算"
BASIS_DEMAND = (
    "行政强制法第五十四条、第六十九条：催告书送达十日（工作日）后仍未履行的，可以申请人民法院强制执行"
)
BASIS_COURT = "行政强制法第五十三条：自复议、诉讼期限届满之日起三个月内申请人民法院强制执行"


@dataclass(frozen=True)
class Instalment:
    """One due date and the amount (whole yuan) due on it; a plain decision is one instalment."""

    due: dt.date
    amount: int


@dataclass(frozen=True)
class Paid:
    on: dt.date
    amount: int


@dataclass(frozen=True)
class Pause:
    """A remedy running from ``start`` to ``end`` inclusive (``end`` None: still running)."""

    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Surcharge:
    fen: int  # the 加处罚款 accrued up to the day asked, in fen
    cap_fen: int
    starts_on: dt.date | None  # the first day counted (the day after the first due date missed)
    capped: bool
    days: int  # surcharge days counted (paused days excluded)

    @property
    def yuan(self) -> str:
        return fen_text(self.fen)


def fen_text(fen: int) -> str:
    """12345 fen → "123.45" (yuan with two decimals, thousands separated)."""
    return f"{fen // 100:,}.{fen % 100:02d}"


def payment_due(served_on: dt.date, cal: CalendarData) -> DueDate:
    """The last day to pay: 15 calendar days after the day service counts (Art 67 ¶3, D5 roll-over)."""
    return add_calendar_days(served_on, PAY_DAYS, cal)


def unpaid_by_instalment(
    schedule: Sequence[Instalment], payments: Sequence[Paid], upto: dt.date
) -> list[int]:
    """What remains of each instalment after the payments made on or before ``upto`` (earliest due first)."""
    left = [i.amount for i in schedule]
    money = sum(p.amount for p in payments if p.on <= upto)
    for idx in sorted(range(len(schedule)), key=lambda k: schedule[k].due):
        take = min(money, left[idx])
        left[idx] -= take
        money -= take
    return left


def surcharge(
    amount: int,
    schedule: Sequence[Instalment],
    payments: Sequence[Paid],
    pauses: Sequence[Pause],
    on: dt.date,
) -> Surcharge:
    """The 加处罚款 accrued by the end of ``on`` on a fine of ``amount`` yuan (see the module docstring)."""
    cap = max(amount, 0) * 100
    if not schedule or cap == 0:
        return Surcharge(0, cap, None, False, 0)
    first_due = min(i.due for i in schedule)
    total, days, starts_on = 0, 0, None
    day = first_due + ONE_DAY
    paid_dates = {p.on for p in payments}
    left = unpaid_by_instalment(schedule, payments, day)
    while day <= on:
        if day in paid_dates:
            left = unpaid_by_instalment(schedule, payments, day)
        if not any(p.covers(day) for p in pauses):
            base = sum(rest for inst, rest in zip(schedule, left, strict=True) if inst.due < day)
            if base > 0:
                starts_on = starts_on or day
                days += 1
                total += base * SURCHARGE_FEN_PER_YUAN
                if total >= cap:
                    return Surcharge(cap, cap, starts_on, True, days)
            elif sum(left) == 0:
                break  # everything is paid: nothing more can accrue
        day += ONE_DAY
    return Surcharge(total, cap, starts_on, False, days)


def surcharge_starts(schedule: Sequence[Instalment]) -> dt.date | None:
    """The first day a surcharge may be counted: the day after the earliest due date."""
    return min(i.due for i in schedule) + ONE_DAY if schedule else None


def overdue(schedule: Sequence[Instalment], payments: Sequence[Paid], on: dt.date) -> bool:
    """True when some instalment's due date has passed before ``on`` with part of it unpaid."""
    left = unpaid_by_instalment(schedule, payments, on)
    return any(rest > 0 and inst.due < on for inst, rest in zip(schedule, left, strict=True))


def schedule_refusal(
    kind: str, schedule: Sequence[Instalment], outstanding: int, current_due: dt.date | None
) -> str | None:
    """An approved 延期/分期 (Art 66 ¶2): its dates lie after the current due date, each instalment is
    positive, and the instalments sum to the amount outstanding; a deferral is one date."""
    if not schedule:
        return "请填写缴款计划（缴款期限和金额）"
    if kind == "defer" and len(schedule) != 1:
        return "延期缴纳只能确定一个缴款期限；分期缴纳请选择“分期”"
    if kind == "instalments" and len(schedule) < 2:
        return "分期缴纳至少分两期"
    if any(i.amount <= 0 for i in schedule):
        return "每期金额须大于零"
    dues = [i.due for i in schedule]
    if len(set(dues)) != len(dues) or dues != sorted(dues):
        return "各期缴款期限须按先后顺序排列且不得重复"
    if current_due is not None and dues[0] <= current_due:
        return f"延期（分期）的缴款期限须晚于原缴款期限（{current_due.isoformat()}）"
    total = sum(i.amount for i in schedule)
    if total != outstanding:
        return f"各期金额合计{total}元，应等于尚未缴纳的罚款{outstanding}元（行政处罚法第六十六条第二款）"
    return None


# --- 催告 and the court window ----------------------------------------------------------------------------


def demand_wait_end(demand_served_on: dt.date, cal: CalendarData) -> DueDate:
    """The tenth working day after the 催告书 was served (行政强制法 Art 54, 69)."""
    return add_working_days(demand_served_on, DEMAND_WAIT_DAYS, cal)


@dataclass(frozen=True)
class CourtWindow:
    opens: dt.date  # the first day an application may be made (the demand wait aside)
    closes: dt.date  # the last day
    provisional: bool
    basis: str


def court_window(
    served_on: dt.date,
    cal: CalendarData,
    *,
    reconsideration_first: bool = False,
    later_start: dt.date | None = None,
    later_reason: str = "",
) -> CourtWindow:
    """The 3-month window of 行政强制法 Art 53 (module docstring). ``later_start``: a later day the periods
    end instead (the end of an approved deferral, Art 72 ¶2, or of a concluded remedy), with its reason."""
    recon = add_calendar_days(served_on, RECONSIDERATION_DAYS, cal)
    suit = add_months(served_on, LITIGATION_MONTHS, cal)
    if reconsideration_first:
        end, why = recon, f"复议前置，复议申请期限（{RECONSIDERATION_DAYS}日）于{recon.due.isoformat()}届满"
    else:
        end, why = (
            max(recon, suit, key=lambda d: d.due),
            f"复议期限（{RECONSIDERATION_DAYS}日）于{recon.due.isoformat()}届满，"
            f"诉讼期限（{LITIGATION_MONTHS}个月）于{suit.due.isoformat()}届满",
        )
    start, provisional = end.due, recon.provisional or suit.provisional
    if later_start is not None and later_start > start:
        start, why = later_start, f"{why}；{later_reason or '另行起算'}至{later_start.isoformat()}"
    closes = add_months(start, COURT_MONTHS, cal)
    return CourtWindow(
        opens=start + ONE_DAY,
        closes=closes.due,
        provisional=provisional or closes.provisional,
        basis=f"{BASIS_COURT}：{why}，可于{(start + ONE_DAY).isoformat()}至{closes.due.isoformat()}申请",
    )


def court_refusal(
    on: dt.date,
    *,
    window: CourtWindow | None,
    outstanding: int,
    demand_served_on: dt.date | None,
    demand_wait_until: dt.date | None,
    remedy_pending: bool,
) -> str | None:
    """Why an application to the court on ``on`` is refused, or None (行政强制法 Art 53–55)."""
    if window is None:
        return "决定书尚未送达，不能申请强制执行（行政强制法第五十三条）"
    if outstanding <= 0:
        return "罚款已缴清，无需申请强制执行"
    if remedy_pending:
        return "当事人已申请行政复议或提起行政诉讼，审理期间不得申请强制执行（行政强制法第五十三条）"
    if demand_served_on is None or demand_wait_until is None:
        return "申请强制执行前须先送达催告书（行政强制法第五十四条）"
    if on <= demand_wait_until:
        return (
            f"催告书于{demand_served_on.isoformat()}送达，须待十个工作日届满（{demand_wait_until.isoformat()}）"
            "后仍未履行的方可申请（行政强制法第五十四条、第六十九条）"
        )
    if on < window.opens:
        return f"申请期限尚未开始：{window.basis}"
    if on > window.closes:
        return f"申请期限已于{window.closes.isoformat()}届满（行政强制法第五十三条）"
    return None


# --- status -------------------------------------------------------------------------------------------------

UNPAID, PARTLY_PAID, PAID, OVERDUE = "unpaid", "partly_paid", "paid", "overdue"
DEFERRED, COURT, ENDED, NOT_SERVED, NO_FINE = (
    "deferred",
    "court_enforcement",
    "ended",
    "not_served",
    "no_fine",
)
STATUS_LABELS = {
    NOT_SERVED: "待送达",
    UNPAID: "待缴款",
    PARTLY_PAID: "部分缴纳",
    PAID: "已缴清",
    OVERDUE: "逾期未缴",
    DEFERRED: "延期（分期）缴纳中",
    COURT: "已申请法院强制执行",
    ENDED: "决定已撤销/无效",
    NO_FINE: "无罚款",
}


def payment_status(
    *,
    amount: int,
    paid: int,
    served: bool,
    ended: bool,
    schedule: Sequence[Instalment],
    payments: Sequence[Paid],
    deferred: bool,
    court_applied: bool,
    on: dt.date,
) -> str:
    """One status per decision, in this order: ended, no fine, paid, court enforcement applied, not served,
    overdue, deferred, partly paid, unpaid."""
    if ended:
        return ENDED
    if amount <= 0:
        return NO_FINE
    if paid >= amount:
        return PAID
    if court_applied:
        return COURT
    if not served:
        return NOT_SERVED
    if overdue(schedule, payments, on):
        return OVERDUE
    if deferred:
        return DEFERRED
    return PARTLY_PAID if paid > 0 else UNPAID
