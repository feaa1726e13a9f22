"""Audit of authentication events: an account locked by django-axes is written to the audit trail.

Connected in ``CoreConfig.ready()``. Other login/logout receivers may live here too; each is small and
self-contained.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest

from .audit import record_event

log = logging.getLogger(__name__)


def audit_lockout(
    sender: Any, *, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any
) -> None:
    """Receiver of axes' ``user_locked_out``: record ``auth.lockout`` once, when the lock is imposed.

    axes sends the signal again for every attempt refused while the lock holds (each one also extends
    the lock). Only the attempt that reaches the limit is written to the chain; the others are logged,
    so hammering a locked account cannot flood the audit trail.
    """
    from axes.helpers import get_failure_limit

    from .models import User

    ip_address = str(kwargs.get("ip_address") or getattr(request, "axes_ip_address", "") or "")
    failures = getattr(request, "axes_failures_since_start", None)
    limit = get_failure_limit(request, getattr(request, "axes_credentials", None))
    if failures is None or failures != limit:
        log.warning("login refused while locked: username=%r ip=%s", username, ip_address)
        return
    # The actor is the system (the one trying the password is unknown); the locked account is the object.
    user = User.objects.filter(username=username).first() if username else None
    record_event(
        "auth.lockout",
        actor=None,
        obj=user,
        agency_id=user.agency_id if user is not None else None,
        data={"username": username or "", "failures": int(failures)},
        ip_address=ip_address[:45],
    )
