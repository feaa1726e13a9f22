from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from enforcement.core.exceptions import DomainError, NotAllowed


def refuse(request: HttpRequest, exc: DomainError) -> None:
    """NotAllowed → 403 page with the reason; anything else → an error message on the next page."""
    if isinstance(exc, NotAllowed):
        raise PermissionDenied(exc.message)
    messages.error(request, exc.message)
    for field, errors in (exc.fields or {}).items():
        for e in errors:
            messages.error(request, f"{field}：{e}")
