"""Celery tasks of the supervision app (thin, idempotent)."""

from __future__ import annotations

from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .services.rectifications import escalate_overdue


@shared_task
def escalate_rectifications_task() -> int:
    """Daily: rectifications past their due date without an answer become 逾期未报送 and are reported."""
    return escalate_overdue()


@shared_task(name="supervision.tasks.build_annual_report_task", ignore_result=True)
def build_annual_report_task(report_id: int) -> None:
    """Build one queued 年报 (a finished one is left as it is)."""
    from .services.report import build_report

    build_report(report_id)


@shared_task(name="supervision.tasks.schedule_annual_reports_task", ignore_result=True)
def schedule_annual_reports_task() -> None:
    """January (beat): the previous year's report of every top-level agency, once per year and agency."""
    from .models_report import AnnualReport
    from .services.report import root_agencies, start_report

    year = timezone.localdate().year - 1
    for agency in root_agencies():
        if AnnualReport.objects.filter(agency=agency, year=year, requested_by__isnull=True).exists():
            continue
        report = start_report(year=year, agency=agency, actor=None)
        transaction.on_commit(partial(build_annual_report_task.delay, report.pk))


@shared_task(name="supervision.tasks.build_due_efficacy_evaluations_task", ignore_result=True)
def build_due_efficacy_evaluations_task(today: str | None = None) -> None:
    """5 July / 5 January (beat): the evaluation of the half-year just ended for every top-level agency."""
    import datetime as dt

    from .services.efficacy import schedule_due_evaluations

    schedule_due_evaluations(dt.date.fromisoformat(today) if today else None)


@shared_task(name="supervision.tasks.build_efficacy_evaluation_task", ignore_result=True)
def build_efficacy_evaluation_task(agency_id: int, period_code: str, actor_id: int) -> None:
    """A supervisor's on-demand 执法效能评估 (queued by the build page; the inbox says when it is ready)."""
    from .services.efficacy import build_requested

    build_requested(agency_id=agency_id, period_code=period_code, actor_id=actor_id)
