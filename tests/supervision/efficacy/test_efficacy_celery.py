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


@pytest.mark.django_db(transaction=True)
def test_on_demand_build_runs_on_the_worker_and_tells_the_requester(client, personas, settings, tmp_path):
    """The build page answers at once (guards checked in the request), the worker builds, the requester's
    inbox gets the evaluation's link; a refused build queues nothing and says why."""
    from django.urls import reverse

    from enforcement.core.models import Notification
    from supervision.services.efficacy import publish_evaluation
    from supervision.tasks import build_efficacy_evaluation_task

    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL is not set: run the tests through scripts/dev-pytest.sh or make test.")
    settings.MEDIA_ROOT = str(tmp_path)
    done = threading.Event()
    states: list[str] = []

    def on_postrun(sender=None, state=None, **kwargs):
        if sender is not None and sender.name == build_efficacy_evaluation_task.name:
            states.append(str(state))
            done.set()

    build = reverse("supervision:efficacy_build")
    form = {"agency": personas.agencies.city.pk, "period": "2026H1"}
    client.force_login(personas.supervisor)
    task_postrun.connect(on_postrun, weak=False)
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            r = client.post(build, form)
            assert r.status_code == 302 and r["Location"] == reverse("supervision:efficacy_list")
            assert done.wait(60), "the worker did not run the build within 60 s"
    finally:
        task_postrun.disconnect(on_postrun)
    assert states == ["SUCCESS"]
    ev = EfficacyEvaluation.objects.get()
    assert (ev.agency_id, ev.year, ev.half, ev.created_by_id) == (
        personas.agencies.city.pk,
        2026,
        1,
        personas.supervisor.pk,
    )
    note = Notification.objects.get(recipient=personas.supervisor)
    assert "已生成" in note.title and note.url == reverse("supervision:efficacy_detail", args=[ev.pk])

    publish_evaluation(ev, actor=personas.supervisor)
    page = client.post(build, form, follow=True).content.decode()
    assert "已发布的评估不能重新生成" in page
    assert Notification.objects.filter(recipient=personas.supervisor).count() == 1
