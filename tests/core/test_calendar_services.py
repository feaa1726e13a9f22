"""工作日历 services: seeding, year entry with recomputation of provisional deadlines, day edits, coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.db import transaction

from enforcement.core.exceptions import GuardFailed, InvalidInput, NotAllowed
from enforcement.core.models import (
    AuditEvent,
    CalendarDay,
    CalendarDayKind,
    CalendarYear,
    Deadline,
    DeadlineStatus,
    Notification,
)
from enforcement.core.registry import REGISTRY, DeadlineKind, register_deadline_kind
from enforcement.core.services import calendar as cal
from enforcement.core.services.calendar import (
    add,
    enter_calendar_year,
    load_calendar,
    open_counted_deadline,
    remove_calendar_day,
    set_calendar_day,
)
from enforcement.core.services.calendar_coverage import check_calendar_coverage, seed_calendar_years
from enforcement.core.tasks import check_calendar_coverage_task

D = dt.date
UTC = dt.UTC

HEARING_REQUEST = DeadlineKind(
    code="HEARING_REQUEST", label="听证申请期限", basis="行政处罚法第64条、第85条", reminder_days=(1, 0)
)


PRESERVE_DECIDE = DeadlineKind(
    code="PRESERVE_DECIDE",
    label="先行登记保存处理决定",
    basis="行政处罚法第56条、第85条",
    reminder_days=(1, 0),
)


@pytest.fixture(autouse=True)
def _hearing_request_kind() -> Iterator[None]:
    """The cases app registers HEARING_REQUEST; here it is registered for these tests only."""
    saved = dict(REGISTRY.deadline_kinds)
    register_deadline_kind(HEARING_REQUEST)
    register_deadline_kind(PRESERVE_DECIDE)
    yield
    REGISTRY.deadline_kinds.clear()
    REGISTRY.deadline_kinds.update(saved)


def _deadline(personas, start: dt.date, length: int, day_type: str, title: str = "听证申请期限") -> Deadline:
    return open_counted_deadline(
        subject=personas.agencies.district_a,
        kind="HEARING_REQUEST",
        title=title,
        agency_id=personas.agencies.district_a.pk,
        start_date=start,
        length=length,
        day_type=day_type,
        basis="行政处罚法第64条、第85条",
        responsible=[personas.officer1],
    )


@pytest.mark.django_db
def test_seed_calendar_years_from_chinesecalendar_is_idempotent() -> None:
    assert seed_calendar_years([2025, 2026]) == [2025, 2026]
    assert seed_calendar_years([2025, 2026]) == []
    assert list(CalendarYear.objects.values_list("year", "source")) == [
        (2025, "chinesecalendar"),
        (2026, "chinesecalendar"),
    ]
    rows = CalendarDay.objects.filter(date__year=2025)
    assert rows.filter(kind=CalendarDayKind.HOLIDAY).count() == 18  # weekday holidays only
    assert list(rows.filter(kind=CalendarDayKind.WORKDAY).values_list("date", flat=True)) == [
        D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11),
    ]  # fmt: skip
    assert CalendarDay.objects.filter(date__year=2026, kind=CalendarDayKind.HOLIDAY).count() == 19
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).kind == CalendarDayKind.WORKDAY
    assert CalendarDay.objects.get(date=D(2026, 2, 16)).name == "春节"
    assert list(AuditEvent.objects.values_list("action", "data__year")) == [
        ("calendar.seed", 2025),
        ("calendar.seed", 2026),
    ]


@pytest.mark.django_db
def test_seed_refuses_a_year_the_package_does_not_know() -> None:
    with pytest.raises(InvalidInput, match="chinesecalendar 仅包含2004—2026年的数据，无法导入：2027"):
        seed_calendar_years([2026, 2027])
    assert CalendarYear.objects.count() == 0


@pytest.mark.django_db
def test_add_uses_the_seeded_table_and_is_provisional_without_it() -> None:
    """行政处罚法 Art 85: Fri 2025-01-24 + 5 working days = Fri 02-07 with the 春节 table; Mon–Fri otherwise."""
    unseeded = add(D(2025, 1, 24), 5, "working")
    assert (unseeded.due, unseeded.provisional) == (D(2025, 1, 31), True)  # Mon 27 … Fri 31, Mon–Fri
    seed_calendar_years([2025])
    seeded = add(D(2025, 1, 24), 5, "working")
    assert (seeded.due, seeded.provisional) == (D(2025, 2, 7), False)


@pytest.mark.django_db
def test_add_rejects_unknown_kind_and_too_long_periods() -> None:
    with pytest.raises(InvalidInput, match="未知的计算方式“weeks”"):
        add(D(2025, 1, 1), 1, "weeks")
    with pytest.raises(InvalidInput, match="期间长度的绝对值不得超过1200月"):
        add(D(2025, 1, 1), 1201, "months")


@pytest.mark.django_db
def test_entering_2027_recomputes_open_provisional_deadlines(personas) -> None:
    """Provisional 2027 deadlines (counted Mon–Fri) are recomputed, audited and notified when 2027 is entered."""
    seed_calendar_years([2026])
    # Wed 2026-12-30 + 3 working days: Thu 31 (1), Fri 2027-01-01 (2, Mon–Fri), Mon 01-04 (3)
    moving = _deadline(personas, D(2026, 12, 30), 3, "working")
    # 2026-12-01 + 45 days = Fri 2027-01-15: a weekday either way, only the provisional flag changes
    staying = _deadline(personas, D(2026, 12, 1), 45, "calendar", title="缴纳罚款期限")
    # Entirely in 2026: never provisional, never touched
    known = _deadline(personas, D(2026, 3, 2), 3, "working", title="2026年期限")
    # A 2028 period does not touch 2027
    later = _deadline(personas, D(2028, 3, 1), 3, "working", title="2028年期限")
    assert [(d.due_date, d.provisional) for d in (moving, staying, known, later)] == [
        (D(2027, 1, 4), True),
        (D(2027, 1, 15), True),
        (D(2026, 3, 5), False),
        (D(2028, 3, 6), True),
    ]
    events_before = AuditEvent.objects.count()

    # Test data for an unpublished year: 元旦 on Friday 2027-01-01 and a made-up Saturday workday.
    year, moved = enter_calendar_year(
        2027,
        [D(2027, 1, 1), D(2027, 1, 2)],
        [D(2027, 2, 6)],
        "国办发明电〔2026〕测试号",
        actor=personas.cityadmin,
        names={D(2027, 1, 1): "元旦"},
    )

    assert year.year == 2027 and year.source == "manual"
    # Sat 2027-01-02 is a rest day anyway and is not stored
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("date", "kind", "name")) == [
        (D(2027, 1, 1), "holiday", "元旦"),
        (D(2027, 2, 6), "workday", ""),
    ]
    # Thu 12-31 (1); Fri 01-01 元旦; weekend; Mon 01-04 (2); Tue 01-05 (3)
    assert [d.pk for d in moved] == [moving.pk]
    for d in (moving, staying, known, later):
        d.refresh_from_db()
    assert [(d.due_date, d.provisional) for d in (moving, staying, known, later)] == [
        (D(2027, 1, 5), False),
        (D(2027, 1, 15), False),
        (D(2026, 3, 5), False),
        (D(2028, 3, 6), True),
    ]
    new_events = list(
        AuditEvent.objects.order_by("seq")[events_before:].values_list("action", "object_id", "data")
    )
    assert [(a, o) for a, o, _ in new_events] == [
        ("calendar.enter_year", year.pk),
        ("deadline.recompute", moving.pk),
        ("deadline.recompute", staying.pk),
    ]
    assert new_events[1][2] == {
        "reason": "2027年节假日安排已录入",
        "old_due_date": "2027-01-04",
        "due_date": "2027-01-05",
        "old_provisional": True,
        "provisional": False,
    }
    notes = list(Notification.objects.values_list("recipient__username", "title", "body"))
    assert notes == [
        (
            "officer1",
            "期限已按工作日历重新计算：听证申请期限",
            "因2027年节假日安排已录入，届满日由2027-01-04调整为2027-01-05。",
        )
    ]


@pytest.mark.django_db
def test_entering_a_year_is_refused_for_non_admins_and_changes_nothing(personas) -> None:
    for user in (personas.officer1, personas.head, personas.supervisor, personas.assistant):
        with pytest.raises(NotAllowed, match="只有系统管理员可以维护工作日历"):
            enter_calendar_year(2027, [D(2027, 1, 1)], [], "通知", actor=user)
    assert CalendarYear.objects.count() == 0
    assert CalendarDay.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_entering_a_year_validates_dates_and_refuses_a_second_entry(personas) -> None:
    admin = personas.admin
    with pytest.raises(InvalidInput, match="以下日期不属于2027年：2026-12-31"):
        enter_calendar_year(2027, [D(2026, 12, 31)], [], "通知", actor=admin)
    with pytest.raises(InvalidInput, match="调休上班日应为周六或周日：2027-01-04"):
        enter_calendar_year(2027, [], [D(2027, 1, 4)], "通知", actor=admin)
    with pytest.raises(InvalidInput, match="既是节假日又是调休上班日：2027-02-06"):
        enter_calendar_year(2027, [D(2027, 2, 6)], [D(2027, 2, 6)], "通知", actor=admin)
    with pytest.raises(InvalidInput, match="请填写依据"):
        enter_calendar_year(2027, [D(2027, 1, 1)], [], "  ", actor=admin)
    assert AuditEvent.objects.count() == 0
    enter_calendar_year(2027, [D(2027, 1, 1)], [], "通知", actor=admin)
    with pytest.raises(GuardFailed, match="2027年已录入，如需更正请逐日修改"):
        enter_calendar_year(2027, [D(2027, 1, 4)], [], "通知", actor=admin)
    assert list(CalendarDay.objects.values_list("date", flat=True)) == [D(2027, 1, 1)]
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_day_edits_recompute_open_deadlines_touching_the_day(personas) -> None:
    """民事诉讼法 Art 85: 15 days from 2025-09-16 end Wed 10-01 and roll over 国庆 to Thu 10-09;
    removing the 10-08 holiday moves the roll to Wed 10-08; putting it back restores 10-09."""
    seed_calendar_years([2025])
    d = _deadline(personas, D(2025, 9, 16), 15, "calendar", title="缴纳罚款期限")
    assert (d.due_date, d.provisional) == (D(2025, 10, 9), False)
    revision = CalendarYear.objects.get(year=2025).revision

    remove_calendar_day(D(2025, 10, 8), actor=personas.cityadmin)
    d.refresh_from_db()
    assert d.due_date == D(2025, 10, 8)
    assert CalendarYear.objects.get(year=2025).revision == revision + 1

    set_calendar_day(D(2025, 10, 8), CalendarDayKind.HOLIDAY, name="国庆节", actor=personas.admin)
    d.refresh_from_db()
    assert d.due_date == D(2025, 10, 9)
    actions = list(AuditEvent.objects.filter(seq__gt=2).values_list("action", flat=True))
    assert actions == ["calendar.remove_day", "deadline.recompute", "calendar.update", "deadline.recompute"]
    assert Notification.objects.filter(recipient=personas.officer1).count() == 2


@pytest.mark.django_db
def test_day_edits_guards(personas) -> None:
    seed_calendar_years([2025])
    events = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        set_calendar_day(D(2025, 3, 3), CalendarDayKind.HOLIDAY, actor=personas.officer1)
    with pytest.raises(NotAllowed):
        remove_calendar_day(D(2025, 10, 1), actor=personas.head)
    with pytest.raises(GuardFailed, match="2027年尚未录入"):
        set_calendar_day(D(2027, 1, 1), CalendarDayKind.HOLIDAY, actor=personas.admin)
    with pytest.raises(InvalidInput, match="2025-03-08是周末"):
        set_calendar_day(D(2025, 3, 8), CalendarDayKind.HOLIDAY, actor=personas.admin)
    with pytest.raises(InvalidInput, match="调休上班日应为周六或周日"):
        set_calendar_day(D(2025, 3, 7), CalendarDayKind.WORKDAY, actor=personas.admin)
    with pytest.raises(InvalidInput, match="2025-03-07不在工作日历中"):
        remove_calendar_day(D(2025, 3, 7), actor=personas.admin)
    assert CalendarDay.objects.filter(date__year=2025).count() == 23
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db(transaction=True)
def test_calendar_cache_is_reloaded_after_a_committed_change(personas) -> None:
    cal.clear_calendar_cache()
    seed_calendar_years([2025])
    first = load_calendar()
    assert load_calendar() is first  # cached: fingerprint unchanged
    assert D(2025, 10, 8) in first.holidays
    remove_calendar_day(D(2025, 10, 8), actor=personas.admin)
    second = load_calendar()
    assert second is not first and D(2025, 10, 8) not in second.holidays
    # inside a transaction the table is read directly and nothing is cached
    with transaction.atomic():
        set_calendar_day(D(2025, 10, 8), CalendarDayKind.HOLIDAY, actor=personas.admin)
        assert D(2025, 10, 8) in load_calendar().holidays
        transaction.set_rollback(True)
    assert D(2025, 10, 8) not in load_calendar().holidays
    cal.clear_calendar_cache()


@pytest.mark.django_db
def test_coverage_alert_from_october_once_per_month_per_admin(personas) -> None:
    seed_calendar_years([2026])
    with time_machine.travel(dt.datetime(2026, 9, 30, 10, 0, tzinfo=UTC)):
        assert check_calendar_coverage() == 0
    with time_machine.travel(dt.datetime(2026, 10, 1, 0, 30, tzinfo=UTC)):
        assert check_calendar_coverage_task() == 2
        assert check_calendar_coverage() == 0  # same month: no second alert
    with time_machine.travel(dt.datetime(2026, 10, 20, 0, 30, tzinfo=UTC)):
        assert check_calendar_coverage() == 0
    with time_machine.travel(dt.datetime(2026, 11, 1, 0, 30, tzinfo=UTC)):
        assert check_calendar_coverage() == 2
    assert sorted(Notification.objects.values_list("recipient__username", "title", "url")) == [
        ("admin", "工作日历尚未录入2027年节假日安排", "/calendar/days/"),
        ("admin", "工作日历尚未录入2027年节假日安排", "/calendar/days/"),
        ("cityadmin", "工作日历尚未录入2027年节假日安排", "/calendar/days/"),
        ("cityadmin", "工作日历尚未录入2027年节假日安排", "/calendar/days/"),
    ]
    assert list(
        AuditEvent.objects.filter(action="calendar.coverage_alert").values_list("data__on", flat=True)
    ) == [
        "2026-10-01",
        "2026-11-01",
    ]
    enter_calendar_year(2027, [D(2027, 1, 1)], [], "通知", actor=personas.admin)
    with time_machine.travel(dt.datetime(2026, 12, 1, 0, 30, tzinfo=UTC)):
        assert check_calendar_coverage() == 0


@pytest.mark.django_db
def test_current_year_missing_is_alerted_any_month(personas) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 1, 0, 30, tzinfo=UTC)):
        assert cal.missing_calendar_years() == [2026]
        assert check_calendar_coverage() == 2


@pytest.mark.django_db
def test_a_service_called_at_2330_utc_records_the_beijing_date(personas) -> None:
    """At 2026-03-01 23:30 UTC it is 2026-03-02 07:30 in Beijing: legal dates come from timezone.localdate()."""
    seed_calendar_years([2026])
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=UTC), tick=False):
        d = open_counted_deadline(
            subject=personas.agencies.district_a,
            kind="PRESERVE_DECIDE",
            title="先行登记保存处理决定",
            agency_id=personas.agencies.district_a.pk,
            length=7,
            day_type="working",
        )
        default_start = add(None, 0, "calendar")
    # Mon 2026-03-02 + 7 working days: Tue 3 … Fri 6 (4), Mon 9 (5), Tue 10 (6), Wed 11 (7)
    assert (d.start_date, d.due_date, d.provisional) == (D(2026, 3, 2), D(2026, 3, 11), False)
    assert default_start.due == D(2026, 3, 2)
    assert d.status == DeadlineStatus.OPEN
