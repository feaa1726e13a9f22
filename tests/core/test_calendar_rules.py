"""Day arithmetic (spec §1.1, D1–D5) on real 2024–2026 schedules; expected values are counted by hand."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from chinese_calendar import constants
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.rules.calendar import (
    MAX_DAYS,
    CalendarData,
    DueDate,
    add_calendar_days,
    add_months,
    add_period,
    add_working_days,
    add_years,
    holidays_between,
    is_working_day,
    shift_months,
)

D = dt.date


def _real_calendar(years: range) -> CalendarData:
    """Weekday holidays and weekend make-up workdays, as seed_calendar_years stores them."""
    return CalendarData.build(
        holidays=[d for d in constants.holidays if d.year in years and d.weekday() < 5],
        workdays=[d for d in constants.workdays if d.year in years and d.weekday() >= 5],
        known_years=years,
        names={**constants.holidays, **constants.workdays},
    )


CAL = _real_calendar(range(2024, 2027))
EMPTY = CalendarData()


def test_real_2025_and_2026_schedule_facts() -> None:
    """The facts the exact-value tests rely on (国办发明电 2024/2025 notices, via chinesecalendar)."""
    assert [d for d in sorted(CAL.holidays) if D(2025, 1, 20) <= d <= D(2025, 2, 10)] == [
        D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), D(2025, 2, 3), D(2025, 2, 4),
    ]  # fmt: skip
    assert D(2025, 1, 26) in CAL.workdays and D(2025, 2, 8) in CAL.workdays  # Sun, Sat
    assert D(2025, 9, 28) in CAL.workdays and D(2025, 10, 11) in CAL.workdays  # Sun, Sat
    assert D(2026, 2, 14) in CAL.workdays and D(2026, 2, 28) in CAL.workdays  # Sat, Sat
    assert D(2026, 9, 20) in CAL.workdays and D(2026, 10, 10) in CAL.workdays  # Sun, Sat
    assert not chinese_calendar.is_workday(D(2026, 9, 25))  # 中秋节, a Friday
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))


def test_is_working_day_make_up_saturday_and_holiday_weekday() -> None:
    assert is_working_day(D(2026, 2, 14), CAL) is True  # Saturday 调休上班
    assert is_working_day(D(2026, 2, 16), CAL) is False  # Monday 春节
    assert is_working_day(D(2026, 2, 21), CAL) is False  # plain Saturday
    assert is_working_day(D(2026, 2, 24), CAL) is True  # plain Tuesday


# --- 行政处罚法 Art 85 / 行政强制法 Art 69: working days -----------------------------------------


def test_art85_five_working_days_across_2025_spring_festival() -> None:
    """行政处罚法 Art 85: 五日 = 5 working days, 2025 春节 holiday and 调休 Sunday."""
    # Fri 01-24 → Sat 25 rest; Sun 26 make-up (1); Mon 27 (2); 28 Jan–4 Feb holiday;
    # Wed 02-05 (3); Thu 06 (4); Fri 07 (5)
    result = add_working_days(D(2025, 1, 24), 5, CAL)
    assert result.due == D(2025, 2, 7)
    assert result.provisional is False
    assert result.basis.startswith("行政处罚法第85条、行政强制法第69条：期间以工作日计算")


def test_art85_seven_working_days_counts_make_up_saturday_2025() -> None:
    """行政处罚法 Art 85 / 安全生产法 Art 78: 七个工作日; Sat 2025-02-08 is a make-up workday."""
    # … Fri 02-07 (5); Sat 08 make-up (6); Sun 09 rest; Mon 10 (7)
    assert add_working_days(D(2025, 1, 24), 7, CAL).due == D(2025, 2, 10)


def test_art85_three_working_days_around_2025_national_day() -> None:
    """行政处罚法 Art 85: 三日 across 国庆 2025 (Oct 1–8 off; Sun 09-28 and Sat 10-11 worked)."""
    # Fri 09-26 → Sat 27 rest; Sun 28 make-up (1); Mon 29 (2); Tue 30 (3)
    assert add_working_days(D(2025, 9, 26), 3, CAL).due == D(2025, 9, 30)
    # Tue 09-30 → Oct 1–8 off; Thu 10-09 (1); Fri 10 (2); Sat 11 make-up (3)
    assert add_working_days(D(2025, 9, 30), 3, CAL).due == D(2025, 10, 11)


def test_art85_three_working_days_across_2026_spring_festival() -> None:
    """行政处罚法 Art 85 across 春节 2026: Sat 02-14 is a workday, Feb 15–23 are rest days."""
    # Thu 02-12 → Fri 13 (1); Sat 14 make-up (2); 15–23 off; Tue 24 (3)
    assert add_working_days(D(2026, 2, 12), 3, CAL) == DueDate(
        D(2026, 2, 24),
        False,
        "行政处罚法第85条、行政强制法第69条：期间以工作日计算，不含法定节假日；开始之日不计入，自次日起算；"
        "自2026-02-12次日起算第3个工作日",
    )


def test_art69_seven_working_days_across_2026_mid_autumn_and_national_day() -> None:
    """行政强制法 Art 69: ≤10 日 are working days; 2026 中秋 (Fri 09-25) and 国庆 (Oct 1–7, Sat 10-10 worked)."""
    # Thu 09-24 → Fri 25 中秋; 26–27 weekend; Mon 28 (1); 29 (2); 30 (3); Oct 1–7 off; Thu 8 (4);
    # Fri 9 (5); Sat 10 make-up (6); Sun 11 rest; Mon 12 (7)
    assert add_working_days(D(2026, 9, 24), 7, CAL).due == D(2026, 10, 12)


def test_art64_hearing_notice_counts_seven_working_days_backwards() -> None:
    """行政处罚法 Art 64(2), 85: notify 七日前 a hearing on Mon 2025-10-13 — count back 7 working days."""
    # Sun 10-12 rest; Sat 11 make-up (1); Fri 10 (2); Thu 9 (3); Oct 8–1 off; Tue 09-30 (4);
    # Mon 29 (5); Sun 28 make-up (6); Sat 27 rest; Fri 26 (7)
    result = add_working_days(D(2025, 10, 13), -7, CAL)
    assert result.due == D(2025, 9, 26)
    assert result.provisional is False
    assert "向前倒数第7个工作日" in result.basis
    # and it is the inverse of the forward count
    assert add_working_days(D(2025, 9, 26), 7, CAL).due == D(2025, 10, 13)


def test_zero_working_days_is_the_start() -> None:
    result = add_working_days(D(2025, 10, 1), 0, CAL)
    assert (result.due, result.provisional) == (D(2025, 10, 1), False)


# --- 民事诉讼法 Art 85 (D5): calendar days -------------------------------------------------------------


def test_civil_procedure_art85_fifteen_days_ending_on_national_day_rolls_forward() -> None:
    """民事诉讼法 Art 85 (D5): 15 日 from 2025-09-16 ends Wed 10-01 (holiday) → first working day Thu 10-09."""
    result = add_calendar_days(D(2025, 9, 16), 15, CAL)
    assert result.due == D(2025, 10, 9)
    assert result.provisional is False
    assert result.basis == (
        "民事诉讼法第85条：期间开始的日不计算在期间内；期间届满的最后一日是法定休假日的，"
        "以法定休假日后的第一日为期间届满的日期；最后一日2025-10-01为休息日，顺延至2025-10-09"
    )


def test_civil_procedure_art85_period_ending_on_make_up_sunday_does_not_roll() -> None:
    """民事诉讼法 Art 85: Sun 2025-09-28 is a 调休 workday, so a period ending on it ends there."""
    assert add_calendar_days(D(2025, 9, 13), 15, CAL).due == D(2025, 9, 28)


def test_civil_procedure_art85_2026_spring_festival() -> None:
    """民事诉讼法 Art 85 around 春节 2026: ends Sat 02-14 (worked) stays; ends Sun 02-15 rolls to Tue 02-24."""
    assert add_calendar_days(D(2026, 1, 30), 15, CAL).due == D(2026, 2, 14)
    # 15th: Sun 15; 16–20 holiday; 21–22 weekend; 23 holiday → Tue 24
    assert add_calendar_days(D(2026, 1, 31), 15, CAL).due == D(2026, 2, 24)


def test_backward_calendar_count_rolls_back_to_stay_in_time() -> None:
    """民事诉讼法 Art 85 applied backwards: 10 days before Sun 2025-10-12 is Thu 10-02 (holiday) →
    the latest working day before it, Tue 09-30 (rolling forward would make the act late)."""
    result = add_calendar_days(D(2025, 10, 12), -10, CAL)
    assert result.due == D(2025, 9, 30)
    assert "提前至2025-09-30" in result.basis


# --- 民法典 Art 201–203: months and years -----------------------------------------------------------------


def test_civil_code_art202_jan31_plus_one_month_is_month_end() -> None:
    """民法典 Art 202: no corresponding day → the month's last day. 2025-02-28 is a Friday."""
    assert add_months(D(2025, 1, 31), 1, CAL).due == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1, CAL).due == D(2024, 2, 29)  # leap year, a Thursday


