"""Celery tasks of the supervision app (thin, idempotent)."""

from __future__ import annotations

from celery import shared_task

from .services.rectifications import escalate_overdue


@shared_task
def escalate_rectifications_task() -> int:
    """Daily: rectifications past their due date without an answer become 逾期未报送 and are reported."""
    return escalate_overdue()
