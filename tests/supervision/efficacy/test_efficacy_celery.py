"""The half-yearly beat task through the real Redis broker to a real Celery worker (as the deadline scan)."""

from __future__ import annotations

import os
import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from enforcement.celery import app
from supervision.models import EfficacyEvaluation
from supervision.tasks import build_due_efficacy_evaluations_task

pytestmark = [pytest.mark.redis]


@pytest.mark.django_db(transaction=True)
def test_beat_task_builds_on_a_real_worker(personas, settings, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL is not set: run the tests through scripts/dev-pytest.sh or make test.")
    settings.MEDIA_ROOT = str(tmp_path)
    done = threading.Event()
    states: list[str] = []

    def on_postrun(sender=None, state=None, **kwargs):
        if sender is not None and sender.name == build_due_efficacy_evaluations_task.name:
            states.append(str(state))
            done.set()

    task_postrun.connect(on_postrun, weak=False)
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            build_due_efficacy_evaluations_task.delay("2026-07-05")
            assert done.wait(60), "the worker did not run the task within 60 s"
    finally:
        task_postrun.disconnect(on_postrun)
    assert states == ["SUCCESS"]
    ev = EfficacyEvaluation.objects.get()
    assert (ev.agency.code, ev.year, ev.half, ev.status) == ("320000", 2026, 1, "draft")
    assert ev.rows.count() == 5 and ev.created_by is None
