"""Benchmark: a 100,000-row enterprise import as a Celery task while another user edits an enterprise.

On the bench database (PostgreSQL), then again on a fresh SQLite file (migrated and seeded in a child
process, as the demo runs it). A real worker (in-process, on the configured broker) runs the task; the
main thread, as officer2, keeps editing one enterprise of its agency until the job ends. Prints per
database: rows, seconds, rows per second, edits made while the import ran, edits refused (must be 0:
no "database is locked"), the longest edit in ms, and whether every row arrived whole. Cleans up.

    .venv/bin/python benchmarks/bench_import_task.py            # bench DB, then SQLite
    BENCH_IMPORT_ROWS=20000 .venv/bin/python benchmarks/bench_import_task.py
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")
os.environ.setdefault("SIMPLE_STATIC", "true")

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
PREFIX = "91320111MB"  # credit codes no seeded enterprise uses


def _sqlite_child() -> int:
    """Run this script again on a fresh, migrated and seeded SQLite database."""
    with tempfile.TemporaryDirectory(prefix="bench-import-sqlite-") as tmp:
        env = dict(
            os.environ, DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", VAR_DIR=tmp, BENCH_IMPORT_CHILD="1"
        )
        python = sys.executable
        for args in (["manage.py", "migrate", "--noinput", "-v0"], ["manage.py", "seed_demo"]):
            subprocess.run([python, *args], cwd=ROOT, env=env, check=True, stdout=sys.stderr)
        return subprocess.run([python, __file__], cwd=ROOT, env=env, check=False).returncode


def main() -> int:
    import django

    django.setup()

    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connection

    from enforcement.celery import app
    from enforcement.core.models import Enterprise, ImportJob, ImportStatus, User
    from enforcement.core.services.enterprises import update_enterprise
    from enforcement.core.services.imports import start_import
    from enforcement.core.tasks import run_import_task
    from enforcement.core.validators import make_credit_code

    officer1 = User.objects.get(username="officer1")
    officer2 = User.objects.get(username="officer2")
    target = Enterprise.objects.filter(agency=officer2.agency).order_by("id").first()
    assert target is not None, "the seed has no enterprise of officer2's agency"
    lines = ["单位名称,统一社会信用代码,风险等级,联系电话"]
    lines += [
        f"基准导入单位{i}有限公司,{make_credit_code(f'{PREFIX}{i:07d}')},一般风险,025-{i:08d}"
        for i in range(ROWS)
    ]
    upload = io.BytesIO(("\n".join(lines) + "\n").encode())
    upload.name = "bench.csv"  # type: ignore[attr-defined]

    done = threading.Event()

    def on_postrun(sender=None, **kwargs):
        if sender is not None and sender.name == run_import_task.name:
            done.set()

    task_postrun.connect(on_postrun, weak=False)
    app.control.purge()
    edits_ok = edits_failed = 0
    longest = 0.0
    started = time.perf_counter()
    job = start_import("enterprises", upload, actor=officer1)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        while not done.wait(0.1):
            t = time.perf_counter()
            try:
                update_enterprise(target, {"contact_phone": f"025-{edits_ok:08d}"}, actor=officer2)
                edits_ok += 1
            except Exception as exc:  # "database is locked" would land here
                print(f"edit failed: {exc!r}", file=sys.stderr)
                edits_failed += 1
            longest = max(longest, time.perf_counter() - t)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    imported = Enterprise.objects.filter(credit_code__startswith=PREFIX)
    whole = imported.filter(risk_class="general", contact_phone__startswith="025-").count()
    report = job.report or {}
    print(
        f"import_task db={connection.vendor} rows={ROWS} seconds={seconds:.1f} rows_per_s={ROWS / seconds:.0f} "
        f"status={job.status} reported_created={report.get('created')} rejected={report.get('rejected')} "
        f"rows_whole={whole} edits_during_import={edits_ok} edits_refused={edits_failed} "
        f"longest_edit_ms={longest * 1000:.0f}"
    )
    ok = job.status == ImportStatus.DONE and report.get("created") == ROWS == whole and edits_failed == 0
    imported.delete()
    ImportJob.objects.filter(pk=job.pk).update(report=None)
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    if not os.environ.get("BENCH_IMPORT_CHILD") and code == 0:
        code = _sqlite_child()
    sys.exit(code)
