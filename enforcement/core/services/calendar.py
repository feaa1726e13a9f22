"""工作日历 services: load the calendar, compute due dates, seed and maintain the holiday table.

Other apps compute a due date with ``add(start, n, kind)`` (or open a counted deadline in one step with
``open_counted_deadline``); the arithmetic itself lives in ``enforcement.core.rules.calendar`` (pure functions).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from .. import roles
from ..exceptions import GuardFailed, InvalidInput, NotAllowed
from ..models import (
    CalendarDay,
    CalendarDayKind,
    CalendarYear,
    DayType,
    Deadline,
    DeadlineStatus,
    User,
)
from ..rules import calendar as rules
from ..rules.calendar import CalendarData, DueDate
from .audit import record_event
from .deadlines import open_deadline
from .notifications import notify

# Day types whose due date the calendar computes (and can recompute).
COUNTED_DAY_TYPES = (DayType.WORKING, DayType.CALENDAR, DayType.MONTHS, DayType.YEARS)
KIND_LABELS = {
    rules.KIND_WORKING: "工作日",
    rules.KIND_CALENDAR: "自然日",
    rules.KIND_MONTHS: "月",
    rules.KIND_YEARS: "年",
}
LIMITS = {
    rules.KIND_WORKING: rules.MAX_DAYS,
    rules.KIND_CALENDAR: rules.MAX_DAYS,
    rules.KIND_MONTHS: rules.MAX_MONTHS,
    rules.KIND_YEARS: rules.MAX_YEARS,
}
COVERAGE_ALERT_MONTH = 10


# --- loading, with a per-process cache ------------------------------------------------------------

_cache_lock = threading.Lock()
_cache: tuple[tuple[int, int], CalendarData] | None = None


def _fingerprint() -> tuple[int, int]:
    """(number of entered years, sum of their revisions): changes on every committed calendar change."""
    agg = CalendarYear.objects.aggregate(n=Count("id"), r=Sum("revision"))
    return int(agg["n"] or 0), int(agg["r"] or 0)


def _read_calendar() -> CalendarData:
    days = list(CalendarDay.objects.values_list("date", "kind", "name"))
    return CalendarData.build(
        holidays=[d for d, kind, _ in days if kind == CalendarDayKind.HOLIDAY],
        workdays=[d for d, kind, _ in days if kind == CalendarDayKind.WORKDAY],
        known_years=CalendarYear.objects.values_list("year", flat=True),
        names={d: name for d, _, name in days if name},
    )


def load_calendar() -> CalendarData:
    """The current calendar. One small query when the per-process cache is fresh.

    Every calendar service bumps ``CalendarYear.revision``, so the fingerprint changes and every process
    reloads. Inside a transaction the table is read directly and nothing is cached: a rolled-back change
    must never leave a cache entry behind whose fingerprint a later change could reproduce.
    """
    global _cache
    key = _fingerprint()
    if transaction.get_connection().in_atomic_block:
        return _read_calendar()
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    data = _read_calendar()
    with _cache_lock:
        _cache = (key, data)
    return data


def clear_calendar_cache() -> None:
    global _cache
    with _cache_lock:
        _cache = None


# --- computing due dates ------------------------------------------------------------------------------


def add(start: dt.date | None, n: int, kind: str, *, cal: CalendarData | None = None) -> DueDate:
    """Due date of a period of ``n`` ``kind`` units (working | calendar | months | years) from ``start``.

    ``start`` defaults to today in Beijing (``timezone.localdate()``). Negative ``n`` counts backwards.
    Raises InvalidInput (Chinese message) for an unknown kind or ``|n|`` beyond the limits.
    """
    if kind not in rules.KINDS:
        raise InvalidInput(
            f"未知的计算方式“{kind}”，应为 working（工作日）、calendar（自然日）、months（月）或 years（年）",
            code="invalid_kind",
            fields={"kind": ["未知的计算方式"]},
        )
    limit = LIMITS[kind]
    if abs(n) > limit:
        raise InvalidInput(
            f"期间长度的绝对值不得超过{limit}{KIND_LABELS[kind]}",
            code="period_too_long",
            fields={"days": [f"不得超过{limit}"]},
        )
    if start is None:
        start = timezone.localdate()
    try:
        return rules.add_period(start, n, kind, cal if cal is not None else load_calendar())
    except (OverflowError, ValueError):  # beyond date.min/date.max (bounds and kind are checked above)
        raise InvalidInput("计算结果超出可表示的日期范围", code="date_out_of_range")


def skipped_holidays(
    start: dt.date, due: dt.date, *, cal: CalendarData | None = None
) -> list[dict[str, Any]]:
    """The statutory holidays between ``start`` (exclusive) and ``due`` (inclusive), for display."""
    data = cal if cal is not None else load_calendar()
    if due == start:
        return []
    lo, hi = (start + dt.timedelta(days=1), due) if due > start else (due, start - dt.timedelta(days=1))
    return [{"date": d, "name": name} for d, name in rules.holidays_between(lo, hi, data)]


def open_counted_deadline(
    *,
    subject: models.Model,
    kind: str,
    title: str,
    agency_id: int,
    length: int,
    day_type: str,
    start_date: dt.date | None = None,
    basis: str = "",
    responsible: Iterable[User] = (),
    actor: Any = None,
) -> Deadline:
    """Compute the due date through the calendar and open the deadline (``open_deadline``) in one step.

    Stores ``start_date``, ``length`` and ``day_type`` so a provisional deadline can be recomputed when the
    year is entered. ``basis`` is the legal basis of the deadline kind (default: the counting rule applied).
    Raises InvalidInput like ``add``.
    """
    start = start_date or timezone.localdate()
    due = add(start, length, day_type)
    full_basis = basis or due.basis
    return open_deadline(
        subject=subject,
        kind=kind,
        title=title,
        agency_id=agency_id,
        due_date=due.due,
        start_date=start,
        day_type=day_type,
        length=length,
        basis=full_basis[:200],
        provisional=due.provisional,
        responsible=responsible,
        actor=actor,
    )


# --- guards ---------------------------------------------------------------------------------------------


def is_calendar_admin(user: Any) -> bool:
    """系统管理员 and the platform superuser maintain the calendar."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.has_role(roles.AGENCY_ADMIN))