def test_civil_code_art203_month_end_on_make_up_saturday_2026_stays() -> None:
    """民法典 Art 202–203: 2026-01-31 + 1 month = Sat 2026-02-28, a 调休 workday → no roll."""
    result = add_months(D(2026, 1, 31), 1, CAL)
    assert result.due == D(2026, 2, 28)
    assert result.basis == (
        "民法典第201—203条：开始的当日不计入；到期月的对应日为期间的最后一日，没有对应日的，月末日为期间的最后一日；"
        "最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日；1个月期间的最后一日为2026-02-28"
    )


def test_civil_code_art203_six_months_ending_on_national_day_rolls_forward() -> None:
    """民法典 Art 203 / 行政诉讼法 Art 46: 6 个月 from 2025-04-01 ends Wed 10-01 → Thu 2025-10-09."""
    assert add_months(D(2025, 4, 1), 6, CAL).due == D(2025, 10, 9)
    assert add_months(D(2025, 8, 31), 1, CAL).due == D(2025, 9, 30)


def test_civil_code_art202_years_and_leap_day() -> None:
    """民法典 Art 202: 2024-02-29 + 1 年 → 2025-02-28 (Fri); 行政处罚法 Art 36 2 年 from 2023-10-01 → 10-09."""
    assert add_years(D(2024, 2, 29), 1, CAL).due == D(2025, 2, 28)
    assert add_years(D(2023, 10, 1), 2, CAL).due == D(2025, 10, 9)


