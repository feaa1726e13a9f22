"""The current request's context (client address) for services that are called from a request.

Services do not take the request; ``record_event`` reads the client address from here when its caller
passes none, so every request-originated audit event carries it. Outside a request (Celery tasks,
management commands) the context is empty and events record no address.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from ..client_ip import audit_ip


@dataclass(frozen=True)
class RequestContext:
    ip_address: str = ""


_EMPTY = RequestContext()
_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar("request_context", default=_EMPTY)


def current_context() -> RequestContext:
    """The context of the request being handled, or an empty one outside requests."""
    return _current.get()


@contextmanager
def request_context(ip_address: str) -> Iterator[None]:
    token = _current.set(RequestContext(ip_address=ip_address))
    try:
        yield
    finally:
        _current.reset(token)


class RequestContextMiddleware:
    """Sets the request context for the duration of one request (reset afterwards, also on errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_context(audit_ip(request)):
            return self.get_response(request)
