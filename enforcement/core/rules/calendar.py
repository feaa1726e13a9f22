"""Legal day arithmetic (期间计算) — pure functions, no database.

Sources (spec §1.1, rules D1–D5):
- 行政处罚法 Art 85 (✅): 本法中"二日""三日""五日""七日"的规定是指工作日，不含法定节假日。
- 行政强制法 Art 69 (✅): 本法中十日以内期限的规定是指工作日，不含法定节假日。
- 行政复议法 Art 88 (✅): 三日、五日、七日、十日 are working days.
- 民事诉讼法 Art 85 (✅, borrowed via 行政诉讼法 Art 101 / 行政复议法 Art 88): 期间开始的时和日，不计算在期间内。
  期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。
- 民法典 Art 201–203 (✅): 开始的当日不计入，自下一日开始计算；按照年、月计算期间的，到期月的对应日为期间的
  最后一日，没有对应日的，月末日为期间的最后一日；期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的
  最后一日。

A day is a working day when the calendar lists it as a 调休 make-up workday, or when it is Monday–Friday and
not listed as a statutory holiday. A date in a year the calendar does not know is counted Monday–Friday and
every result that examined such a day is *provisional* (recomputed once the year is entered).

Backward counts (negative n) answer "the latest day on which an act is still in time", e.g. 听证的七日前通知
(行政处罚法 Art 64(2)): ``add_working_days(hearing, -7)`` is the 7th working day before the hearing, the day D
from which counting 7 working days forward reaches the hearing. A backward calendar/month period that ends on a
rest day rolls *back* to the previous working day: rolling forward would move the last permissible day past
the limit and make a timely act late.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ONE_DAY = dt.timedelta(days=1)

# Bounds on |n| accepted by the arithmetic (no legal period comes near them; they keep dates in range).
MAX_DAYS = 3660
MAX_MONTHS = 1200
MAX_YEARS = 100

KIND_WORKING = "working"
KIND_CALENDAR = "calendar"
KIND_MONTHS = "months"
KIND_YEARS = "years"
KINDS = (KIND_WORKING, KIND_CALENDAR, KIND_MONTHS, KIND_YEARS)

BASIS_WORKING = (
    "行政处罚法第85条、行政强制法第69条：期间以工作日计算，不含法定节假日；开始之日不计入，自次日起算"
)
BASIS_CALENDAR = (
    "民事诉讼法第85条：期间开始的日不计算在期间内；期间届满的最后一日是法定休假日的，"
    "以法定休假日后的第一日为期间届满的日期"
)
BASIS_MONTHS = (
    "民法典第201—203条：开始的当日不计入；到期月的对应日为期间的最后一日，没有对应日的，月末日为期间的最后一日；"
    "最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"
)
BASIS_BACKWARD_ROLL = "倒数期间的最后一日为休息日的，提前至此前最后一个工作日，以保证行为不逾期"


@dataclass(frozen=True)
class CalendarData:
    """工作日历 snapshot: statutory holidays, 调休 make-up workdays and the years whose schedule is known."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    known_years: frozenset[int] = frozenset()
    names: Mapping[dt.date, str] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @classmethod
    def build(
        cls,
        *,
        holidays: Iterable[dt.date] = (),
        workdays: Iterable[dt.date] = (),
        known_years: Iterable[int] = (),
        names: Mapping[dt.date, str] | None = None,
    ) -> CalendarData:
        return cls(
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            known_years=frozenset(known_years),
            names=MappingProxyType(dict(names or {})),
        )

    def knows(self, day: dt.date) -> bool:
        return day.year in self.known_years


@dataclass(frozen=True)
class DueDate:
    """The result of a period computation: the last day, whether it is provisional, and the rule applied."""

    due: dt.date
    provisional: bool
    basis: str


def is_working_day(day: dt.date, cal: CalendarData) -> bool:
    """True when ``day`` is a working day: a listed make-up workday, or Mon–Fri and not a listed holiday."""
    if day in cal.workdays:
        return True
    if day in cal.holidays:
        return False
    return day.weekday() < 5


def _check(n: int, limit: int, unit: str) -> None:
    if abs(n) > limit:
        raise ValueError(f"期间长度不得超过{limit}{unit}")


def _provisional_note(days: Iterable[dt.date], cal: CalendarData) -> tuple[bool, str]:
    unknown = sorted({d.year for d in days if not cal.knows(d)})
    if not unknown:
        return False, ""
    years = "、".join(f"{y}年" for y in unknown)
    return True, f"（{years}节假日安排尚未录入，按周一至周五推算，为临时期限）"


def _roll(day: dt.date, cal: CalendarData, step: dt.timedelta) -> tuple[dt.date, list[dt.date]]:
    """Move from ``day`` by ``step`` until a working day; returns the day and every day examined."""
    examined = [day]
    while not is_working_day(day, cal):
        day += step
        examined.append(day)
    return day, examined


