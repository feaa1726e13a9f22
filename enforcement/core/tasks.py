"""Celery tasks of core: thin, idempotent, call services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="enforcement.core.tasks.check_calendar_coverage_task", ignore_result=True)
def check_calendar_coverage_task() -> int:
    """Daily: alert calendar admins when this (or, from October, next) year's holidays are not entered.

    Idempotent: each admin gets at most one alert per missing year per month (see check_calendar_coverage).
    """
    from .calendar import check_calendar_coverage

    return check_calendar_coverage()
