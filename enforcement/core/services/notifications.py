"""通知: in-app inbox rows plus e-mail through Django's mail backend.

``notify`` is what apps call; ``deliver`` stores prepared rows (used by the deadline scan, whose rows
differ per recipient). E-mail goes out after the transaction commits and only to users with an
address; a mail failure is logged and never undoes the inbox row (the inbox is the record).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone

from ..models import Notification, User
from .audit import record_event

logger = logging.getLogger(__name__)

EMAIL_SUBJECT_PREFIX = "【应急执法】"


def notify(
    recipients: Iterable[User],
    title: str,
    *,
    body: str = "",
    url: str = "",
    subject: models.Model | None = None,
    email: bool = True,
) -> list[Notification]:
    """Create one inbox row per distinct recipient (about ``subject``, linking to ``url``).

    Call inside the caller's transaction; e-mails those with an address after it commits.
    """
    ct = ContentType.objects.get_for_model(subject) if subject is not None else None
    rows = [
        Notification(
            recipient=r,
            title=title[:200],
            body=body,
            url=url,
            content_type=ct,
            object_id=subject.pk if subject is not None else None,
        )
        for r in {u.pk: u for u in recipients}.values()
    ]
    return deliver(rows, email=email)


def deliver(rows: list[Notification], *, email: bool = True) -> list[Notification]:
    """Insert prepared inbox rows in one statement and schedule their e-mails for after commit."""
    if not rows:
        return rows
    Notification.objects.bulk_create(rows)
    if email:
        messages = [
            (EMAIL_SUBJECT_PREFIX + n.title, n.body + (f"\n\n{n.url}" if n.url else ""), n.recipient.email)
            for n in rows
            if n.recipient.email
        ]
        if messages:
            transaction.on_commit(lambda: send_notification_emails(messages))
    return rows


def send_notification_emails(messages: list[tuple[str, str, str]]) -> int:
    """Send (subject, text, address) e-mails over one connection; returns how many were sent."""
    try:
        connection = get_connection()
        return (
            connection.send_messages(
                [
                    EmailMessage(subj, text, settings.DEFAULT_FROM_EMAIL, [address], connection=connection)
                    for subj, text, address in messages
                ]
            )
            or 0
        )
    except Exception:  # the inbox row is the record; a mail outage must not break the caller
        logger.exception("Sending %d notification e-mail(s) failed", len(messages))
        return 0


# --- inbox ----------------------------------------------------------------------------------------


def inbox_for(user: Any) -> models.QuerySet[Notification]:
    """A user's own notifications, newest first. Nobody sees anyone else's inbox (not even admins)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk).order_by("-id")


def get_notification_for_user(user: Any, pk: Any) -> Notification:
    """One of the user's own notifications; 404 for anyone else's or a missing one."""
    notification = inbox_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404("通知不存在")
    return notification


def mark_notification_read(notification: Notification, *, actor: Any) -> Notification:
    """Mark one of ``actor``'s notifications read (no-op if it already is); writes ``notification.read``."""
    with transaction.atomic():
        locked = get_notification_for_user(actor, notification.pk)
        locked = Notification.objects.select_for_update().get(pk=locked.pk)
        if locked.read_at is None:
            locked.read_at = timezone.now()
            locked.save(update_fields=["read_at"])
            record_event(
                "notification.read",
                actor=actor,
                obj=locked,
                agency_id=getattr(actor, "agency_id", None),
                data={"ids": [locked.pk]},
            )
    return locked


def mark_all_notifications_read(*, actor: Any) -> int:
    """Mark every unread notification of ``actor`` read in one statement; returns how many."""
    with transaction.atomic():
        unread = inbox_for(actor).filter(read_at__isnull=True)
        ids = list(unread.select_for_update().order_by("id").values_list("id", flat=True))
        if not ids:
            return 0
        count = Notification.objects.filter(pk__in=ids).update(read_at=timezone.now())
        record_event(
            "notification.read",
            actor=actor,
            agency_id=getattr(actor, "agency_id", None),
            data={"ids": ids},
        )
    return count
