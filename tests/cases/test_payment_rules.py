"""Payment and execution rules (spec §1.14) on the real 2025–2026 schedules: worked examples counted by hand,
and hypothesis properties of the 加处罚款 (never above the fine, zero on or before the due date, monotone in
time, paused intervals add nothing)."""

from __future__ import annotations

import datetime as dt

from chinese_calendar import constants
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.rules import payment as pay
from cases.rules.payment import Instalment, Paid, Pause
from enforcement.core.rules.calendar import CalendarData

D = dt.date
YEARS = range(2024, 2027)
CAL = CalendarData.build(
    holidays=[d for d in constants.holidays if d.year in YEARS and d.weekday() < 5],
    workdays=[d for d in constants.workdays if d.year in YEARS and d.weekday() >= 5],
    known_years=YEARS,
)


# --- due date: 行政处罚法 Art 67 ¶3 --------------------------------------------------------------------


def test_due_is_15_calendar_days_after_service_art67():
    assert pay.payment_due(D(2026, 6, 1), CAL).due == D(2026, 6, 16)


def test_due_on_a_holiday_rolls_to_the_next_working_day():
    """Served 2026-06-04: the 15th day is 6-19 (端午, Friday), then a weekend → Monday 6-22 (D5)."""
    due = pay.payment_due(D(2026, 6, 4), CAL)
    assert due.due == D(2026, 6, 22) and not due.provisional


# --- 加处罚款: Art 72 ¶1(1), 行政强制法 Art 45, Art 73 ¶3 ------------------------------------------------

ONE = [Instalment(D(2026, 6, 16), 20000)]


def test_surcharge_is_3_percent_a_day_from_the_day_after_the_due_date_art72():
    assert pay.surcharge(20000, ONE, [], [], D(2026, 6, 16)).fen == 0  # the due date itself
    first = pay.surcharge(20000, ONE, [], [], D(2026, 6, 17))
    assert (first.fen, first.starts_on, first.days) == (60000, D(2026, 6, 17), 1)  # 600.00 yuan
    assert pay.surcharge(20000, ONE, [], [], D(2026, 7, 19)).yuan == "19,800.00"  # 33 days


def test_surcharge_is_capped_at_the_fine_qiangzhi_art45():
    s = pay.surcharge(20000, ONE, [], [], D(2026, 7, 20))  # 34 days would be 20,400
    assert (s.fen, s.capped) == (2_000_000, True)
    assert pay.surcharge(20000, ONE, [], [], D(2027, 6, 1)).fen == 2_000_000


def test_a_partial_payment_lowers_the_base_from_the_day_it_is_made():
    """6-17 on 20,000 (600); 6-18 paid 10,000 that day → 300 on the rest: 900 by 6-18, 1,200 by 6-19."""
    paid = [Paid(D(2026, 6, 18), 10000)]
    assert pay.surcharge(20000, ONE, paid, [], D(2026, 6, 18)).fen == 90000
    assert pay.surcharge(20000, ONE, paid, [], D(2026, 6, 19)).fen == 120000


def test_a_payment_in_full_stops_the_surcharge():
    paid = [Paid(D(2026, 6, 18), 20000)]
    assert pay.surcharge(20000, ONE, paid, [], D(2026, 12, 1)).fen == 60000


def test_odd_amounts_are_counted_in_fen():
    s = pay.surcharge(12345, [Instalment(D(2026, 6, 16), 12345)], [], [], D(2026, 6, 18))
    assert s.fen == 2 * 12345 * 3 and s.yuan == "740.70"


def test_remedy_days_are_not_counted_art73():
    """复议 received 6-18, decided 6-30: only 6-17 and 7-1 count."""
    pause = [Pause(D(2026, 6, 18), D(2026, 6, 30))]
    s = pay.surcharge(20000, ONE, [], pause, D(2026, 7, 1))
    assert (s.fen, s.days) == (120000, 2)
    running = [Pause(D(2026, 6, 18), None)]
    assert pay.surcharge(20000, ONE, [], running, D(2026, 12, 1)).fen == 60000


