"""``unread_count`` for the inbox badge in the navbar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """The number of the user's unread notifications, counted lazily (one query, only if rendered)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_count": 0}
    return {
        "unread_count": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
        )
    }
