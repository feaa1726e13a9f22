"""Celery tasks of core. Thin: they take JSON-serialisable arguments only and call one service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone


@shared_task(
    name="enforcement.core.tasks.scan_deadlines_task",
    autoretry_for=(OperationalError, InterfaceError),  # transient database trouble only
    retry_backoff=True,
    max_retries=3,
)
def scan_deadlines_task(on: str | None = None) -> dict[str, Any]:
    """Daily beat task: mark overdue deadlines and send the reminders due (``scan_deadlines``).

    ``on`` is an ISO date for re-running a missed day; by default today in Asia/Shanghai
    (``timezone.localdate()``, never the UTC date). Idempotent: each reminder goes out once per
    (deadline, stage, recipient) however often the task runs, even concurrently.
    """
    from .services.deadlines import scan_deadlines

    today = dt.date.fromisoformat(on) if on else timezone.localdate()
    result = scan_deadlines(today)
    return {
        "on": result.on.isoformat(),
        "marked_overdue": result.marked_overdue,
        "reminders_sent": result.reminders_sent,
    }


@shared_task(name="enforcement.core.tasks.check_calendar_coverage_task", ignore_result=True)
def check_calendar_coverage_task() -> int:
    """Daily: alert calendar admins when this (or, from October, next) year's holidays are not entered.

    Idempotent: each admin gets at most one alert per missing year per month (see check_calendar_coverage).
    """
    from .services.calendar_coverage import check_calendar_coverage

    return check_calendar_coverage()


@shared_task(name="enforcement.core.tasks.verify_audit_chain_task", ignore_result=True)
def verify_audit_chain_task(run_id: int) -> None:
    """Walk the audit chain for one 校验审计链 run, writing progress (idempotent: a finished run is kept)."""
    from .services.audit_runs import run_verification

    run_verification(run_id)


@shared_task(name="enforcement.core.tasks.run_import_task", ignore_result=True, acks_late=False)
def run_import_task(job_id: int) -> None:
    """Run one queued spreadsheet import (``services.imports.run_import``); a redelivery does nothing."""
    from .services.imports import run_import

    run_import(job_id)


@shared_task(
    name="enforcement.core.tasks.run_app_daily_jobs_task",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def run_app_daily_jobs_task(on: str | None = None) -> dict[str, Any]:
    """Daily beat task: the apps' registered daily jobs (``registry.register_daily_job``), in their order.

    Each job is idempotent; ``on`` re-runs a missed day (default today in Asia/Shanghai)."""
    from .registry import REGISTRY

    today = dt.date.fromisoformat(on) if on else timezone.localdate()
    return {job.name: job.func(today) for job in REGISTRY.daily_jobs}
