"""Reminder stages and the daily scan: each stage once per (deadline, stage, recipient)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.models import AuditEvent, Deadline, DeadlineStatus, Notification, ReminderSent
from enforcement.core.rules.reminders import current_stage, stage_name, stage_windows, stages_not_reached
from enforcement.core.services.deadlines import ScanResult, scan_deadlines, suspend_deadline
from tests.factories import EnterpriseFactory, UserFactory
from tests.support.deadlines import KIND, KIND_AFTER, deadline_kinds, make_deadline  # noqa: F401

pytestmark = pytest.mark.usefixtures("deadline_kinds")

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 7) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def stages_of(deadline: Deadline, user_id: int) -> list[str]:
    return list(
        ReminderSent.objects.filter(deadline=deadline, recipient_id=user_id)
        .order_by("sent_at", "id")
        .values_list("stage", flat=True)
    )


# --- pure stage rules -----------------------------------------------------------------------------


def test_stage_names():
    assert [stage_name(n) for n in (7, 3, 1, 0, -3)] == ["d-7", "d-3", "d-1", "d0", "d+3"]


def test_stage_windows_of_the_default_schedule():
    assert [(w.stage, w.min_left, w.max_left) for w in stage_windows((7, 3, 1, 0))] == [
        ("d-7", 4, 7),
        ("d-3", 2, 3),
        ("d-1", 1, 1),
        ("d0", 0, 0),
        ("overdue", None, -1),
    ]
    assert [(w.stage, w.min_left, w.max_left) for w in stage_windows((1, 0, -3))] == [
        ("d-1", 1, 1),
        ("d0", 0, 0),
        ("overdue", -2, -1),
        ("d+3", None, -3),
    ]


def test_current_stage_is_the_most_urgent_reached():
    days = (7, 3, 1, 0)
    assert [current_stage(days, left) for left in (9, 8, 7, 5, 4, 3, 2, 1, 0, -1, -30)] == [
        None,
        None,
        "d-7",
        "d-7",
        "d-7",
        "d-3",
        "d-3",
        "d-1",
        "d0",
        "overdue",
        "overdue",
    ]
    assert stages_not_reached(days, 5) == {"d-3", "d-1", "d0", "overdue"}
    assert stages_not_reached(days, -1) == set()
    assert stages_not_reached(days, 3, include_current=True) == {"d-3", "d-1", "d0", "overdue"}


@given(
    days=st.sets(st.integers(min_value=-30, max_value=60), max_size=6),
    left=st.integers(min_value=-400, max_value=400),
)
def test_windows_partition_the_days_from_the_first_stage_on(days, left):
    """Every day from the earliest stage on falls in exactly one window; earlier days in none."""
    windows = stage_windows(days)
    hits = [w.stage for w in windows if w.contains(left)]
    first = max([d for d in days if d >= 0], default=-1)
    if left > first:
        assert hits == []
    else:
        assert len(hits) == 1
        assert current_stage(days, left) == hits[0]
        if left < 0:
            assert hits[0] == "overdue" or hits[0].startswith("d+")
    assert len({w.stage for w in windows}) == len(windows)


# --- scanning -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_stage_is_sent_once_across_daily_and_repeated_scans(
    personas, django_capture_on_commit_callbacks
):
    """Scanning twice a day from D-10 to D+3 sends d-7, d-3, d-1, d0 and overdue once per recipient."""
    p = personas
    p.officer1.email = "officer1@example.gov.cn"
    p.officer1.save(update_fields=["email"])
    enterprise = EnterpriseFactory(agency=p.agencies.district_a)
    deadline = make_deadline(enterprise, DUE, [p.officer1, p.officer2])
    sent_by_day: dict[str, int] = {}
    for offset in range(-10, 4):
        day = DUE + dt.timedelta(days=offset)
        with time_machine.travel(at(day), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                first = scan_deadlines()
            second = scan_deadlines()
        assert second.reminders_sent == 0
        assert second.marked_overdue == 0
        if first.reminders_sent:
            sent_by_day[day.isoformat()] = first.reminders_sent
    assert sent_by_day == {
        "2026-06-08": 2,  # d-7
        "2026-06-12": 2,  # d-3
        "2026-06-14": 2,  # d-1
        "2026-06-15": 2,  # d0
        "2026-06-16": 2,  # overdue
    }
    expected = ["d-7", "d-3", "d-1", "d0", "overdue"]
    assert stages_of(deadline, p.officer1.pk) == expected
    assert stages_of(deadline, p.officer2.pk) == expected
    assert Notification.objects.filter(recipient=p.officer1).count() == 5
    assert Notification.objects.filter(recipient=p.officer2).count() == 5
    titles = list(
        Notification.objects.filter(recipient=p.officer1).order_by("id").values_list("title", flat=True)
    )
    assert titles == [
        f"期限提醒：{enterprise.name}整改（剩7天）",
        f"期限提醒：{enterprise.name}整改（剩3天）",
        f"期限提醒：{enterprise.name}整改（剩1天）",
        f"期限今日届满：{enterprise.name}整改",
        f"期限已逾期：{enterprise.name}整改",
    ]
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OVERDUE
    # officer2 has no address: only officer1's five reminders were e-mailed.
    assert [m.to for m in mail.outbox] == [["officer1@example.gov.cn"]] * 5
    assert mail.outbox[0].subject == f"【应急执法】期限提醒：{enterprise.name}整改（剩7天）"
    assert "《中华人民共和国安全生产法》第六十五条" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="deadline.overdue").count() == 1


@pytest.mark.django_db
def test_a_late_opened_deadline_gets_only_its_current_stage(personas):
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(enterprise, DUE, [personas.officer1])
    result = scan_deadlines(DUE - dt.timedelta(days=2))
    assert result.reminders_sent == 1
    assert stages_of(deadline, personas.officer1.pk) == ["d-3"]


@pytest.mark.django_db
def test_repeated_overdue_notice_after_n_days(personas):
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(enterprise, DUE, [personas.officer1], kind=KIND_AFTER.code)
    for offset in range(-1, 6):
        scan_deadlines(DUE + dt.timedelta(days=offset))
    assert stages_of(deadline, personas.officer1.pk) == ["d-1", "d0", "overdue", "d+3"]


@pytest.mark.django_db
def test_suspended_closed_and_inactive_get_no_reminders(personas):
    p = personas
    enterprise = EnterpriseFactory(agency=p.agencies.district_a)
    suspended = make_deadline(enterprise, DUE, [p.officer1], title="中止的期限")
    suspend_deadline(suspended, basis="当事人申请听证", on=DUE - dt.timedelta(days=5), actor=p.head)
    inactive = UserFactory(username="gone", agency=p.agencies.district_a, is_active=False)
    make_deadline(enterprise, DUE, [inactive], title="离职人员的期限")
    before = Notification.objects.count()
    result = scan_deadlines(DUE)
    assert result.reminders_sent == 0
    assert Notification.objects.count() == before
    assert ReminderSent.objects.count() == 0


@pytest.mark.django_db
def test_unregistered_kind_gets_no_reminders(personas):
    """A kind whose app no longer registers it is skipped rather than crashing the scan."""
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(enterprise, DUE, [personas.officer1])
    Deadline.objects.filter(pk=deadline.pk).update(kind="GONE")
    assert scan_deadlines(DUE).reminders_sent == 0


def _seed(personas, n: int) -> None:
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    other = EnterpriseFactory(agency=personas.agencies.district_b)
    for i in range(n):
        make_deadline(enterprise, DUE, [personas.officer1, personas.officer2], title=f"今日{i}")
        make_deadline(enterprise, DUE - dt.timedelta(days=2), [personas.officer1], title=f"逾期{i}")
        make_deadline(other, DUE + dt.timedelta(days=7), [personas.officer_other], title=f"七日{i}")


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_scan_query_count_does_not_grow_with_the_due_set(personas, n, django_assert_num_queries):
    """The scan works in chunks in the database: the same number of queries for 9 or 90 deadlines."""
    _seed(personas, n)
    # 8 marking overdue (savepoint, select-and-lock, one UPDATE, one audit event: lock head, insert,
    # read back, update head, release), 9 stage-window selects (5 + 4 for the two test schedules) and
    # 6 per stage with rows (savepoint, INSERT ... ON CONFLICT, read back, subjects, notifications,
    # release) x 3 stages = 35, for 9 deadlines as for 90.
    with django_assert_num_queries(35):
        result = scan_deadlines(DUE)
    assert result.marked_overdue == n
    assert result.reminders_sent == 4 * n  # d0 x2 users, overdue x1, d-7 x1
    assert Notification.objects.filter(recipient=personas.officer1).count() == 2 * n
    assert Notification.objects.filter(recipient=personas.officer2).count() == n
    assert Notification.objects.filter(recipient=personas.officer_other).count() == n


@pytest.mark.django_db
def test_scan_chunks_large_due_sets(personas):
    _seed(personas, 5)
    result = scan_deadlines(DUE, chunk_size=2)
    assert (result.marked_overdue, result.reminders_sent) == (5, 20)
    assert ReminderSent.objects.values("deadline", "stage", "recipient").distinct().count() == 20
    assert scan_deadlines(DUE, chunk_size=2).reminders_sent == 0


# --- two scans at the same time -------------------------------------------------------------------


def _run_in_thread(target, errors: list[BaseException]) -> threading.Thread:
    def wrapper() -> None:
        try:
            target()
        except BaseException as exc:  # surfaced by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=wrapper)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_overdue", [False, True])
def test_concurrent_scan_waits_for_the_first_and_sends_nothing_twice(personas, with_overdue):
    """Scan A has inserted its reminder rows (and locked the overdue rows) but not committed when
    scan B runs on another connection: B does not see A's rows yet, so it tries the same inserts,
    blocks on the unique index (or on the row lock), then skips them once A commits — one
    notification per recipient per stage, one overdue audit event."""
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    due_today = make_deadline(enterprise, DUE, [personas.officer1, personas.officer2])
    overdue = (
        make_deadline(enterprise, DUE - dt.timedelta(days=1), [personas.officer1]) if with_overdue else None
    )
    a_scanned = threading.Event()
    results: dict[str, ScanResult] = {}
    waited: list[float] = []
    errors: list[BaseException] = []

    def scan_a() -> None:
        with transaction.atomic():
            results["a"] = scan_deadlines(DUE)
            a_scanned.set()
            # Hold the transaction open while B runs into the same unique keys and row locks.
            threading.Event().wait(1.5)

    def scan_b() -> None:
        a_scanned.wait(10)
        started = time.monotonic()
        results["b"] = scan_deadlines(DUE)
        waited.append(time.monotonic() - started)

    threads = [_run_in_thread(scan_a, errors), _run_in_thread(scan_b, errors)]
    for t in threads:
        t.join(30)
    assert errors == []
    assert waited[0] > 1.0  # B really ran into A's uncommitted work and waited for it
    expected_a = (3, 1) if with_overdue else (2, 0)
    assert (results["a"].reminders_sent, results["a"].marked_overdue) == expected_a
    assert (results["b"].reminders_sent, results["b"].marked_overdue) == (0, 0)
    assert stages_of(due_today, personas.officer1.pk) == ["d0"]
    assert stages_of(due_today, personas.officer2.pk) == ["d0"]
    assert Notification.objects.filter(recipient=personas.officer2).count() == 1
    if overdue is not None:
        assert stages_of(overdue, personas.officer1.pk) == ["overdue"]
        assert Notification.objects.filter(recipient=personas.officer1).count() == 2
        assert AuditEvent.objects.filter(action="deadline.overdue").count() == 1
    else:
        assert Notification.objects.filter(recipient=personas.officer1).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_scans_started_together_send_one_notification_per_recipient(personas):
    """Two free-running scans released by a barrier, several rounds on fresh deadlines."""
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    users = [personas.officer1, personas.officer2, personas.head]
    deadlines = [make_deadline(enterprise, DUE, users, title=f"同时{i}") for i in range(20)]
    for round_no in range(3):
        day = DUE - dt.timedelta(days=[7, 3, 0][round_no])
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        totals: list[int] = []

        def scan(
            day: dt.date = day, barrier: threading.Barrier = barrier, totals: list[int] = totals
        ) -> None:
            barrier.wait(10)
            totals.append(scan_deadlines(day).reminders_sent)

        threads = [_run_in_thread(scan, errors), _run_in_thread(scan, errors)]
        for t in threads:
            t.join(60)
        assert errors == []
        assert sum(totals) == 20 * 3
    for user in users:
        assert Notification.objects.filter(recipient=user).count() == 20 * 3
        for d in deadlines[:3]:
            assert stages_of(d, user.pk) == ["d-7", "d-3", "d0"]


@pytest.mark.django_db
def test_task_scans_the_shanghai_date_not_the_utc_date(personas):
    """At 23:30 UTC on 14 June it is already 15 June in Asia/Shanghai: the d0 reminder goes out."""
    from enforcement.core.tasks import scan_deadlines_task

    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(enterprise, DUE, [personas.officer1])
    with time_machine.travel(dt.datetime(2026, 6, 14, 23, 30, tzinfo=dt.UTC), tick=False):
        assert scan_deadlines_task() == {"on": "2026-06-15", "marked_overdue": 0, "reminders_sent": 1}
        assert scan_deadlines_task() == {"on": "2026-06-15", "marked_overdue": 0, "reminders_sent": 0}
    assert scan_deadlines_task("2026-06-16") == {"on": "2026-06-16", "marked_overdue": 1, "reminders_sent": 1}
    assert stages_of(deadline, personas.officer1.pk) == ["d0", "overdue"]
