"""Celery application. Broker is Redis when REDIS_URL is set, else kombu's server-free filesystem transport."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

app = Celery("enforcement")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="enforcement.ping")
def ping(note: str = "") -> str:
    """Round trip through the broker: `make demo` sends one and waits for the worker to log it."""
    return f"pong {note}".strip()
