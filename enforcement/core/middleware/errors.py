"""Chinese error pages and JSON API errors also under DEBUG (the demo runs with DEBUG on).

Without DEBUG Django itself calls the root URLconf's handlers (``core.views.errors``); with DEBUG it shows
its technical pages, which the demo must not. This middleware answers an unknown path and an exception
raised by a view with the same handlers in both modes. Place it after CommonMiddleware so that a path
missing its trailing slash is still redirected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, get_resolver

from ..views import errors as error_views

logger = logging.getLogger("django.request")


class ErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            # no database stores NUL in text (PostgreSQL refuses the query); forms and DRF fields
            # refuse it themselves, raw query parameters are refused here
            return error_views.bad_request(request, "查询参数含有不允许的空字符（NUL）")
        try:
            get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
        except Resolver404:
            return error_views.page_not_found(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None  # Django's own handling calls the same handlers and logs as usual
        if isinstance(exception, Http404):
            return error_views.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return error_views.permission_denied(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return error_views.bad_request(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return error_views.server_error(request)