def test_instalments_count_each_from_its_own_due_date():
    """10,000 due 7-1 and 10,000 due 8-1; the first is paid on 7-3: 7-2 and 7-3 are 300 each (a payment
    on 7-3 lowers that day's base to 0 → only 7-2 counts); from 8-2 the second instalment."""
    plan = [Instalment(D(2026, 7, 1), 10000), Instalment(D(2026, 8, 1), 10000)]
    assert pay.surcharge(20000, plan, [], [], D(2026, 7, 1)).fen == 0
    assert pay.surcharge(20000, plan, [], [], D(2026, 7, 2)).fen == 30000
    paid = [Paid(D(2026, 7, 3), 10000)]
    assert pay.surcharge(20000, plan, paid, [], D(2026, 8, 1)).fen == 30000
    assert pay.surcharge(20000, plan, paid, [], D(2026, 8, 2)).fen == 60000
    assert pay.unpaid_by_instalment(plan, paid, D(2026, 8, 1)) == [0, 10000]


def test_overdue_and_status():
    kw = {"amount": 20000, "served": True, "ended": False, "deferred": False, "court_applied": False}
    assert pay.payment_status(paid=0, schedule=ONE, payments=[], on=D(2026, 6, 16), **kw) == pay.UNPAID
    assert pay.payment_status(paid=0, schedule=ONE, payments=[], on=D(2026, 6, 17), **kw) == pay.OVERDUE
    part = [Paid(D(2026, 6, 10), 5000)]
    assert (
        pay.payment_status(paid=5000, schedule=ONE, payments=part, on=D(2026, 6, 10), **kw) == pay.PARTLY_PAID
    )
    full = [Paid(D(2026, 6, 10), 20000)]
    assert pay.payment_status(paid=20000, schedule=ONE, payments=full, on=D(2026, 7, 1), **kw) == pay.PAID
    kw["court_applied"] = True
    assert pay.payment_status(paid=0, schedule=ONE, payments=[], on=D(2026, 9, 1), **kw) == pay.COURT
    kw.update(court_applied=False, served=False)
    assert pay.payment_status(paid=0, schedule=[], payments=[], on=D(2026, 9, 1), **kw) == pay.NOT_SERVED


def test_schedule_of_a_deferral_art66():
    due = D(2026, 6, 16)
    ok = [Instalment(D(2026, 7, 1), 10000), Instalment(D(2026, 8, 1), 10000)]
    assert pay.schedule_refusal("instalments", ok, 20000, due) is None
    assert "合计" in pay.schedule_refusal("instalments", ok, 15000, due)
    assert "晚于原缴款期限" in pay.schedule_refusal("defer", [Instalment(D(2026, 6, 10), 20000)], 20000, due)
    assert "一个缴款期限" in pay.schedule_refusal("defer", ok, 20000, due)
    assert "至少分两期" in pay.schedule_refusal("instalments", ok[:1], 10000, due)
    assert "先后顺序" in pay.schedule_refusal("instalments", ok[::-1], 20000, due)


# --- 催告 and the court window: 行政强制法 Art 53, 54, 69 ---------------------------------------------


def test_demand_waits_ten_working_days_qiangzhi_art54_69():
    assert pay.demand_wait_end(D(2026, 6, 1), CAL).due == D(2026, 6, 15)
    assert pay.demand_wait_end(D(2026, 6, 10), CAL).due == D(2026, 6, 25)  # 端午 6-19 skipped


def test_court_window_after_six_months_and_for_three_months_art53():
    w = pay.court_window(D(2025, 6, 3), CAL)
    assert (w.opens, w.closes, w.provisional) == (D(2025, 12, 4), D(2026, 3, 3), False)
    assert "2025-08-04" in w.basis and "2025-12-03" in w.basis  # 60 days end 8-2 (Sat) → 8-4


def test_court_window_with_reconsideration_first_starts_after_the_60_days_errata():
    w = pay.court_window(D(2025, 6, 3), CAL, reconsideration_first=True)
    assert (w.opens, w.closes) == (D(2025, 8, 5), D(2025, 11, 4))


def test_court_window_counts_from_the_end_of_a_deferral_art72_2():
    w = pay.court_window(D(2025, 6, 3), CAL, later_start=D(2026, 1, 15), later_reason="延期缴纳期限")
    assert (w.opens, w.closes) == (D(2026, 1, 16), D(2026, 4, 15))
    assert "延期缴纳期限至2026-01-15" in w.basis


