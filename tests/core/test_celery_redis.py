"""The deadline scan through the real Redis broker to a real Celery worker, results in PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import threading
from zoneinfo import ZoneInfo

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings

from enforcement.celery import app
from enforcement.core.models import Notification, ReminderSent
from enforcement.core.tasks import scan_deadlines_task
from tests.factories import EnterpriseFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.redis, pytest.mark.usefixtures("deadline_kinds")]


def _require_redis() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.fail("REDIS_URL is not set: run the tests through scripts/dev-pytest.sh or make test.")
    return url


def test_settings_use_the_redis_broker_and_no_eager_mode():
    url = _require_redis()
    assert url == settings.CELERY_BROKER_URL
    assert app.conf.broker_url == url
    assert app.conf.task_always_eager is False
    assert app.conf.task_serializer == "json"
    assert "enforcement.core.tasks.scan_deadlines_task" in settings.CELERY_BEAT_SCHEDULE.get(
        "scan-deadlines-daily", {}
    ).get("task", "")


@pytest.mark.django_db(transaction=True)
def test_scan_task_runs_on_a_real_worker_through_redis(personas):
    """``scan_deadlines_task.delay()`` goes to Redis; an in-process worker (its own DB connection)
    runs it; the notifications appear in PostgreSQL. A second delivery sends nothing more."""
    _require_redis()
    today = dt.datetime.now(ZoneInfo(settings.TIME_ZONE)).date()
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(enterprise, today, [personas.officer1, personas.officer2])
    finished: list[tuple[str, object]] = []
    both_done = threading.Event()

    def on_postrun(sender=None, task_id=None, retval=None, state=None, **kwargs):
        if sender is not None and sender.name == scan_deadlines_task.name:
            finished.append((str(state), retval))
            if len(finished) == 2:
                both_done.set()

    task_postrun.connect(on_postrun, weak=False)
    app.control.purge()  # nothing left over from an earlier run may reach this worker
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            scan_deadlines_task.delay()
            scan_deadlines_task.delay(today.isoformat())
            assert both_done.wait(60), "the worker did not run both tasks within 60 s"
    finally:
        task_postrun.disconnect(on_postrun)
    assert finished == [
        ("SUCCESS", {"on": today.isoformat(), "marked_overdue": 0, "reminders_sent": 2}),
        ("SUCCESS", {"on": today.isoformat(), "marked_overdue": 0, "reminders_sent": 0}),
    ]
    deadline_reminders = ReminderSent.objects.filter(deadline=deadline)
    assert sorted(deadline_reminders.values_list("recipient__username", "stage")) == [
        ("officer1", "d0"),
        ("officer2", "d0"),
    ]
    assert sorted(
        Notification.objects.filter(object_id=enterprise.pk).values_list("recipient__username", "title")
    ) == [
        ("officer1", f"期限今日届满：{enterprise.name}整改"),
        ("officer2", f"期限今日届满：{enterprise.name}整改"),
    ]