def test_civil_code_backward_month_rolls_back() -> None:
    """民法典 Art 202 backwards: 2025-11-01 − 1 month = Wed 10-01 (holiday) → Tue 2025-09-30."""
    assert add_months(D(2025, 3, 31), -1, CAL).due == D(2025, 2, 28)
    assert add_months(D(2025, 11, 1), -1, CAL).due == D(2025, 9, 30)


# --- unknown years: provisional ------------------------------------------------------------------------


def test_provisional_2027_working_days_counted_monday_to_friday() -> None:
    """行政处罚法 Art 85 into 2027 (not yet published): Mon–Fri counting, provisional."""
    # Wed 2026-12-30 → Thu 31 (1); Fri 2027-01-01 (2, counted Mon–Fri); Sat/Sun; Mon 01-04 (3)
    result = add_working_days(D(2026, 12, 30), 3, CAL)
    assert result == DueDate(
        D(2027, 1, 4),
        True,
        "行政处罚法第85条、行政强制法第69条：期间以工作日计算，不含法定节假日；开始之日不计入，自次日起算；"
        "自2026-12-30次日起算第3个工作日（2027年节假日安排尚未录入，按周一至周五推算，为临时期限）",
    )
    # Fri 2026-12-25 → Mon 28 (1), Tue 29 (2), Wed 30 (3): stays in 2026, not provisional
    assert add_working_days(D(2026, 12, 25), 3, CAL).provisional is False


def test_provisional_2027_calendar_days() -> None:
    """民事诉讼法 Art 85: a period ending Fri 2027-01-01 is provisional; one ending Thu 2026-12-31 is not."""
    known = add_calendar_days(D(2026, 12, 1), 30, CAL)
    assert (known.due, known.provisional) == (D(2026, 12, 31), False)
    result = add_calendar_days(D(2026, 12, 2), 30, CAL)
    assert (result.due, result.provisional) == (D(2027, 1, 1), True)


