"""Middleware: an account with a temporary password (set by an administrator) must set its own first."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

PASSWORD_CHANGE_PATH = "/account/password/"
# What a user with a temporary password may still reach: the change page, signing out, assets.
_ALLOWED_PREFIXES = (PASSWORD_CHANGE_PATH, "/accounts/logout/", "/accounts/login/", "/static/", "/media/")


class PasswordChangeRequiredMiddleware:
    """Sends a signed-in user whose ``must_change_password`` is set to the password page; API calls made
    with the session get the JSON error instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(_ALLOWED_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "password_change_required", "detail": "请先修改临时密码", "fields": {}},
                    status=403,
                )
            return redirect(f"{PASSWORD_CHANGE_PATH}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