def _require_admin(actor: Any) -> None:
    if not is_calendar_admin(actor):
        raise NotAllowed("只有系统管理员可以维护工作日历")


def calendar_admins() -> models.QuerySet[User]:
    return User.objects.filter(
        Q(is_superuser=True) | Q(pk__in=User.objects.filter(groups__name=roles.AGENCY_ADMIN).values("pk")),
        is_active=True,
    )


# --- recomputing deadlines --------------------------------------------------------------------------


def _touching(lo: dt.date, hi: dt.date) -> Q:
    """Deadlines whose period [min(start, due), max(start, due)] overlaps [lo, hi]."""
    forward = Q(start_date__lte=F("due_date")) & Q(start_date__lte=hi, due_date__gte=lo)
    backward = Q(start_date__gt=F("due_date")) & Q(due_date__lte=hi, start_date__gte=lo)
    return forward | backward


def recompute_deadlines(filter_q: Q, *, cal: CalendarData, actor: Any, reason: str) -> list[Deadline]:
    """Recompute the open counted deadlines matching ``filter_q``; returns those whose due date moved.

    Each change is saved, audited (``deadline.recompute``) and, when the due date moved, notified to the
    responsible users. An overdue deadline whose new due date is today or later becomes open again.
    Call inside the calendar service's transaction.
    """
    today = timezone.localdate()
    ids = list(
        Deadline.objects.open()
        .filter(filter_q, day_type__in=COUNTED_DAY_TYPES, length__isnull=False)
        .values_list("pk", flat=True)
    )
    moved: list[Deadline] = []
    rows = Deadline.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    for d in rows:
        assert d.length is not None  # filtered above
        result = rules.add_period(d.start_date, d.length, d.day_type, cal)
        if result.due == d.due_date and result.provisional == d.provisional:
            continue
        old_due, old_provisional = d.due_date, d.provisional
        d.due_date, d.provisional = result.due, result.provisional
        fields = ["due_date", "provisional"]
        if d.status == DeadlineStatus.OVERDUE and d.due_date >= today:
            d.status = DeadlineStatus.OPEN
            fields.append("status")
        d.save(update_fields=fields)
        record_event(
            "deadline.recompute",
            actor=actor,
            obj=d,
            data={
                "reason": reason,
                "old_due_date": old_due.isoformat(),
                "due_date": d.due_date.isoformat(),
                "old_provisional": old_provisional,
                "provisional": d.provisional,
            },
        )
        if old_due != d.due_date:
            moved.append(d)
            notify(
                list(d.responsible.all()),
                f"期限已按工作日历重新计算：{d.title}",
                body=f"因{reason}，届满日由{old_due.isoformat()}调整为{d.due_date.isoformat()}。",
                subject=d,
            )
    return moved


