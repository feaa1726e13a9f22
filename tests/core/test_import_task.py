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


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _catalog_file(personas) -> tuple[str, bytes, int]:
    header = ["事项编码", "事项名称", "事项类别", "设定依据", "行使层级", "状态", "生效日期"]
    rows: list[list[object]] = [
        [
            f"YJ-IMP-{i:04d}",
            f"导入事项{i}",
            "行政检查",
            "《安全生产法》第六十五条",
            "县级",
            "有效",
            "2021-09-01",
        ]
        for i in range(12)
    ]
    return "/catalog/import/", _xlsx(header, rows), 12


def _training_file(personas) -> tuple[str, bytes, int]:
    header = ["用户名", "培训类别", "培训名称", "培训日期", "学时", "考核结果", "成绩", "备注"]
    rows: list[list[object]] = [
        ["officer1", "法律知识", f"专题培训{i}", "2026-03-15", 2, "合格", 90, ""] for i in range(12)
    ]
    return "/training/records/import/", _xlsx(header, rows), 12


def _discretion_file(personas) -> tuple[str, bytes, int]:
    import datetime as dt

    from discretion.models import BenchmarkVersion
    from discretion.services import load_seed_benchmark
    from discretion.services.xlsx import export_benchmark_xlsx

    load_seed_benchmark()
    benchmark = BenchmarkVersion.objects.get(code="YJ-2024-90")
    draft = BenchmarkVersion.objects.create(
        code="TASK-1",
        name="导入测试",
        issuing_authority="测试",
        jurisdiction="province",
        region="江苏省",
        effective_from=dt.date(2026, 1, 1),
    )
    return f"/discretion/versions/{draft.pk}/import/", export_benchmark_xlsx(benchmark), 89


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_file", [_catalog_file, _training_file, _discretion_file], ids=["catalog", "training", "discretion"]
)
def test_every_import_page_queues_a_large_file_and_the_runner_imports_it(
    client, personas, settings, make_file
):
    """Catalog, training and discretion imports go through the same runner as enterprises: over the
    inline limit the page queues a job (the worker's side, ``run_import``, is called here directly),
    the job reports every row, and the job page shows the report."""
    from enforcement.core.services.imports import run_import

    settings.IMPORT_INLINE_MAX_ROWS = 5
    url, content, rows = make_file(personas)
    client.force_login(personas.cityadmin)
    response = client.post(url, {"file": SimpleUploadedFile("import.xlsx", content)})
    assert response.status_code == 302, response.content.decode()[-1500:]
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert job.report is not None
    assert job.report["rejected"] == 0 and job.report["total"] >= rows, job.report
    assert job.report["created"] + job.report["updated"] == rows
    page = client.get(response["Location"]).content.decode()
    assert "已完成" in page and f"共 {job.report['total']} 行" in page
    assert run_import(job.pk) is None  # a redelivered task does nothing
