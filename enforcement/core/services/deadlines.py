"""期限 services: apps open, close, suspend and resume deadlines; the daily scan marks overdue ones and
sends each reminder stage exactly once per (deadline, stage, recipient).

Day arithmetic is not done here: the caller computes ``due_date`` through the working-day calendar
(``enforcement.core.services.calendar``) and passes it in. The one exception is ``resume_deadline``, which by
default moves the due date by the number of **calendar** days the deadline was suspended (the
suspension period simply does not count); an app whose period counts working days passes the
recomputed ``due_date`` instead.

Reminder stages: see ``enforcement.core.rules.reminders`` (``d-N``, ``d0``, ``overdue``, ``d+N``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..exceptions import InvalidInput, InvalidTransition
from ..models import DayType, Deadline, DeadlineStatus, DeadlineSuspension, Notification, ReminderSent, User
from ..models.deadlines import CLOSED_STATUSES, RUNNING_STATUSES
from ..registry import REGISTRY, DeadlineKind
from ..rules.reminders import OVERDUE, StageWindow, stage_windows, stages_not_reached
from .audit import record_event
from .notifications import deliver, notify

DEFAULT_CHUNK_SIZE = 500

# Which statuses each action may start from (the transition table is data; see STYLE "Workflows").
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "close": frozenset({DeadlineStatus.OPEN, DeadlineStatus.OVERDUE, DeadlineStatus.SUSPENDED}),
    "suspend": frozenset({DeadlineStatus.OPEN, DeadlineStatus.OVERDUE}),
    "resume": frozenset({DeadlineStatus.SUSPENDED}),
    "mark_overdue": frozenset({DeadlineStatus.OPEN}),
}


class UnknownDeadlineKind(LookupError):
    """A deadline kind no app registered — a programming error, not a user error."""


def deadline_kind(code: str) -> DeadlineKind:
    """The registered kind ``code``; raises ``UnknownDeadlineKind`` when no app registered it."""
    try:
        return REGISTRY.deadline_kinds[code]
    except KeyError:
        raise UnknownDeadlineKind(
            f"Deadline kind {code!r} is not registered; call registry.register_deadline_kind() in ready()."
        ) from None


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _lock(deadline: Deadline | int) -> Deadline:
    pk = deadline.pk if isinstance(deadline, Deadline) else deadline
    return Deadline.objects.select_for_update().get(pk=pk)


def _guard(action: str, deadline: Deadline) -> None:
    if deadline.status not in ALLOWED_FROM[action]:
        labels = {"close": "完成或免除", "suspend": "中止", "resume": "恢复计算"}
        raise InvalidTransition(
            f"期限当前状态为“{deadline.get_status_display()}”，不能{labels.get(action, action)}。"
        )


# --- open / close ---------------------------------------------------------------------------------


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
    """Create an open deadline of ``kind`` on ``subject``; call it inside the app service's transaction.

    ``kind`` must have been registered (``UnknownDeadlineKind`` otherwise); ``basis`` defaults to the
    kind's basis. ``due_date`` is computed by the caller through the calendar; ``provisional`` marks a
    due date counted Monday–Friday because the calendar does not know the year yet. ``responsible``
    users receive the reminders and see the deadline in "mine". Writes ``deadline.create``.
    """
    registered = deadline_kind(kind)
    with transaction.atomic():
        deadline = Deadline.objects.create(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            agency_id=agency_id,
            kind=kind,
            title=title,
            basis=basis or registered.basis,
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
            data={
                "kind": kind,
                "due_date": due_date.isoformat(),
                "basis": deadline.basis,
                "responsible": sorted(u.pk for u in people),
            },
        )
    return deadline


def _close(deadline: Deadline, status: str, today: dt.date, actor: Any) -> None:
    _guard("close", deadline)
    if deadline.status == DeadlineStatus.SUSPENDED:
        DeadlineSuspension.objects.filter(deadline=deadline, end_date__isnull=True).update(end_date=today)
    deadline.status = status
    deadline.closed_at = timezone.now()
    deadline.save(update_fields=["status", "closed_at"])
    record_event("deadline.close", actor=actor, obj=deadline, data={"kind": deadline.kind, "status": status})


def _check_close_status(status: str) -> None:
    if status not in CLOSED_STATUSES:
        raise ValueError(f"A deadline closes as met or waived, not {status!r}.")


def close_deadlines(
    *, subject: models.Model, kind: str | None, status: str = DeadlineStatus.MET, actor: Any = None
) -> int:
    """Close the running or suspended deadlines of ``kind`` (every kind if None) on ``subject``.

    ``status`` is ``met`` (the act was done) or ``waived`` (no longer required); anything else is a
    programming error (ValueError), as is an unregistered kind. A running suspension ends today.
    Writes one ``deadline.close`` per deadline; returns how many were closed (0 is not an error).
    """
    _check_close_status(status)
    if kind is not None:
        deadline_kind(kind)
    today = timezone.localdate()
    with transaction.atomic():
        qs = Deadline.objects.select_for_update().filter(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            status__in=ALLOWED_FROM["close"],
        )
        if kind is not None:
            qs = qs.filter(kind=kind)
        rows = list(qs.order_by("id"))
        for d in rows:
            _close(d, status, today, actor)
    return len(rows)


def close_deadline(deadline: Deadline | int, *, status: str = DeadlineStatus.MET, actor: Any) -> Deadline:
    """Close one deadline as met or waived; ``InvalidTransition`` if it is already closed."""
    _check_close_status(status)
    with transaction.atomic():
        locked = _lock(deadline)
        _close(locked, status, timezone.localdate(), actor)
    return locked


def restart_deadline(
    deadline: Deadline | int, *, start_date: dt.date, due_date: dt.date, basis: str, actor: Any
) -> Deadline:
    """期限重新起算: a running deadline counts from a later start (e.g. the notice was served after it was
    issued, so the party's window counts from its service). The caller computes ``due_date`` through the
    calendar. An overdue deadline whose new due date is today or later becomes open again; reminder
    stages are re-armed as in ``resume_deadline``. Guards: the deadline is running or suspended
    (``InvalidTransition``). Writes ``deadline.restart``; notifies the responsible users."""
    today = timezone.localdate()
    with transaction.atomic():
        locked = _lock(deadline)
        _guard("close", locked)
        old_start, old_due = locked.start_date, locked.due_date
        locked.start_date, locked.due_date, locked.basis = start_date, due_date, basis[:200]
        fields = ["start_date", "due_date", "basis"]
        if locked.status == DeadlineStatus.OVERDUE and due_date >= today:
            locked.status = DeadlineStatus.OPEN
            fields.append("status")
        locked.save(update_fields=fields)
        kind = REGISTRY.deadline_kinds.get(locked.kind)
        if kind is not None and due_date != old_due:
            rearm = stages_not_reached(kind.reminder_days, locked.days_left(today), include_current=True)
            ReminderSent.objects.filter(deadline=locked, stage__in=rearm).delete()
        record_event(
            "deadline.restart",
            actor=actor,
            obj=locked,
            data={
                "old_start_date": old_start.isoformat(),
                "start_date": start_date.isoformat(),
                "old_due_date": old_due.isoformat(),
                "due_date": due_date.isoformat(),
                "basis": locked.basis,
            },
        )
        if due_date != old_due:
            notify(
                locked.responsible.all(),
                f"期限重新起算：{locked.title}",
                body=f"自{_fmt(start_date)}起算，届满日由{_fmt(old_due)}调整为{_fmt(due_date)}。",
                url="/deadlines/",
                subject=locked.subject,
            )
    return locked


# --- suspend / resume -----------------------------------------------------------------------------


def suspend_deadline(
    deadline: Deadline | int, *, basis: str, reason: str = "", on: dt.date | None = None, actor: Any
) -> DeadlineSuspension:
    """期限中止: stop the clock of a running deadline from ``on`` (default today), citing ``basis``.

    Guards: the deadline is open or overdue (``InvalidTransition``), ``basis`` is given
    (``InvalidInput``). Effects: status ``suspended``, a running ``DeadlineSuspension`` row, no
    reminders while suspended, the responsible users are notified. Writes ``deadline.suspend``.
    """
    if not basis.strip():
        raise InvalidInput("请填写期限中止的依据。", fields={"basis": ["必填"]})
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _lock(deadline)
        _guard("suspend", locked)
        suspension = DeadlineSuspension.objects.create(
            deadline=locked,
            start_date=on,
            basis=basis.strip(),
            reason=reason,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        previous = locked.status
        locked.status = DeadlineStatus.SUSPENDED
        locked.save(update_fields=["status"])
        record_event(
            "deadline.suspend",
            actor=actor,
            obj=locked,
            data={"from": previous, "start_date": on.isoformat(), "basis": suspension.basis},
        )
        notify(
            locked.responsible.all(),
            f"期限已中止：{locked.title}",
            body=f"自{_fmt(on)}起中止计算。依据：{suspension.basis}",
            url="/deadlines/",
            subject=locked.subject,
        )
    return suspension


def resume_deadline(
    deadline: Deadline | int, *, on: dt.date | None = None, due_date: dt.date | None = None, actor: Any
) -> Deadline:
    """Resume a suspended deadline on ``on`` (default today).

    The due date moves later by the suspended **calendar** days (``on - start_date``), or is set to
    ``due_date`` when the caller recomputed it through the calendar (working-day periods). Status
    becomes open, or overdue if the new due date has already passed. Reminder stages that now lie
    ahead again (or current) are re-armed when the due date moved — their ``ReminderSent`` rows are
    removed so they go out for the new due date (the notifications already sent stay in the inbox). Guards: the deadline is suspended (``InvalidTransition``); ``on`` is not before the
    suspension began (``InvalidInput``). Writes ``deadline.resume``; notifies the responsible users.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _lock(deadline)
        _guard("resume", locked)
        suspension = (
            DeadlineSuspension.objects.select_for_update()
            .filter(deadline=locked, end_date__isnull=True)
            .get()
        )
        if on < suspension.start_date:
            raise InvalidInput(
                f"恢复日不能早于中止日（{_fmt(suspension.start_date)}）。", fields={"on": ["早于中止日"]}
            )
        days = (on - suspension.start_date).days
        suspension.end_date = on
        suspension.save(update_fields=["end_date"])
        old_due = locked.due_date
        locked.due_date = due_date or old_due + dt.timedelta(days=days)
        locked.suspended_days += days
        locked.status = DeadlineStatus.OPEN if locked.due_date >= on else DeadlineStatus.OVERDUE
        locked.save(update_fields=["due_date", "suspended_days", "status"])
        kind = REGISTRY.deadline_kinds.get(locked.kind)
        if kind is not None and locked.due_date != old_due:
            # Stages sent for the old due date that are current or ahead again go out once more.
            rearm = stages_not_reached(kind.reminder_days, locked.days_left(on), include_current=True)
            ReminderSent.objects.filter(deadline=locked, stage__in=rearm).delete()
        record_event(
            "deadline.resume",
            actor=actor,
            obj=locked,
            data={
                "end_date": on.isoformat(),
                "suspended_days": days,
                "old_due_date": old_due.isoformat(),
                "due_date": locked.due_date.isoformat(),
            },
        )
        notify(
            locked.responsible.all(),
            f"期限恢复计算：{locked.title}",
            body=f"中止{days}天，届满日由{_fmt(old_due)}调整为{_fmt(locked.due_date)}。",
            url="/deadlines/",
            subject=locked.subject,
        )
    return locked


# --- daily scan -----------------------------------------------------------------------------------


def mark_overdue_deadlines(today: dt.date | None = None, *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Mark open deadlines whose due date is before ``today`` as overdue; returns how many.

    Chunked; each chunk is one transaction that locks its rows, updates them in one statement and
    writes one ``deadline.overdue`` event per agency listing the ids. A concurrent scan waits on the
    row locks and then finds the rows no longer open, so nothing is marked (or audited) twice.
    """
    today = today or timezone.localdate()
    total = 0
    while True:
        with transaction.atomic():
            rows = list(
                Deadline.objects.select_for_update()
                .filter(status__in=ALLOWED_FROM["mark_overdue"], due_date__lt=today)
                .order_by("id")
                .values_list("id", "agency_id")[:chunk_size]
            )
            if not rows:
                break
            ids = [pk for pk, _ in rows]
            Deadline.objects.filter(pk__in=ids).update(status=DeadlineStatus.OVERDUE)
            by_agency: dict[int, list[int]] = defaultdict(list)
            for pk, agency_id in rows:
                by_agency[agency_id].append(pk)
            for agency_id, agency_ids in sorted(by_agency.items()):
                record_event(
                    "deadline.overdue",
                    agency_id=agency_id,
                    data={"on": today.isoformat(), "deadline_ids": agency_ids},
                )
        total += len(rows)
        if len(rows) < chunk_size:
            break
    return total


@dataclass(frozen=True)
class ScanResult:
    """What one scan did: deadlines newly marked overdue and reminders (notifications) sent."""

    on: dt.date
    marked_overdue: int
    reminders_sent: int


def scan_deadlines(today: dt.date | None = None, *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> ScanResult:
    """The daily scan (run by ``scan_deadlines_task``): mark overdue, then send the reminders due.

    For each reminder schedule among the registered kinds and each of its stage windows, the
    running deadlines whose current stage it is are found in the database, together with their
    active responsible users who have not had that stage yet. For each chunk of such
    (deadline, recipient) pairs the ``ReminderSent`` rows are inserted first
    (``ON CONFLICT DO NOTHING`` on the unique (deadline, stage, recipient)) and read back by the
    chunk's batch id: only the rows this scan actually inserted get a notification, in the same
    transaction. A second scan running at the same time blocks on the first one's uncommitted rows,
    then skips them — so each recipient gets each stage exactly once. Deadlines of kinds no app
    registers any more get no reminders. E-mails go out after commit.
    """
    today = today or timezone.localdate()
    marked = mark_overdue_deadlines(today, chunk_size=chunk_size)
    schedules: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for code, kind in sorted(REGISTRY.deadline_kinds.items()):
        schedules[tuple(sorted(set(kind.reminder_days), reverse=True))].append(code)
    sent = 0
    for reminder_days, codes in sorted(schedules.items()):
        for window in stage_windows(reminder_days):
            sent += _send_stage(codes, window, today, chunk_size)
    return ScanResult(on=today, marked_overdue=marked, reminders_sent=sent)


def _send_stage(codes: list[str], window: StageWindow, today: dt.date, chunk_size: int) -> int:
    link = Deadline.responsible.through
    pending = link.objects.filter(
        deadline__kind__in=codes,
        deadline__status__in=RUNNING_STATUSES,
        user__is_active=True,
    ).exclude(
        Exists(
            ReminderSent.objects.filter(
                deadline_id=OuterRef("deadline_id"), recipient_id=OuterRef("user_id"), stage=window.stage
            )
        )
    )
    if window.min_left is not None:
        pending = pending.filter(deadline__due_date__gte=today + dt.timedelta(days=window.min_left))
    if window.max_left is not None:
        pending = pending.filter(deadline__due_date__lte=today + dt.timedelta(days=window.max_left))
    sent = 0
    last_id = 0
    while True:
        # Keyset over the link table's id: both concurrent scans take rows in the same order.
        chunk = list(
            pending.filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "deadline_id", "user_id")[:chunk_size]
        )
        if not chunk:
            break
        last_id = chunk[-1][0]
        sent += _send_chunk(window.stage, [(d, u) for _, d, u in chunk], today)
        if len(chunk) < chunk_size:
            break
    return sent


def _send_chunk(stage: str, pairs: list[tuple[int, int]], today: dt.date) -> int:
    batch = uuid.uuid4()
    with transaction.atomic():
        ReminderSent.objects.bulk_create(
            [ReminderSent(deadline_id=d, recipient_id=u, stage=stage, batch=batch) for d, u in pairs],
            ignore_conflicts=True,
        )
        won = list(
            ReminderSent.objects.filter(batch=batch)
            .select_related("deadline", "recipient")
            .prefetch_related("deadline__subject")
            .order_by("id")
        )
        deliver([_reminder_notification(r, today) for r in won])
    return len(won)


def _reminder_notification(reminder: ReminderSent, today: dt.date) -> Notification:
    d = reminder.deadline
    left = d.days_left(today)
    if reminder.stage == OVERDUE or left < 0:
        title = f"期限已逾期：{d.title}"
        body = f"届满日为{_fmt(d.due_date)}，已逾期{-left}天，请尽快处理。"
    elif left == 0:
        title = f"期限今日届满：{d.title}"
        body = f"届满日为今日（{_fmt(d.due_date)}）。"
    else:
        title = f"期限提醒：{d.title}（剩{left}天）"
        body = f"届满日为{_fmt(d.due_date)}，还剩{left}天。"
    if d.basis:
        body += f"\n依据：{d.basis}"
    if d.provisional:
        body += "\n（该年度工作日历尚未录入，届满日按周一至周五临时计算。）"
    subject = d.subject
    url_of = getattr(subject, "get_absolute_url", None)
    return Notification(
        recipient=reminder.recipient,
        title=title[:200],
        body=body,
        url=url_of() if callable(url_of) else "/deadlines/",
        content_type_id=d.content_type_id,
        object_id=d.object_id,
    )
