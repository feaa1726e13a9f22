"""run_daily_jobs: run every daily beat job now, in their beat order (``make demo`` runs it at start).

The jobs are the ``CELERY_BEAT_SCHEDULE`` entries, called in this process in the order of their time of
day (calendar coverage check, training-hours deadlines, the apps' registered daily jobs such as the
timed withdrawal of publications, then the deadline scan that sends reminders), so
a demo started in the afternoon has today's reminders in the inboxes at once; beat keeps them daily.
Every job is idempotent: running this twice sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab
from django.conf import settings
from django.core.management.base import BaseCommand

from enforcement.celery import app


def _time_of_day(schedule: Any) -> tuple[int, int]:
    if isinstance(schedule, crontab):
        return (min(schedule.hour), min(schedule.minute))
    return (99, 99)


def _daily(schedule: Any) -> bool:
    """A crontab that fires every day (a yearly job such as the January statistics report is not one)."""
    if not isinstance(schedule, crontab):
        return True
    return (
        len(schedule.day_of_month) == 31
        and len(schedule.month_of_year) == 12
        and len(schedule.day_of_week) == 7
    )


def daily_jobs() -> list[tuple[str, str]]:
    """(entry name, task name) of the beat schedule's daily entries, earliest first."""
    daily = [(name, e) for name, e in settings.CELERY_BEAT_SCHEDULE.items() if _daily(e["schedule"])]
    entries = sorted(daily, key=lambda kv: _time_of_day(kv[1]["schedule"]))
    return [(name, entry["task"]) for name, entry in entries]


class Command(BaseCommand):
    help = "立即执行每日定时任务（期限扫描与提醒、培训学时期限、节假日录入提醒、公示期满撤回等）；可重复执行"

    def handle(self, *args: Any, **options: Any) -> None:
        app.loader.import_default_modules()  # registers every app's tasks (autodiscover)
        for name, task_name in daily_jobs():
            result = app.tasks[task_name].apply().get()
            self.stdout.write(f"{name}: {result}")
