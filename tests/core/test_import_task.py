"""Large imports run as a Celery task (real Redis broker, real worker) while other users keep working.

ERRATA: tests import a few thousand rows; the 100,000-row run (PostgreSQL and SQLite) is
``benchmarks/bench_import_task.py`` in ``make bench``.
"""

from __future__ import annotations

import io
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core.files.uploadedfile import SimpleUploadedFile

from enforcement.celery import app
from enforcement.core import tabular
from enforcement.core.models import AuditEvent, Enterprise, ImportJob, ImportStatus
from enforcement.core.services.enterprises import update_enterprise
from enforcement.core.services.imports import start_import
from enforcement.core.tasks import run_import_task
from enforcement.core.validators import make_credit_code
from tests.factories import EnterpriseFactory

pytestmark = [pytest.mark.redis]

ROWS = 3000


def enterprise_csv(rows: int, *, prefix: str = "91320111MA") -> bytes:
    lines = ["单位名称,统一社会信用代码,风险等级,联系电话"]
    for i in range(rows):
        code = make_credit_code(f"{prefix}{i:07d}")
        lines.append(f"导入测试单位{i}有限公司,{code},一般风险,025-{i:08d}")
    return ("\n".join(lines) + "\n").encode()


def run_worker_until_done(job_id: int, during) -> list[str]:
    """Start a real worker on the Redis broker; call ``during()`` repeatedly until the job ends."""
    done = threading.Event()
    seen: list[str] = []

    def on_postrun(sender=None, **kwargs):
        if sender is not None and sender.name == run_import_task.name:
            done.set()

    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            give_up = time.monotonic() + 180  # a safety net only; nothing is asserted about time
            while not done.wait(0.05):
                assert time.monotonic() < give_up, "the import task did not finish"
                status = ImportJob.objects.values_list("status", flat=True).get(pk=job_id)
                seen.append(during(status))
    finally:
        task_postrun.disconnect(on_postrun)
    return seen


@pytest.mark.django_db(transaction=True)
def test_a_large_import_runs_as_a_task_while_another_user_edits(client, personas, settings):
    """officer1 uploads 3,000 rows: the page queues a task and shows its progress; while the worker
    writes (batches of 500), officer2 edits an enterprise again and again — every edit succeeds. The
    report counts every row; every row is written whole; the file is gone afterwards."""
    settings.IMPORT_INLINE_MAX_ROWS = 100
    app.control.purge()
    other = EnterpriseFactory(agency=personas.agencies.district_a, name="并发修改测试单位")
    client.force_login(personas.officer1)
    upload = SimpleUploadedFile("企业.csv", enterprise_csv(ROWS), content_type="text/csv")
    response = client.post("/enterprises/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    assert (job.status, job.total_rows, job.kind) == (ImportStatus.QUEUED, ROWS, "enterprises")
    page = client.get(response["Location"])
    assert "导入进度" in page.content.decode() and 'hx-trigger="every 1s"' in page.content.decode()

    edits = {"during_run": 0}

    def edit(status: str) -> str:
        n = edits.setdefault("n", 0) + 1
        edits["n"] = n
        update_enterprise(other, {"contact_phone": f"025-{n:08d}"}, actor=personas.officer2)
        if status == ImportStatus.RUNNING:
            edits["during_run"] += 1
        return status

    statuses = run_worker_until_done(job.pk, edit)
    assert ImportStatus.RUNNING in statuses
    assert edits["during_run"] >= 1, "no edit happened while the import was running"
    other.refresh_from_db()
    assert other.contact_phone == f"025-{edits['n']:08d}"

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert job.report is not None
    assert (job.report["total"], job.report["created"], job.report["rejected"]) == (ROWS, ROWS, 0)
    assert (job.done_rows, job.percent) == (ROWS, 100)
    assert not job.file  # the uploaded file does not outlive its job
    imported = Enterprise.objects.filter(name__startswith="导入测试单位")
    assert imported.count() == ROWS
    assert not imported.exclude(risk_class="general").exists()
    assert imported.filter(contact_phone__startswith="025-").count() == ROWS
    summary = AuditEvent.objects.get(action="enterprise.import")
    assert summary.data["created"] == ROWS
    assert AuditEvent.objects.filter(action="import.finish", object_id=job.pk).count() == 1

    page = client.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "已完成" in page and f"共 {ROWS} 行" in page and "every 1s" not in page
    api = client.get(f"/api/v1/import-jobs/{job.pk}/").json()
    assert (api["status"], api["report"]["created"], api["percent"]) == ("done", ROWS, 100)
    client.force_login(personas.officer2)
    assert client.get(f"/imports/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_bad_rows_are_reported_and_nothing_of_them_written(personas, settings):
    """A task import with bad rows: good rows whole, bad rows absent, each listed with its reason."""
    app.control.purge()
    text = enterprise_csv(1200).decode().splitlines()
    text[5] = text[5].replace("一般风险", "超高风险")  # row 6 of the file
    text[900] = text[900].replace(text[900].split(",")[1], "BAD")  # row 901
    upload = io.BytesIO(("\n".join(text) + "\n").encode())
    upload.name = "企业.csv"
    job = start_import("enterprises", upload, actor=personas.officer1)
    run_worker_until_done(job.pk, lambda status: status)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.report is not None
    assert (job.report["created"], job.report["rejected"]) == (1198, 2)
    assert [e["row"] for e in job.report["errors"]] == [6, 901]
    assert Enterprise.objects.filter(name__startswith="导入测试单位").count() == 1198
    assert not Enterprise.objects.filter(
        name__in=["导入测试单位4有限公司", "导入测试单位899有限公司"]
    ).exists()


@pytest.mark.django_db
def test_the_row_cap_is_checked_before_anything_is_stored(client, personas, monkeypatch):
    """Over the cap: a form error at once; no job, no stored file, no audit event."""
    monkeypatch.setattr(tabular, "MAX_ROWS", 500)
    before = AuditEvent.objects.count()
    client.force_login(personas.officer1)
    upload = SimpleUploadedFile("企业.csv", enterprise_csv(501), content_type="text/csv")
    response = client.post("/enterprises/import/", {"file": upload})
    assert response.status_code == 200
    assert "一次最多导入500行，请分批导入" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert AuditEvent.objects.count() == before
    assert not Enterprise.objects.exists()
