"""Celery tasks of the training app (thin, idempotent)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="training.tasks.open_training_hours_deadlines_task", ignore_result=True)
def open_training_hours_deadlines_task() -> int:
    """Open this year's 年度培训学时 deadlines for officers who have none yet (idempotent; daily beat)."""
    from .services import open_training_hours_deadlines

    return open_training_hours_deadlines()