def _roll_text(end: dt.date, due: dt.date) -> str:
    if end == due:
        return ""
    verb = "顺延至" if due > end else "提前至"
    return f"；最后一日{end.isoformat()}为休息日，{verb}{due.isoformat()}"


def add_working_days(start: dt.date, n: int, cal: CalendarData) -> DueDate:
    """The n-th working day after ``start`` (start not counted; 行政处罚法 Art 85, 行政强制法 Art 69).

    Negative ``n`` counts backwards: the |n|-th working day before ``start``. ``n == 0`` returns ``start``.
    """
    _check(n, MAX_DAYS, "日")
    step = ONE_DAY if n >= 0 else -ONE_DAY
    day = start
    counted = 0
    examined: list[dt.date] = []
    while counted < abs(n):
        day += step
        examined.append(day)
        if is_working_day(day, cal):
            counted += 1
    provisional, note = _provisional_note(examined, cal)
    direction = (
        f"自{start.isoformat()}次日起算第{n}个工作日"
        if n >= 0
        else f"自{start.isoformat()}前一日起向前倒数第{-n}个工作日"
    )
    return DueDate(day, provisional, f"{BASIS_WORKING}；{direction}{note}")


def add_calendar_days(start: dt.date, n: int, cal: CalendarData) -> DueDate:
    """``start + n`` calendar days; a last day on a rest day rolls to the next working day (民事诉讼法 Art 85, D5).

    Negative ``n`` counts backwards and a rest day rolls back to the previous working day (module docstring).
    """
    _check(n, MAX_DAYS, "日")
    end = start + dt.timedelta(days=n)
    due, examined = _roll(end, cal, ONE_DAY if n >= 0 else -ONE_DAY)
    provisional, note = _provisional_note(examined, cal)
    extra = f"；倒数：{BASIS_BACKWARD_ROLL}" if n < 0 else ""
    return DueDate(due, provisional, f"{BASIS_CALENDAR}{extra}{_roll_text(end, due)}{note}")


def shift_months(start: dt.date, n: int) -> dt.date:
    """The corresponding day ``n`` months from ``start``; the month's last day when it has none (民法典 Art 202)."""
    index = start.year * 12 + (start.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    last = _stdcal.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


def _months_period(start: dt.date, n: int, cal: CalendarData, unit: str) -> DueDate:
    end = shift_months(start, n)
    due, examined = _roll(end, cal, ONE_DAY if n >= 0 else -ONE_DAY)
    provisional, note = _provisional_note(examined, cal)
    extra = f"；倒数：{BASIS_BACKWARD_ROLL}" if n < 0 else ""
    label = f"{n // 12}年" if unit == "年" else f"{n}个月"
    return DueDate(
        due,
        provisional,
        f"{BASIS_MONTHS}；{label}期间的最后一日为{end.isoformat()}{extra}{_roll_text(end, due)}{note}",
    )


def add_months(start: dt.date, n: int, cal: CalendarData) -> DueDate:
    """Month period per 民法典 Art 201–203: corresponding day (or month end), then D5 roll-forward."""
    _check(n, MAX_MONTHS, "个月")
    return _months_period(start, n, cal, "月")


def add_years(start: dt.date, n: int, cal: CalendarData) -> DueDate:
    """Year period per 民法典 Art 201–203 (29 February + 1 year ends on 28 February)."""
    _check(n, MAX_YEARS, "年")
    return _months_period(start, 12 * n, cal, "年")


def add_period(start: dt.date, n: int, kind: str, cal: CalendarData) -> DueDate:
    """Dispatch on ``kind`` (working | calendar | months | years). Raises ValueError on an unknown kind."""
    if kind == KIND_WORKING:
        return add_working_days(start, n, cal)
    if kind == KIND_CALENDAR:
        return add_calendar_days(start, n, cal)
    if kind == KIND_MONTHS:
        return add_months(start, n, cal)
    if kind == KIND_YEARS:
        return add_years(start, n, cal)
    raise ValueError(f"未知的期间计算方式：{kind}")


def holidays_between(first: dt.date, last: dt.date, cal: CalendarData) -> list[tuple[dt.date, str]]:
    """Listed statutory holidays in [first, last] (either order), with their names — for showing what was skipped."""
    lo, hi = min(first, last), max(first, last)
    return [(d, cal.names.get(d, "")) for d in sorted(cal.holidays) if lo <= d <= hi]


def rest_days_between(first: dt.date, last: dt.date, cal: CalendarData) -> int:
    """How many rest days (weekends and holidays, less make-up workdays) lie in [first, last]."""
    lo, hi = min(first, last), max(first, last)
    return sum(1 for i in range((hi - lo).days + 1) if not is_working_day(lo + dt.timedelta(days=i), cal))