def test_court_refusals_name_the_reason():
    w = pay.court_window(D(2025, 6, 3), CAL)
    base = {"window": w, "outstanding": 100, "demand_served_on": D(2025, 12, 1), "remedy_pending": False}
    wait = pay.demand_wait_end(D(2025, 12, 1), CAL).due
    assert wait == D(2025, 12, 15)
    assert "十个工作日" in pay.court_refusal(D(2025, 12, 15), demand_wait_until=wait, **base)
    assert pay.court_refusal(D(2025, 12, 16), demand_wait_until=wait, **base) is None
    assert pay.court_refusal(D(2026, 3, 3), demand_wait_until=wait, **base) is None
    assert "届满" in pay.court_refusal(D(2026, 3, 4), demand_wait_until=wait, **base)
    early = {**base, "demand_served_on": D(2025, 8, 1)}
    assert "尚未开始" in pay.court_refusal(D(2025, 9, 1), demand_wait_until=D(2025, 8, 15), **early)
    assert "催告书" in pay.court_refusal(
        D(2026, 1, 5), **{**base, "demand_served_on": None}, demand_wait_until=None
    )
    assert "复议" in pay.court_refusal(
        D(2026, 1, 5), demand_wait_until=wait, **{**base, "remedy_pending": True}
    )
    assert "缴清" in pay.court_refusal(D(2026, 1, 5), demand_wait_until=wait, **{**base, "outstanding": 0})


# --- hypothesis properties ------------------------------------------------------------------------------

START = D(2026, 1, 1)
days = st.integers(min_value=0, max_value=400)
amounts = st.integers(min_value=1, max_value=500_000)


@st.composite
def ledgers(draw):
    amount = draw(amounts)
    n = draw(st.integers(min_value=1, max_value=3))
    dues = sorted({START + dt.timedelta(days=draw(days)) for _ in range(n)})
    shares = [amount // len(dues)] * len(dues)
    shares[-1] += amount - sum(shares)
    plan = [Instalment(d, s) for d, s in zip(dues, shares, strict=True) if s > 0] or [
        Instalment(dues[0], amount)
    ]
    payments = [
        Paid(START + dt.timedelta(days=draw(days)), draw(st.integers(min_value=1, max_value=amount)))
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    pauses = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        a = START + dt.timedelta(days=draw(days))
        pauses.append(Pause(a, a + dt.timedelta(days=draw(st.integers(min_value=0, max_value=60)))))
    return amount, plan, payments, pauses


@settings(max_examples=150, deadline=None)
@given(ledgers(), days, st.integers(min_value=0, max_value=200))
def test_property_bounded_zero_before_due_and_monotone(ledger, at, later):
    amount, plan, payments, pauses = ledger
    on = START + dt.timedelta(days=at)
    now = pay.surcharge(amount, plan, payments, pauses, on)
    assert 0 <= now.fen <= amount * 100  # 行政强制法 Art 45
    if on <= min(i.due for i in plan):
        assert now.fen == 0
    after = pay.surcharge(amount, plan, payments, pauses, on + dt.timedelta(days=later))
    assert after.fen >= now.fen


@settings(max_examples=150, deadline=None)
@given(ledgers(), days, st.integers(min_value=0, max_value=60))
def test_property_a_paused_interval_adds_nothing(ledger, at, length):
    amount, plan, payments, _ = ledger
    start = START + dt.timedelta(days=at)
    pause = Pause(start, start + dt.timedelta(days=length))
    paid_before = [p for p in payments if p.on < start]  # payments inside the pause would lower the base
    before = pay.surcharge(amount, plan, paid_before, [pause], start - dt.timedelta(days=1))
    inside = pay.surcharge(amount, plan, paid_before, [pause], pause.end)
    assert inside.fen == before.fen


@settings(max_examples=100, deadline=None)
@given(ledgers(), days)
def test_property_paying_more_never_raises_the_surcharge(ledger, at):
    amount, plan, payments, pauses = ledger
    on = START + dt.timedelta(days=at)
    extra = [*payments, Paid(START + dt.timedelta(days=at // 2), amount)]
    assert (
        pay.surcharge(amount, plan, extra, pauses, on).fen
        <= pay.surcharge(amount, plan, payments, pauses, on).fen
    )
