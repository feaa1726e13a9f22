"""Spreadsheet imports as Celery tasks: one runner for every import (enterprises, catalog, training
records, discretion benchmarks; inspections and cases next).

How an app plugs in (see ``registry.Importer``)::

    register_importer(Importer("enterprises", "生产经营单位", run=_run, may_start=..., back_url=...))

and how a view uses it::

    job = queue_import_if_large("enterprises", upload, actor=user, params={...})
    if job is not None:
        return redirect("core:import_job", pk=job.pk)   # progress bar, then the report
    report = import_enterprises(upload, ...)              # small files: answered in the request

``count_data_rows`` checks the row cap before anything is stored or queued. ``start_import`` keeps
the file (generated name, outside any served URL) on an ``ImportJob`` and queues ``run_import_task``
when the transaction commits; the worker calls the importer with a progress callback, keeps the report
on the job and deletes the file. Importers write through ``write_in_batches``: every row in its own
savepoint (a row is written whole or not at all), every batch in its own short transaction, so other
users' writes wait at most one batch (SQLite demo: no "database is locked"), and a re-run of the same
file completes an interrupted import (imports upsert by code).
"""

from __future__ import annotations

import io
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from ..exceptions import DomainError, InvalidInput, NotAllowed
from ..middleware.request_context import current_context, request_context
from ..models import ImportJob, ImportStatus
from ..registry import REGISTRY, Importer
from ..tabular import count_data_rows
from .audit import record_event

log = logging.getLogger(__name__)

BATCH_ROWS = 500
# SQLite has one writer at a time and a waiting writer retries at most every 100 ms (its busy handler):
# a pause this long between batches lets every waiting writer in before the next batch (demo only).
SQLITE_PAUSE_SECONDS = 0.12
T = TypeVar("T")


def inline_max_rows() -> int:
    """Files with at most this many data rows are imported within the request; larger ones as a task."""
    return int(getattr(settings, "IMPORT_INLINE_MAX_ROWS", 1000))


@dataclass
class ImportRun:
    """What an importer is given: the file, the actor, the job's params, and where to report progress."""

    file: IO[bytes]
    filename: str
    actor: Any
    params: dict[str, Any] = field(default_factory=dict)
    job_id: int | None = None

    def progress(self, done: int, total: int) -> None:
        if self.job_id is not None:  # a short write of its own, outside the batches
            ImportJob.objects.filter(pk=self.job_id).update(done_rows=done, total_rows=total)


def importer(kind: str) -> Importer:
    try:
        return REGISTRY.importers[kind]
    except KeyError:
        raise InvalidInput(f"未知的导入类别：{kind}") from None


def write_batches(
    rows: Sequence[T],
    write_batch: Callable[[Sequence[T]], None],
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_ROWS,
) -> None:
    """Call ``write_batch`` with ``batch_size`` rows at a time, each call in its own transaction, and
    report progress after each. For importers that write a batch at once (one lookup, one INSERT)."""
    total = len(rows)
    pause = SQLITE_PAUSE_SECONDS if connection.vendor == "sqlite" else 0.0
    for start in range(0, total, batch_size):
        if start and pause:
            time.sleep(pause)
        with transaction.atomic():
            write_batch(rows[start : start + batch_size])
        if progress is not None:
            progress(min(start + batch_size, total), total)


def write_in_batches(
    rows: Sequence[tuple[int, T]],
    write_row: Callable[[int, T], None],
    on_error: Callable[[int, T, DomainError], None],
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_ROWS,
) -> None:
    """Call ``write_row(number, row)`` for every row, each in a savepoint, ``batch_size`` rows per
    transaction; a row whose write raises a DomainError is rolled back alone and passed to ``on_error``."""

    def write_batch(batch: Sequence[tuple[int, T]]) -> None:
        for number, row in batch:
            try:
                with transaction.atomic():
                    write_row(number, row)
            except DomainError as exc:
                on_error(number, row, exc)

    write_batches(rows, write_batch, progress=progress, batch_size=batch_size)


def queue_import_if_large(
    kind: str, upload: IO[bytes], *, actor: Any, params: dict[str, Any] | None = None
) -> ImportJob | None:
    """Check the row cap; queue a task for a file over ``inline_max_rows()`` (returns its job), else
    None: the caller imports the (rewound) upload within the request."""
    rows = count_data_rows(upload, getattr(upload, "name", "") or "")
    if rows <= inline_max_rows():
        upload.seek(0)
        return None
    return start_import(kind, upload, actor=actor, params=params, rows=rows)


def start_import(
    kind: str,
    upload: IO[bytes],
    *,
    actor: Any,
    params: dict[str, Any] | None = None,
    rows: int | None = None,
) -> ImportJob:
    """Store the upload on a new ImportJob and queue ``run_import_task`` once this transaction commits.

    Raises NotAllowed when the actor may not start this import, InvalidInput for a file over the row
    cap or unreadable (before anything is stored)."""
    imp = importer(kind)
    params = dict(params or {})
    if not imp.may_start(actor, params):
        raise NotAllowed(f"您无权导入{imp.label}")
    filename = str(getattr(upload, "name", "") or "import.xlsx").rsplit("/", 1)[-1][:200]
    if rows is None:
        rows = count_data_rows(upload, filename)
    upload.seek(0)
    extension = "csv" if filename.lower().endswith((".csv", ".txt")) else "xlsx"
    with transaction.atomic():
        job = ImportJob(
            kind=kind,
            label=imp.label,
            created_by=actor,
            filename=filename,
            params=params,
            total_rows=rows,
            ip_address=current_context().ip_address,
        )
        job.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(upload.read()), save=False)
        job.save()
        record_event(
            "import.queue",
            actor=actor,
            obj=job,
            data={"kind": kind, "filename": filename, "rows": rows},
        )
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: int) -> None:
    # By name: ``tasks.run_import_task`` calls ``run_import`` here (no import loop).
    current_app.send_task("enforcement.core.tasks.run_import_task", args=[job_id])


def run_import(job_id: int) -> ImportJob | None:
    """Run a queued job (the worker's side). Idempotent: a job already claimed is left alone."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    report: dict[str, Any] | None = None
    error = ""
    try:
        imp = importer(job.kind)
        with job.file.open("rb") as stored:
            handle = io.BytesIO(stored.read())
        handle.name = job.filename  # type: ignore[attr-defined]  # read_rows tells XLSX from CSV by name
        with request_context(job.ip_address):
            report = imp.run(ImportRun(handle, job.filename, job.created_by, job.params, job.pk))
    except DomainError as exc:
        error = exc.message
    except Exception:
        log.exception("import job %s failed", job_id)
        error = "导入中断（服务器内部错误）。已写入的行均完整保存；可重新导入同一文件，已有记录按编码更新，不会重复。"
    _finish(job, report, error)
    return job


def _finish(job: ImportJob, report: dict[str, Any] | None, error: str) -> None:
    job.refresh_from_db(fields=["done_rows", "total_rows"])
    job.status = ImportStatus.FAILED if error else ImportStatus.DONE
    job.error = error
    job.report = report
    job.finished_at = timezone.now()
    if report is not None:
        job.done_rows = job.total_rows = int(report.get("total", job.total_rows))
    if job.file:
        job.file.delete(save=False)
    with transaction.atomic(), request_context(job.ip_address):
        job.save()
        summary = {k: v for k, v in (report or {}).items() if k != "errors"}
        record_event(
            "import.finish",
            actor=job.created_by,
            obj=job,
            data={"kind": job.kind, "status": job.status, "error": error, **summary},
        )