def test_add_period_dispatch_and_bounds() -> None:
    assert add_period(D(2025, 1, 31), 1, "months", CAL).due == D(2025, 2, 28)
    assert add_period(D(2024, 2, 29), 1, "years", CAL).due == D(2025, 2, 28)
    with pytest.raises(ValueError, match="未知的期间计算方式"):
        add_period(D(2025, 1, 1), 1, "fortnights", CAL)
    with pytest.raises(ValueError, match="期间长度不得超过"):
        add_working_days(D(2025, 1, 1), MAX_DAYS + 1, CAL)


def test_holidays_between_lists_named_weekday_holidays() -> None:
    assert holidays_between(D(2025, 9, 30), D(2025, 10, 9), CAL) == [
        (D(2025, 10, 1), "National Day"),
        (D(2025, 10, 2), "National Day"),
        (D(2025, 10, 3), "National Day"),
        (D(2025, 10, 6), "Mid-autumn Festival"),
        (D(2025, 10, 7), "National Day"),
        (D(2025, 10, 8), "National Day"),
    ]


# --- properties (hypothesis) ---------------------------------------------------------------------------

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))
any_dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))
counts = st.integers(min_value=1, max_value=120)


@given(start=dates, n=counts)
def test_art85_working_count_lands_on_working_day_and_counts_exactly_n(start: dt.date, n: int) -> None:
    """行政处罚法 Art 85: exactly n working days lie in (start, due], and due is one of them."""
    due = add_working_days(start, n, CAL).due
    assert is_working_day(due, CAL)
    span = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(is_working_day(d, CAL) for d in span) == n


@given(start=dates, n=counts)
def test_art85_backward_working_count_is_inverse_of_forward(start: dt.date, n: int) -> None:
    """行政处罚法 Art 64(2), 85: counting n back then n forward returns to a working start."""
    back = add_working_days(start, -n, CAL).due
    assert back < start and is_working_day(back, CAL)
    if is_working_day(start, CAL):
        assert add_working_days(back, n, CAL).due == start


@given(start=dates, n=counts)
def test_civil_procedure_art85_calendar_period_rolls_only_over_rest_days(start: dt.date, n: int) -> None:
    """民事诉讼法 Art 85: due ≥ start+n, is a working day, and every day skipped is a rest day."""
    end = start + dt.timedelta(days=n)
    due = add_calendar_days(start, n, CAL).due
    assert due >= end and is_working_day(due, CAL)
    assert all(not is_working_day(end + dt.timedelta(days=i), CAL) for i in range((due - end).days))
    back = add_calendar_days(start, -n, CAL).due
    assert back <= start - dt.timedelta(days=n) and is_working_day(back, CAL)


@given(start=any_dates, n=st.integers(min_value=-240, max_value=240))
def test_civil_code_art202_corresponding_day_or_month_end(start: dt.date, n: int) -> None:
    """民法典 Art 202: the shifted date keeps the day number, or is the last day of a shorter month."""
    end = shift_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    if end.day != start.day:
        assert end.day < start.day and (end + dt.timedelta(days=1)).day == 1


@given(start=any_dates, n=st.integers(min_value=-60, max_value=60))
def test_unknown_years_count_monday_to_friday_and_are_provisional(start: dt.date, n: int) -> None:
    """A calendar that knows no year counts Mon–Fri, and every non-empty count is provisional."""
    result = add_working_days(start, n, EMPTY)
    assert result.provisional is (n != 0)
    if n:
        assert result.due.weekday() < 5
    assert add_calendar_days(start, n, EMPTY).provisional is True


@given(
    start=dates, n=st.integers(min_value=-200, max_value=200), kind=st.sampled_from(["working", "calendar"])
)
def test_known_years_are_never_provisional(start: dt.date, n: int, kind: str) -> None:
    full = _real_calendar(range(2004, 2027))
    result = add_period(start, n, kind, full)
    assert result.provisional is (result.due.year > 2026 or result.due.year < 2004)
