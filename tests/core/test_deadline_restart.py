"""期限重新起算 (``restart_deadline``): a running deadline counts from a later start — the party's windows
count from the service of the notice, not its issue (ERRATA)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from enforcement.core.exceptions import InvalidTransition
from enforcement.core.models import AuditEvent, DeadlineStatus, Notification, ReminderSent
from enforcement.core.services.deadlines import (
    close_deadline,
    mark_overdue_deadlines,
    restart_deadline,
    scan_deadlines,
)
from tests.factories import EnterpriseFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

SH = ZoneInfo("Asia/Shanghai")


def test_an_overdue_deadline_restarted_later_is_open_again_and_reminded_anew(personas):
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=SH), tick=False):
        d = make_deadline(enterprise, dt.date(2026, 6, 2), [personas.officer1])
        scan_deadlines()  # the d-1 reminder goes out
    with time_machine.travel(dt.datetime(2026, 6, 5, 9, 0, tzinfo=SH), tick=False):
        assert mark_overdue_deadlines() == 1
        sent_before = ReminderSent.objects.filter(deadline=d).count()
        restarted = restart_deadline(
            d,
            start_date=dt.date(2026, 6, 4),
            due_date=dt.date(2026, 6, 9),
            basis="自2026-06-04送达起",
            actor=None,
        )
    assert (restarted.start_date, restarted.due_date, restarted.status, restarted.basis) == (
        dt.date(2026, 6, 4),
        dt.date(2026, 6, 9),
        DeadlineStatus.OPEN,
        "自2026-06-04送达起",
    )
    assert sent_before >= 1 and ReminderSent.objects.filter(deadline=d).count() < sent_before
    event = AuditEvent.objects.get(action="deadline.restart")
    assert event.data["old_due_date"] == "2026-06-02" and event.data["due_date"] == "2026-06-09"
    assert Notification.objects.filter(title__startswith="期限重新起算").count() == 1
    close_deadline(d, actor=None)
    with pytest.raises(InvalidTransition):
        restart_deadline(
            d, start_date=dt.date(2026, 6, 5), due_date=dt.date(2026, 6, 10), basis="x", actor=None
        )
