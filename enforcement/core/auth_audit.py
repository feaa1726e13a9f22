"""Audit side effect of signing in and out: ``auth.login`` / ``auth.logout`` events (全过程记录).

Connected in ``CoreConfig.ready()``. Only logins that happen while serving an HTTP request are recorded:
the test client's ``force_login``/``login`` build a bare ``HttpRequest`` (no ``REQUEST_METHOD``) and
produce no event, so fixtures that log personas in do not add audit rows. Failed logins and lockouts
are recorded by the login-lockout code (django-axes), not here.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.http import HttpRequest

from .client_ip import audit_ip
from .registry import register_audit_actions
from .services.audit import record_event

log = logging.getLogger(__name__)


def _is_http(request: Any) -> bool:
    return isinstance(request, HttpRequest) and bool(request.META.get("REQUEST_METHOD"))


def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or not _is_http(request):
        return
    record_event("auth.login", actor=user, obj=user, ip_address=audit_ip(request))


def record_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or not getattr(user, "pk", None) or not _is_http(request):
        return
    record_event("auth.logout", actor=user, obj=user, ip_address=audit_ip(request))


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


def connect() -> None:
    from axes.signals import user_locked_out

    register_audit_actions({"auth.login": "登录", "auth.logout": "退出登录"})
    user_logged_in.connect(record_login, dispatch_uid="core.audit_login")
    user_logged_out.connect(record_logout, dispatch_uid="core.audit_logout")
    user_locked_out.connect(audit_lockout, dispatch_uid="core.audit_lockout")
