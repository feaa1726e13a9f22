"""The client's address for login lockout and the audit trail, correct behind a reverse proxy."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with ``DJANGO_TRUSTED_PROXY_COUNT=N`` the address N entries from the right of
    X-Forwarded-For (each trusted proxy appends the address it saw; entries further left can be forged).
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [p.strip() for p in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if p.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


def audit_ip(request: HttpRequest) -> str:
    """``client_ip`` cut to the audit trail's column width (``AuditEvent.ip_address``, 45 characters)."""
    return client_ip(request)[:45]
