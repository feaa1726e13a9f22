"""通知: in-app inbox rows plus e-mail through Django's mail backend."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction

from .models import Notification, User


def notify(
    recipients: Iterable[User],
    title: str,
    *,
    body: str = "",
    url: str = "",
    subject: models.Model | None = None,
    email: bool = True,
) -> list[Notification]:
    """Create one inbox row per recipient; e-mail those with an address after the transaction commits."""
    ct = ContentType.objects.get_for_model(subject) if subject is not None else None
    rows = [
        Notification(
            recipient=r,
            title=title,
            body=body,
            url=url,
            content_type=ct,
            object_id=subject.pk if subject is not None else None,
        )
        for r in {u.pk: u for u in recipients}.values()
    ]
    Notification.objects.bulk_create(rows)
    if email:
        addresses = [r.recipient.email for r in rows if r.recipient.email]
        if addresses:
            transaction.on_commit(lambda: _send_mail(title, body, url, addresses))
    return rows


def _send_mail(title: str, body: str, url: str, addresses: list[str]) -> Any:
    text = body + (f"\n\n{url}" if url else "")
    for address in addresses:
        send_mail(f"【应急执法】{title}", text, None, [address], fail_silently=True)
