"""End to end: the training app's deadlines through core's daily scan (``scan_deadlines_task``).

The real situation is built through the training services, time moves day by day with time-machine and
the scan runs every morning (twice on the stage days). Each stage reaches the officer and their agency's
系统管理员 exactly once, with the exact title; nothing goes out once the deadline is closed (certificate
renewed, withdrawn, annual review recorded, training hours met).

Stages follow ``DeadlineKind.reminder_days`` (core ``reminder_stages``): 执法证到期 (90, 30, 7) → d-90 on
the 90th day before expiry, d-30, d-7, then ``overdue`` the day after expiry; 年审 (30, 7, 0) → d-30, d-7,
d0 on the due day, ``overdue``; 年度培训学时 (60, 30, 7) → d-60 on 1 November, d-30, d-7, ``overdue`` on
1 January.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Iterator
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from enforcement.celery import app as celery_app
from enforcement.core.models import Deadline, Notification, ReminderSent, User
from enforcement.core.tasks import scan_deadlines_task
from tests.factories import UserFactory
from tests.training.helpers import give_certificate
from training import services
from training.models import Certificate
from training.tasks import open_training_hours_deadlines_task

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
Sent = tuple[dt.date, str, str]  # (day, recipient username, title)


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


class Clock:
    """Moves the frozen clock and runs the beat tasks the way the schedule does each morning."""

    def __init__(self, traveller: time_machine.Coordinates) -> None:
        self.traveller = traveller
        self.last_id = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
        # (day, recipient, title, content type id, object id) of every notification sent while running
        self.rows: list[tuple[dt.date, str, str, int | None, int | None]] = []

    @property
    def sent(self) -> list[Sent]:
        return [(day, who, title) for day, who, title, _, _ in self.rows]

    def at(self, day: dt.date, hour: int = 9) -> None:
        self.traveller.move_to(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SH))

    def morning(self, day: dt.date, *, twice: bool = False, hours_task: bool = False) -> None:
        if hours_task:
            self.at(day, 6)
            open_training_hours_deadlines_task()
        self.at(day, 7)
        for _ in range(2 if twice else 1):
            scan_deadlines_task()  # no argument: today in Asia/Shanghai, as the beat sends it
        new = list(
            Notification.objects.filter(id__gt=self.last_id)
            .order_by("id")
            .values_list("id", "recipient__username", "title", "content_type_id", "object_id")
        )
        if new:
            self.last_id = new[-1][0]
        self.rows += [(day, who, title, ct, obj) for _, who, title, ct, obj in new]
        self.at(day, 9)

    def run(
        self, start: dt.date, end: dt.date, *, twice: Iterable[dt.date] = (), hours_task: bool = False
    ) -> None:
        again = set(twice)
        for day in days(start, end):
            self.morning(day, twice=day in again, hours_task=hours_task)

    def about(self, subject) -> list[Sent]:
        """Notifications about ``subject`` (a certificate or a person) in the order sent."""
        ct = ContentType.objects.get_for_model(subject).pk
        return [(d, who, t) for d, who, t, c, o in self.rows if (c, o) == (ct, subject.pk)]


@pytest.fixture
def clock(personas) -> Iterator[Clock]:
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=SH), tick=False) as traveller:
        yield Clock(traveller)


def expect(rows: list[tuple[dt.date, str]], *people: str) -> list[Sent]:
    """The expected rows, sorted: each (day, title) exactly once for each recipient."""
    return sorted((day, who, title) for day, title in rows for who in people)


# --- 执法证到期 at 90 / 30 / 7 days ------------------------------------------------------------------


def reviewed_until_2025(cert: Certificate, admin: User) -> None:
    """Record the reviews the certificate owes so that only its expiry deadline stays open."""
    for year in range(cert.issued_on.year + 1, 2026):
        services.record_annual_review(
            cert, actor=admin, year=year, result="passed", reviewed_on=dt.date(year, 11, 1)
        )


def test_certificate_expiry_reminders_90_30_7_then_overdue_once_each(clock, personas):
    admin = personas.cityadmin
    # all three expire on 2026-11-30 (issued 2021-12-01, five years less a day)
    kept = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2021, 12, 1), number="E-1")
    renewed = give_certificate(personas.officer2, actor=admin, issued_on=dt.date(2021, 12, 1), number="E-2")
    withdrawn = give_certificate(personas.expired, actor=admin, issued_on=dt.date(2021, 12, 1), number="E-3")
    for cert in (kept, renewed, withdrawn):
        reviewed_until_2025(cert, admin)
        assert cert.expires_on == dt.date(2026, 11, 30)
        # the 2026 review would fall due after expiry: only the expiry deadline is open
        assert list(Deadline.objects.filter(object_id=cert.pk, kind__startswith="training.cert").open()) == [
            Deadline.objects.get(kind="training.cert_expiry", object_id=cert.pk)
        ]
    assert not Deadline.objects.filter(kind="training.annual_review").open().exists()

    stage_days = [dt.date(2026, 9, 1), dt.date(2026, 10, 31), dt.date(2026, 11, 23), dt.date(2026, 12, 1)]
    clock.run(dt.date(2026, 8, 25), dt.date(2026, 10, 14), twice=stage_days)
    services.withdraw_certificate(withdrawn, actor=admin, reason="调离执法岗位")  # 2026-10-14
    clock.run(dt.date(2026, 10, 15), dt.date(2026, 11, 24), twice=stage_days)
    successor = services.renew_certificate(renewed, actor=admin, number="E-2-NEW")  # 2026-11-24
    clock.run(dt.date(2026, 11, 25), dt.date(2026, 12, 10), twice=stage_days)

    title = "{}的执法证（{}）到期"
    kept_title = title.format("王执法", "E-1")
    assert sorted(clock.about(kept)) == expect(
        [
            (dt.date(2026, 9, 1), f"期限提醒：{kept_title}（剩90天）"),
            (dt.date(2026, 10, 31), f"期限提醒：{kept_title}（剩30天）"),
            (dt.date(2026, 11, 23), f"期限提醒：{kept_title}（剩7天）"),
            (dt.date(2026, 12, 1), f"期限已逾期：{kept_title}"),
        ],
        "cityadmin",
        "officer1",
    )
    renewed_title = title.format("李执法", "E-2")
    assert sorted(clock.about(renewed)) == expect(
        [
            (dt.date(2026, 9, 1), f"期限提醒：{renewed_title}（剩90天）"),
            (dt.date(2026, 10, 31), f"期限提醒：{renewed_title}（剩30天）"),
            (dt.date(2026, 11, 23), f"期限提醒：{renewed_title}（剩7天）"),
        ],
        "cityadmin",
        "officer2",
    )
    withdrawn_title = title.format("周过期", "E-3")
    assert sorted(clock.about(withdrawn)) == expect(
        [(dt.date(2026, 9, 1), f"期限提醒：{withdrawn_title}（剩90天）")], "cityadmin", "expired"
    )
    # the renewed certificate expires 2031-11-23: nothing about it yet; its first review is 2027
    assert clock.about(successor) == []
    assert successor.expires_on == dt.date(2031, 11, 23)
    # nothing else went out at all (no review deadline, nobody else)
    assert len(clock.sent) == 8 + 6 + 2
    # one ReminderSent per (deadline, stage, recipient)
    expiry = Deadline.objects.get(kind="training.cert_expiry", object_id=kept.pk)
    assert sorted(
        ReminderSent.objects.filter(deadline=expiry).values_list("stage", "recipient__username")
    ) == [(stage, who) for stage in ("d-30", "d-7", "d-90", "overdue") for who in ("cityadmin", "officer1")]
    assert list(
        Deadline.objects.filter(kind="training.cert_expiry").order_by("id").values_list("object_id", "status")
    ) == [(kept.pk, "overdue"), (renewed.pk, "met"), (withdrawn.pk, "waived"), (successor.pk, "open")]
    # the notification links to the holder's record
    urls = set(
        Notification.objects.filter(object_id=kept.pk, content_type__model="certificate").values_list(
            "url", flat=True
        )
    )
    assert urls == {f"/training/officers/{personas.officer1.pk}/"}


def test_expiry_reminders_go_to_the_officers_own_agency_admin(clock, personas):
    """A 系统管理员 of the officer's own agency gets the reminders instead of the city's."""
    district_admin = UserFactory(
        username="admin_a", real_name="浦口管理", agency=personas.agencies.district_a, roles=["系统管理员"]
    )
    cert = give_certificate(
        personas.officer1,
        actor=district_admin,
        issued_on=dt.date(2026, 3, 1),
        expires_on=dt.date(2026, 9, 15),
        number="S-1",
    )
    clock.run(dt.date(2026, 6, 15), dt.date(2026, 6, 18), twice=[dt.date(2026, 6, 17)])
    clock.run(dt.date(2026, 8, 15), dt.date(2026, 8, 18))
    clock.run(dt.date(2026, 9, 7), dt.date(2026, 9, 9))
    cert_title = "王执法的执法证（S-1）到期"
    assert sorted(clock.about(cert)) == expect(
        [
            (dt.date(2026, 6, 17), f"期限提醒：{cert_title}（剩90天）"),
            (dt.date(2026, 8, 16), f"期限提醒：{cert_title}（剩30天）"),
            (dt.date(2026, 9, 8), f"期限提醒：{cert_title}（剩7天）"),
        ],
        "admin_a",
        "officer1",
    )


# --- 年审 due -----------------------------------------------------------------------------------------


def test_annual_review_reminders_until_the_review_is_recorded(clock, personas):
    admin = personas.cityadmin
    late = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1), number="R-1")
    punctual = give_certificate(personas.officer2, actor=admin, issued_on=dt.date(2025, 3, 1), number="R-2")
    stage_days = [dt.date(2026, 12, 1), dt.date(2026, 12, 24), dt.date(2026, 12, 31), dt.date(2027, 1, 1)]
    clock.run(dt.date(2026, 11, 25), dt.date(2026, 12, 27), twice=stage_days)
    services.record_annual_review(punctual, actor=admin, year=2026, result="passed")  # 2026-12-27
    clock.run(dt.date(2026, 12, 28), dt.date(2027, 1, 5), twice=stage_days)

    late_title = "王执法的执法证2026年度年审"
    assert sorted(clock.about(late)) == expect(
        [
            (dt.date(2026, 12, 1), f"期限提醒：{late_title}（剩30天）"),
            (dt.date(2026, 12, 24), f"期限提醒：{late_title}（剩7天）"),
            (dt.date(2026, 12, 31), f"期限今日届满：{late_title}"),
            (dt.date(2027, 1, 1), f"期限已逾期：{late_title}"),
        ],
        "cityadmin",
        "officer1",
    )
    punctual_title = "李执法的执法证2026年度年审"
    assert sorted(clock.about(punctual)) == expect(
        [
            (dt.date(2026, 12, 1), f"期限提醒：{punctual_title}（剩30天）"),
            (dt.date(2026, 12, 24), f"期限提醒：{punctual_title}（剩7天）"),
        ],
        "cityadmin",
        "officer2",
    )
    assert len(clock.sent) == 8 + 4
    reviews = Deadline.objects.filter(kind="training.annual_review").order_by("id")
    assert list(reviews.values_list("object_id", "due_date", "status")) == [
        (late.pk, dt.date(2026, 12, 31), "overdue"),
        (punctual.pk, dt.date(2026, 12, 31), "met"),
        (punctual.pk, dt.date(2027, 12, 31), "open"),  # next year's: no reminder before 2027-12-01
    ]
    # recording the late review closes the overdue deadline: no more reminders for it
    services.record_annual_review(late, actor=admin, year=2026, result="passed")
    clock.run(dt.date(2027, 1, 6), dt.date(2027, 1, 8))
    assert len(clock.sent) == 12


# --- 年度培训学时 shortfall before year end --------------------------------------------------------


def train(officer, admin, on: dt.date, hours: int, result: str = "passed"):
    return services.record_training(
        officer, actor=admin, kind="legal", title="法律知识", start_on=on, hours=hours, result=result
    )


def test_training_shortfall_reminders_before_year_end(clock, personas):
    admin = personas.cityadmin
    services.set_training_requirement(
        personas.agencies.city, actor=admin, from_year=2026, annual_hours=Decimal("20")
    )
    train(personas.head, admin, dt.date(2026, 3, 1), 20)  # met before the first run: never reminded
    clock.at(dt.date(2026, 6, 1), 6)
    opened = open_training_hours_deadlines_task()
    # officer1, officer2, expired, reviewer, supervisor (city), officer_other, head_b — not head, not the
    # assistant, not the agency admin
    assert opened == 7
    assert open_training_hours_deadlines_task() == 0  # idempotent the same day
    train(personas.officer2, admin, dt.date(2026, 9, 1), 12)

    stage_days = [dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2026, 12, 24), dt.date(2027, 1, 1)]
    clock.run(dt.date(2026, 10, 28), dt.date(2026, 12, 9), twice=stage_days, hours_task=True)
    train(personas.officer2, admin, dt.date(2026, 12, 9), 8, result="failed")  # failed: does not count
    clock.run(dt.date(2026, 12, 10), dt.date(2026, 12, 10), hours_task=True)
    train(personas.officer2, admin, dt.date(2026, 12, 10), 8, result="attended")  # 20 h: met
    clock.run(dt.date(2026, 12, 11), dt.date(2027, 1, 3), twice=stage_days, hours_task=True)

    short = "王执法 2026年度培训须满20学时"
    assert sorted(clock.about(personas.officer1)) == expect(
        [
            (dt.date(2026, 11, 1), f"期限提醒：{short}（剩60天）"),
            (dt.date(2026, 12, 1), f"期限提醒：{short}（剩30天）"),
            (dt.date(2026, 12, 24), f"期限提醒：{short}（剩7天）"),
            (dt.date(2027, 1, 1), f"期限已逾期：{short}"),
        ],
        "cityadmin",
        "officer1",
    )
    met = "李执法 2026年度培训须满20学时"
    assert sorted(clock.about(personas.officer2)) == expect(
        [
            (dt.date(2026, 11, 1), f"期限提醒：{met}（剩60天）"),
            (dt.date(2026, 12, 1), f"期限提醒：{met}（剩30天）"),
        ],
        "cityadmin",
        "officer2",
    )
    assert clock.about(personas.head) == []
    # officer_other (district B): the city admin is the nearest 系统管理员 there too
    assert {who for _, who, _ in clock.about(personas.officer_other)} == {"cityadmin", "officer_other"}
    hours = Deadline.objects.filter(kind="training.hours")
    assert sorted(hours.filter(due_date=dt.date(2026, 12, 31)).values_list("title", "status")) == sorted(
        [
            (short, "overdue"),
            (met, "met"),
            *(
                (f"{name} 2026年度培训须满20学时", "overdue")
                for name in ("周过期", "赵法制", "孙监督", "吴执法", "郑局长")
            ),
        ]
    )
    # on 1 January the daily task opened the 2027 deadlines for everyone (no 2027 hours yet)
    assert hours.filter(due_date=dt.date(2027, 12, 31), status="open").count() == 8


# --- beat entry and task ------------------------------------------------------------------------------


def test_beat_entry_points_at_the_registered_idempotent_task(personas, frozen):
    entry = settings.CELERY_BEAT_SCHEDULE["training-hours-deadlines-daily"]
    celery_app.loader.import_default_modules()
    task = celery_app.tasks[entry["task"]]  # KeyError if the name points at nothing
    assert (task.name, task.__module__) == (open_training_hours_deadlines_task.name, "training.tasks")
    # it runs before the 07:00 deadline scan, so a deadline opened today is scanned the same morning
    scan = settings.CELERY_BEAT_SCHEDULE["scan-deadlines-daily"]["schedule"]
    assert (sorted(entry["schedule"].hour), sorted(entry["schedule"].minute)) == ([6], [40])
    assert sorted(scan.hour) == [7]
    assert task.apply().get() == 8
    assert task.apply().get() == 0
    assert Deadline.objects.filter(kind="training.hours").count() == 8
