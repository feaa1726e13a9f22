"""Deadline services: open, close, suspend/resume (spec §1.9 DeadlineSuspension), mark overdue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from enforcement.core.exceptions import InvalidInput, InvalidTransition
from enforcement.core.models import (
    AuditEvent,
    Deadline,
    DeadlineStatus,
    DeadlineSuspension,
    Notification,
    ReminderSent,
)
from enforcement.core.services.deadlines import (
    ALLOWED_FROM,
    UnknownDeadlineKind,
    close_deadline,
    close_deadlines,
    mark_overdue_deadlines,
    open_deadline,
    resume_deadline,
    scan_deadlines,
    suspend_deadline,
)
from tests.factories import EnterpriseFactory
from tests.support.deadlines import KIND, KIND_AFTER, deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

DUE = dt.date(2026, 6, 15)
TODAY = dt.datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def enterprise(personas):
    return EnterpriseFactory(agency=personas.agencies.district_a)


def test_open_deadline_records_kind_basis_responsible_and_audit(personas, enterprise):
    with time_machine.travel(TODAY, tick=False):
        d = open_deadline(
            subject=enterprise,
            kind=KIND.code,
            title="整改重大事故隐患",
            agency_id=enterprise.agency_id,
            due_date=DUE,
            responsible=[personas.officer1, personas.officer2],
            actor=personas.officer1,
        )
    d.refresh_from_db()
    assert (d.status, d.kind, d.basis, d.start_date, d.due_date) == (
        DeadlineStatus.OPEN,
        "TEST_RECTIFY",
        "《中华人民共和国安全生产法》第六十五条",
        dt.date(2026, 6, 1),
        DUE,
    )
    assert d.subject == enterprise
    assert sorted(d.responsible.values_list("username", flat=True)) == ["officer1", "officer2"]
    event = AuditEvent.objects.get(action="deadline.create")
    assert (event.object_id, event.actor_id, event.agency_id_ref) == (d.pk, personas.officer1.pk, d.agency_id)
    assert event.data == {
        "kind": "TEST_RECTIFY",
        "due_date": "2026-06-15",
        "basis": "《中华人民共和国安全生产法》第六十五条",
        "responsible": sorted([personas.officer1.pk, personas.officer2.pk]),
    }


def test_unknown_kind_is_a_programming_error_and_creates_nothing(personas, enterprise):
    with pytest.raises(UnknownDeadlineKind):
        open_deadline(
            subject=enterprise, kind="NO_SUCH", title="x", agency_id=enterprise.agency_id, due_date=DUE
        )
    assert Deadline.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_close_deadlines_met_and_waived(personas, enterprise):
    a = make_deadline(enterprise, DUE, [personas.officer1])
    b = make_deadline(enterprise, DUE, [personas.officer1], kind=KIND_AFTER.code)
    assert close_deadlines(subject=enterprise, kind=KIND.code, actor=personas.officer1) == 1
    assert close_deadlines(subject=enterprise, kind=KIND.code, actor=personas.officer1) == 0
    assert close_deadlines(subject=enterprise, kind=None, status=DeadlineStatus.WAIVED, actor=None) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (DeadlineStatus.MET, DeadlineStatus.WAIVED)
    assert a.closed_at is not None
    assert list(AuditEvent.objects.filter(action="deadline.close").values_list("object_id", "data")) == [
        (a.pk, {"kind": "TEST_RECTIFY", "status": "met"}),
        (b.pk, {"kind": "TEST_PAYMENT", "status": "waived"}),
    ]


def test_close_with_a_non_closing_status_or_unknown_kind_raises(personas, enterprise):
    make_deadline(enterprise, DUE, [personas.officer1])
    with pytest.raises(ValueError):
        close_deadlines(subject=enterprise, kind=KIND.code, status=DeadlineStatus.OVERDUE)
    with pytest.raises(UnknownDeadlineKind):
        close_deadlines(subject=enterprise, kind="NO_SUCH")
    assert Deadline.objects.get().status == DeadlineStatus.OPEN


def test_suspend_and_resume_extend_the_due_date_by_the_suspended_calendar_days(personas, enterprise):
    """Spec §1.9: periods excluded from the count are DeadlineSuspension records with a basis."""
    d = make_deadline(enterprise, DUE, [personas.officer1])
    suspension = suspend_deadline(
        d,
        basis="《安全生产违法行为行政处罚办法》听证期间",
        reason="当事人申请听证",
        on=dt.date(2026, 6, 3),
        actor=personas.head,
    )
    d.refresh_from_db()
    assert d.status == DeadlineStatus.SUSPENDED
    assert (suspension.start_date, suspension.end_date, suspension.created_by) == (
        dt.date(2026, 6, 3),
        None,
        personas.head,
    )
    resumed = resume_deadline(d, on=dt.date(2026, 6, 13), actor=personas.head)
    assert (resumed.status, resumed.due_date, resumed.suspended_days) == (
        DeadlineStatus.OPEN,
        dt.date(2026, 6, 25),
        10,
    )
    suspension.refresh_from_db()
    assert (suspension.end_date, suspension.days) == (dt.date(2026, 6, 13), 10)
    assert list(
        AuditEvent.objects.filter(action__in=["deadline.suspend", "deadline.resume"]).values_list(
            "action", "data"
        )
    ) == [
        (
            "deadline.suspend",
            {"from": "open", "start_date": "2026-06-03", "basis": "《安全生产违法行为行政处罚办法》听证期间"},
        ),
        (
            "deadline.resume",
            {
                "end_date": "2026-06-13",
                "suspended_days": 10,
                "old_due_date": "2026-06-15",
                "due_date": "2026-06-25",
            },
        ),
    ]
    assert list(Notification.objects.filter(recipient=personas.officer1).values_list("title", flat=True)) == [
        f"期限恢复计算：{d.title}",
        f"期限已中止：{d.title}",
    ]


def test_resume_takes_a_due_date_recomputed_by_the_caller(personas, enterprise):
    d = make_deadline(enterprise, DUE, [personas.officer1])
    suspend_deadline(d, basis="鉴定期间", on=dt.date(2026, 6, 3), actor=personas.head)
    resumed = resume_deadline(d, on=dt.date(2026, 6, 5), due_date=dt.date(2026, 6, 19), actor=personas.head)
    assert (resumed.due_date, resumed.suspended_days) == (dt.date(2026, 6, 19), 2)


def test_resume_into_the_past_is_overdue(personas, enterprise):
    d = make_deadline(enterprise, DUE, [personas.officer1])
    suspend_deadline(d, basis="鉴定期间", on=dt.date(2026, 6, 10), actor=personas.head)
    resumed = resume_deadline(d, on=dt.date(2026, 6, 10), actor=personas.head)
    assert (resumed.status, resumed.due_date) == (DeadlineStatus.OPEN, DUE)
    suspend_deadline(d, basis="鉴定期间", on=dt.date(2026, 6, 14), actor=personas.head)
    resumed = resume_deadline(d, on=dt.date(2026, 6, 20), due_date=dt.date(2026, 6, 18), actor=personas.head)
    assert (resumed.status, resumed.suspended_days) == (DeadlineStatus.OVERDUE, 6)
    assert DeadlineSuspension.objects.filter(deadline=d).count() == 2


def test_resume_rearms_the_stages_that_lie_ahead_again(personas, enterprise):
    d = make_deadline(enterprise, DUE, [personas.officer1])
    scan_deadlines(DUE - dt.timedelta(days=7))
    scan_deadlines(DUE - dt.timedelta(days=3))
    suspend_deadline(d, basis="听证期间", on=DUE - dt.timedelta(days=3), actor=personas.head)
    resume_deadline(d, on=DUE + dt.timedelta(days=2), actor=personas.head)  # due moves 5 days later
    d.refresh_from_db()
    assert d.due_date == dt.date(2026, 6, 20)
    # 3 days left again: d-7 is behind us (kept); d-3 is current again (re-armed) and goes out anew.
    assert list(ReminderSent.objects.filter(deadline=d).values_list("stage", flat=True)) == ["d-7"]
    assert scan_deadlines(dt.date(2026, 6, 17)).reminders_sent == 1
    assert scan_deadlines(dt.date(2026, 6, 17)).reminders_sent == 0
    assert sorted(ReminderSent.objects.filter(deadline=d).values_list("stage", flat=True)) == ["d-3", "d-7"]


def test_suspend_needs_a_basis_and_resume_not_before_start(personas, enterprise):
    d = make_deadline(enterprise, DUE, [personas.officer1])
    with pytest.raises(InvalidInput) as excinfo:
        suspend_deadline(d, basis="  ", actor=personas.head)
    assert excinfo.value.message == "请填写期限中止的依据。"
    d.refresh_from_db()
    assert d.status == DeadlineStatus.OPEN
    suspend_deadline(d, basis="听证期间", on=dt.date(2026, 6, 5), actor=personas.head)
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput):
        resume_deadline(d, on=dt.date(2026, 6, 4), actor=personas.head)
    d.refresh_from_db()
    assert (d.status, d.due_date) == (DeadlineStatus.SUSPENDED, DUE)
    assert AuditEvent.objects.count() == events


ACTIONS = {
    "close": lambda d, actor: close_deadline(d, actor=actor),
    "suspend": lambda d, actor: suspend_deadline(d, basis="听证期间", on=dt.date(2026, 6, 5), actor=actor),
    "resume": lambda d, actor: resume_deadline(d, on=dt.date(2026, 6, 6), actor=actor),
}


@pytest.mark.parametrize("status", DeadlineStatus.values)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_status_action_pair(personas, enterprise, status, action):
    """Allowed pairs change the status; refused ones raise InvalidTransition and change nothing."""
    d = make_deadline(enterprise, DUE, [personas.officer1])
    if status == DeadlineStatus.SUSPENDED:
        suspend_deadline(d, basis="听证期间", on=dt.date(2026, 6, 1), actor=personas.head)
    else:
        Deadline.objects.filter(pk=d.pk).update(status=status)
    events = AuditEvent.objects.count()
    if status in ALLOWED_FROM[action]:
        ACTIONS[action](d, personas.head)
        d.refresh_from_db()
        expected = {
            "close": DeadlineStatus.MET,
            "suspend": DeadlineStatus.SUSPENDED,
            "resume": DeadlineStatus.OPEN,
        }
        assert d.status == expected[action]
        assert AuditEvent.objects.count() == events + 1
    else:
        with pytest.raises(InvalidTransition):
            ACTIONS[action](d, personas.head)
        d.refresh_from_db()
        assert (d.status, d.due_date, d.closed_at) == (status, DUE, None)
        assert AuditEvent.objects.count() == events


def test_closing_a_suspended_deadline_ends_its_suspension(personas, enterprise):
    d = make_deadline(enterprise, DUE, [personas.officer1])
    with time_machine.travel(TODAY, tick=False):
        suspend_deadline(d, basis="听证期间", actor=personas.head)
        close_deadline(d, status=DeadlineStatus.WAIVED, actor=personas.head)
    assert DeadlineSuspension.objects.get(deadline=d).end_date == dt.date(2026, 6, 1)


def test_mark_overdue_marks_open_past_deadlines_once_with_one_event_per_agency(personas, enterprise):
    other = EnterpriseFactory(agency=personas.agencies.district_b)
    late_a = make_deadline(enterprise, dt.date(2026, 6, 9), [personas.officer1])
    late_b = make_deadline(other, dt.date(2026, 6, 8), [personas.officer_other])
    make_deadline(enterprise, dt.date(2026, 6, 10), [personas.officer1])  # due today: not overdue
    met = make_deadline(enterprise, dt.date(2026, 6, 1), [personas.officer1])
    close_deadline(met, actor=None)
    assert mark_overdue_deadlines(dt.date(2026, 6, 10)) == 2
    assert mark_overdue_deadlines(dt.date(2026, 6, 10)) == 0
    assert sorted(Deadline.objects.overdue(dt.date(2026, 6, 10)).values_list("pk", flat=True)) == sorted(
        [late_a.pk, late_b.pk]
    )
    assert sorted(Deadline.objects.filter(status="overdue").values_list("pk", flat=True)) == sorted(
        [late_a.pk, late_b.pk]
    )
    events = list(AuditEvent.objects.filter(action="deadline.overdue").values_list("agency_id_ref", "data"))
    assert sorted(events, key=lambda e: e[0] or 0) == sorted(
        [
            (late_a.agency_id, {"on": "2026-06-10", "deadline_ids": [late_a.pk]}),
            (late_b.agency_id, {"on": "2026-06-10", "deadline_ids": [late_b.pk]}),
        ],
        key=lambda e: e[0] or 0,
    )
