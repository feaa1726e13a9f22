"""Audit side effect of signing in and out: ``auth.login`` / ``auth.logout`` events (全过程记录).

Connected in ``CoreConfig.ready()``. Only logins that happen while serving an HTTP request are recorded:
the test client's ``force_login``/``login`` build a bare ``HttpRequest`` (no ``REQUEST_METHOD``) and
produce no event, so fixtures that log personas in do not add audit rows. Failed logins and lockouts
are recorded by the login-lockout code (django-axes), not here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.http import HttpRequest

from .audit import record_event
from .registry import register_audit_actions


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it.
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def _is_http(request: Any) -> bool:
    return isinstance(request, HttpRequest) and bool(request.META.get("REQUEST_METHOD"))


def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or not _is_http(request):
        return
    record_event("auth.login", actor=user, obj=user, ip_address=_client_ip(request))


def record_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or not getattr(user, "pk", None) or not _is_http(request):
        return
    record_event("auth.logout", actor=user, obj=user, ip_address=_client_ip(request))


def connect() -> None:
    register_audit_actions({"auth.login": "登录", "auth.logout": "退出登录"})
    user_logged_in.connect(record_login, dispatch_uid="core.audit_login")
    user_logged_out.connect(record_logout, dispatch_uid="core.audit_logout")
