"""期限 services: apps open and close deadlines on their objects; the daily scan sends reminders once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from .audit import record_event
from .models import DayType, Deadline, DeadlineStatus, User


def open_deadline(
    *,
    subject: models.Model,
    kind: str,
    title: str,
    agency_id: int,
    due_date: dt.date,
    start_date: dt.date | None = None,
    day_type: str = DayType.CALENDAR,
    length: int | None = None,
    basis: str = "",
    provisional: bool = False,
    responsible: Iterable[User] = (),
    actor: Any = None,
) -> Deadline:
    """Create an open deadline on ``subject`` (call inside the service's transaction).

    ``due_date`` is computed by the caller through the working-day calendar (enforcement.core.calendar).
    """
    with transaction.atomic():
        deadline = Deadline.objects.create(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            agency_id=agency_id,
            kind=kind,
            title=title,
            basis=basis,
            start_date=start_date or timezone.localdate(),
            due_date=due_date,
            day_type=day_type,
            length=length,
            provisional=provisional,
        )
        people = list(responsible)
        if people:
            deadline.responsible.add(*people)
        record_event(
            "deadline.create",
            actor=actor,
            obj=deadline,
            agency_id=agency_id,
            data={"kind": kind, "due_date": due_date.isoformat(), "basis": basis},
        )
    return deadline


def close_deadlines(
    *, subject: models.Model, kind: str, status: str = DeadlineStatus.MET, actor: Any = None
) -> int:
    """Close the open deadlines of ``kind`` on ``subject``; returns how many were closed."""
    with transaction.atomic():
        ct = ContentType.objects.get_for_model(subject)
        rows = list(
            Deadline.objects.select_for_update()
            .filter(content_type=ct, object_id=subject.pk, kind=kind)
            .open()
        )
        for d in rows:
            d.status = status
            d.closed_at = timezone.now()
            d.save(update_fields=["status", "closed_at"])
            record_event("deadline.close", actor=actor, obj=d, data={"kind": kind, "status": status})
    return len(rows)
