"""Which years the working-day calendar holds: seeding from ``chinesecalendar``, the missing-year alert
to the calendar admins and its banner, and the calendar's registrations (audit labels, banner, demo seeder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..exceptions import GuardFailed, InvalidInput
from ..models import CalendarYear, Notification, User
from .audit import record_event
from .calendar import _store_year, calendar_admins, coverage_title, is_calendar_admin, missing_calendar_years
from .notifications import notify

CALENDAR_DAYS_URL = "/calendar/days/"
# From this month on, next year's schedule should be entered (the State Council usually publishes it
# in October–December).


def chinesecalendar_years() -> range:
    """The years the installed ``chinesecalendar`` package knows."""
    from chinese_calendar import constants

    years = [d.year for d in constants.holidays]
    return range(min(years), max(years) + 1)


def seed_calendar_years(years: Iterable[int] | None = None, *, actor: Any = None) -> list[int]:
    """Seed the table from ``chinesecalendar`` for ``years`` (default: every year it knows). Idempotent.

    Weekday holidays become HOLIDAY rows and weekend make-up workdays WORKDAY rows (``is_in_lieu`` marks the
    days off given in lieu, not the make-up workdays, so it is not used). Years already entered are left
    alone; each new year is one transaction with a ``calendar.seed`` event and recomputes the provisional
    deadlines touching it. Raises InvalidInput for a year the package does not know. Returns the years seeded.
    """
    from chinese_calendar import constants

    known = chinesecalendar_years()
    wanted = sorted(set(years if years is not None else known))
    unknown = [y for y in wanted if y not in known]
    if unknown:
        raise InvalidInput(
            f"chinesecalendar 仅包含{known.start}—{known.stop - 1}年的数据，无法导入："
            + "、".join(str(y) for y in unknown),
            code="year_not_in_package",
        )
    entered = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    seeded = []
    for year in wanted:
        if year in entered:
            continue
        holidays = {d: n for d, n in constants.holidays.items() if d.year == year and d.weekday() < 5}
        workdays = {d: n for d, n in constants.workdays.items() if d.year == year and d.weekday() >= 5}
        names = {d: HOLIDAY_NAMES_ZH.get(n, n) for d, n in {**holidays, **workdays}.items()}
        with transaction.atomic():
            try:
                _store_year(
                    year,
                    holidays,
                    workdays,
                    names=names,
                    basis=f"国务院办公厅关于{year}年部分节假日安排的通知（chinesecalendar数据）",
                    source="chinesecalendar",
                    actor=actor,
                    action="calendar.seed",
                )
            except GuardFailed:  # entered concurrently: idempotent
                continue
        seeded.append(year)
    return seeded


HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def check_calendar_coverage(today: dt.date | None = None) -> int:
    """Alert every 系统管理员 and superuser when a year is missing (see ``missing_calendar_years``).

    To avoid spam each admin gets at most one alert per missing year per calendar month (e.g. 1 October,
    1 November, 1 December, and monthly afterwards while still missing); the banner on the calendar page
    and the dashboard shows every day. Idempotent within a month. Returns how many notifications were sent.
    """
    today = today or timezone.localdate()
    missing = missing_calendar_years(today)
    if not missing:
        return 0
    month_start = timezone.make_aware(dt.datetime(today.year, today.month, 1))
    sent = 0
    with transaction.atomic():
        # Lock the recipients so two concurrent runs cannot both see "not yet alerted this month".
        admins = list(
            User.objects.select_for_update().filter(pk__in=calendar_admins().values("pk")).order_by("pk")
        )
        for year in missing:
            title = coverage_title(year)
            already = set(
                Notification.objects.filter(
                    title=title, created_at__gte=month_start, recipient__in=admins
                ).values_list("recipient_id", flat=True)
            )
            recipients = [u for u in admins if u.pk not in already]
            if not recipients:
                continue
            notify(
                recipients,
                title,
                body=(
                    f"{year}年的法定节假日和调休上班日尚未录入。在录入之前，涉及{year}年的期限按周一至周五推算，"
                    "标记为临时期限；录入后将自动重新计算。请根据国务院办公厅的节假日安排通知录入。"
                ),
                url=CALENDAR_DAYS_URL,
            )
            record_event(
                "calendar.coverage_alert",
                data={"year": year, "recipients": [u.pk for u in recipients], "on": today.isoformat()},
            )
            sent += len(recipients)
    return sent


def coverage_warning_for(user: Any, today: dt.date | None = None) -> list[int]:
    """The missing years to show in the admin banner (empty for non-admins)."""
    if not is_calendar_admin(user):
        return []
    return missing_calendar_years(today)


def _dashboard_panel_context(request: Any) -> dict[str, Any]:
    return {"missing_years": coverage_warning_for(request.user)}


def _seed_demo_calendar(*, scale: int = 0, stdout: Any = None) -> None:
    seeded = seed_calendar_years()
    if stdout is not None:
        stdout.write(f"工作日历：导入 {len(seeded)} 个年度（chinesecalendar）")


def register() -> None:
    """Called from CoreConfig.ready(): audit labels, the admin coverage banner and the demo seeder.

    The demo seeder runs first among app seeders (order -100) so that demo deadlines see real holidays.
    """
    from ..registry import (
        DashboardPanel,
        DemoSeeder,
        register_audit_actions,
        register_dashboard_panel,
        register_demo_seeder,
    )

    register_audit_actions(
        {
            "calendar.enter_year": "录入年度节假日安排",
            "calendar.seed": "导入节假日数据",
            "calendar.remove_day": "删除节假日/调休日",
            "calendar.coverage_alert": "提醒录入节假日安排",
            "deadline.recompute": "重新计算期限",
        }
    )
    register_dashboard_panel(
        DashboardPanel(
            order=1,
            template="core/calendar_coverage_banner.html",
            context=_dashboard_panel_context,
            slot="top",
        )
    )
    register_demo_seeder(DemoSeeder(-100, "calendar", _seed_demo_calendar))