# --- maintaining the table ------------------------------------------------------------------------


def _bump(year_row: CalendarYear) -> None:
    CalendarYear.objects.filter(pk=year_row.pk).update(revision=F("revision") + 1)


def _locked_year(year: int) -> CalendarYear:
    row = CalendarYear.objects.select_for_update().filter(year=year).first()
    if row is None:
        raise GuardFailed(f"{year}年尚未录入，请先录入该年度的节假日安排", code="calendar_year_missing")
    return row


def _store_year(
    year: int,
    holidays: Iterable[dt.date],
    workdays: Iterable[dt.date],
    *,
    names: Mapping[dt.date, str],
    basis: str,
    source: str,
    actor: Any,
    action: str,
) -> tuple[CalendarYear, list[Deadline]]:
    holiday_set = set(holidays)
    workday_set = set(workdays)
    wrong_year = sorted(d for d in holiday_set | workday_set if d.year != year)
    if wrong_year:
        raise InvalidInput(
            f"以下日期不属于{year}年：{'、'.join(d.isoformat() for d in wrong_year)}", code="wrong_year"
        )
    both = sorted(holiday_set & workday_set)
    if both:
        raise InvalidInput(
            f"以下日期既是节假日又是调休上班日：{'、'.join(d.isoformat() for d in both)}", code="conflict"
        )
    weekday_workdays = sorted(d for d in workday_set if d.weekday() < 5)
    if weekday_workdays:
        raise InvalidInput(
            f"调休上班日应为周六或周日：{'、'.join(d.isoformat() for d in weekday_workdays)}",
            code="workday_not_weekend",
        )
    # A holiday on a weekend is a rest day anyway: the table keeps only deviations from Monday–Friday.
    stored_holidays = sorted(d for d in holiday_set if d.weekday() < 5)
    try:
        with transaction.atomic():
            row = CalendarYear.objects.create(year=year, source=source, basis=basis[:200])
    except IntegrityError:
        raise GuardFailed(f"{year}年已录入，如需更正请逐日修改", code="calendar_year_entered")
    replaced = CalendarDay.objects.filter(date__year=year).delete()[0]
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=d, kind=CalendarDayKind.HOLIDAY, name=names.get(d, "")[:50])
            for d in stored_holidays
        ]
        + [
            CalendarDay(date=d, kind=CalendarDayKind.WORKDAY, name=names.get(d, "")[:50])
            for d in sorted(workday_set)
        ]
    )
    record_event(
        action,
        actor=actor,
        obj=row,
        data={
            "year": year,
            "source": source,
            "basis": basis,
            "holidays": [d.isoformat() for d in stored_holidays],
            "workdays": [d.isoformat() for d in sorted(workday_set)],
            "replaced_rows": replaced,
        },
    )
    moved = recompute_deadlines(
        Q(provisional=True) & _touching(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        cal=_read_calendar(),
        actor=actor,
        reason=f"{year}年节假日安排已录入",
    )
    return row, moved


def enter_calendar_year(
    year: int,
    holidays: Iterable[dt.date],
    workdays: Iterable[dt.date],
    basis: str,
    *,
    actor: Any,
    names: Mapping[dt.date, str] | None = None,
) -> tuple[CalendarYear, list[Deadline]]:
    """录入年度节假日安排: store a new year's statutory holidays and 调休 make-up workdays.

    Preconditions: ``actor`` is a 系统管理员 or superuser (else NotAllowed); the year is not entered yet
    (else GuardFailed ``calendar_year_entered``); every date lies in ``year``; make-up workdays fall on a
    weekend; no date is in both lists (else InvalidInput). Holidays on weekends are rest days anyway and
    are not stored. Effects: the year and its days, one ``calendar.enter_year`` event, and every open
    provisional deadline whose period touches the year recomputed. Returns the year and the deadlines
    whose due date moved.
    """
    _require_admin(actor)
    if not basis.strip():
        raise InvalidInput("请填写依据（国务院办公厅关于节假日安排的通知文号）", code="basis_required")
    if not 2000 <= year <= 2100:
        raise InvalidInput("年份应在2000至2100之间", code="invalid_year")
    with transaction.atomic():
        return _store_year(
            year,
            holidays,
            workdays,
            names=names or {},
            basis=basis.strip(),
            source="manual",
            actor=actor,
            action="calendar.enter_year",
        )


def set_calendar_day(day: dt.date, kind: str, *, name: str = "", actor: Any) -> CalendarDay:
    """Add or change one day of an entered year (更正节假日/调休日).

    Preconditions: admin actor (NotAllowed); the year is entered (GuardFailed ``calendar_year_missing``);
    a HOLIDAY falls on Monday–Friday and a WORKDAY on a weekend (InvalidInput). Effects: the row, one
    ``calendar.update`` event, and every open deadline whose period includes the day recomputed.
    """
    _require_admin(actor)
    if kind not in CalendarDayKind.values:
        raise InvalidInput("类型应为节假日或调休上班日", code="invalid_kind")
    if kind == CalendarDayKind.HOLIDAY and day.weekday() >= 5:
        raise InvalidInput(
            f"{day.isoformat()}是周末，本来就是休息日，无需录入为节假日", code="holiday_on_weekend"
        )
    if kind == CalendarDayKind.WORKDAY and day.weekday() < 5:
        raise InvalidInput(f"{day.isoformat()}是工作日，调休上班日应为周六或周日", code="workday_not_weekend")
    with transaction.atomic():
        year_row = _locked_year(day.year)
        previous = CalendarDay.objects.select_for_update().filter(date=day).first()
        if previous is None:
            row = CalendarDay.objects.create(date=day, kind=kind, name=name[:50])
        else:
            row = previous
            old = {"kind": previous.kind, "name": previous.name}
            row.kind, row.name = kind, name[:50]
            row.save(update_fields=["kind", "name"])
        _bump(year_row)
        record_event(
            "calendar.update",
            actor=actor,
            obj=row,
            data={
                "date": day.isoformat(),
                "kind": kind,
                "name": name,
                "previous": old if previous is not None else None,
            },
        )
        recompute_deadlines(
            _touching(day, day), cal=_read_calendar(), actor=actor, reason=f"工作日历{day}已更正"
        )
    return row


def remove_calendar_day(day: dt.date, *, actor: Any) -> None:
    """Remove one day of an entered year: it becomes an ordinary Monday–Friday / weekend day again.

    Preconditions as ``set_calendar_day``; InvalidInput when the day is not in the table. Effects: the row
    deleted, one ``calendar.remove_day`` event, affected open deadlines recomputed.
    """
    _require_admin(actor)
    with transaction.atomic():
        year_row = _locked_year(day.year)
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        if row is None:
            raise InvalidInput(f"{day.isoformat()}不在工作日历中", code="day_not_found")
        data = {"date": day.isoformat(), "kind": row.kind, "name": row.name}
        row.delete()
        _bump(year_row)
        record_event("calendar.remove_day", actor=actor, obj=year_row, data=data)
        recompute_deadlines(
            _touching(day, day), cal=_read_calendar(), actor=actor, reason=f"工作日历{day}已更正"
        )


# --- coverage --------------------------------------------------------------------------------------------


def missing_calendar_years(today: dt.date | None = None) -> list[int]:
    """Years that should be entered by ``today`` but are not: this year, and from 1 October next year."""
    today = today or timezone.localdate()
    wanted = [today.year] + ([today.year + 1] if today.month >= COVERAGE_ALERT_MONTH else [])
    entered = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    return [y for y in wanted if y not in entered]


def coverage_title(year: int) -> str:
    return f"工作日历尚未录入{year}年节假日安排"
