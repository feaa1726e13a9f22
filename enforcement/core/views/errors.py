"""Error responses (400, 403, 404, 429, 500): Chinese pages in the product's shell, JSON under /api/.

Mounted as the root URLconf's ``handler400/403/404/500``; ``middleware.errors.ErrorPagesMiddleware``
uses the same functions under DEBUG too, so the demo never shows Django's technical pages.
(In the package layout this module becomes ``core/views/errors.py``.)
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

API_PREFIX = "/api/"

DETAILS = {
    400: ("bad_request", "请求数据有误或超出允许范围"),
    403: ("permission_denied", "无权执行此操作"),
    404: ("not_found", "对象不存在或无权查看"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
    500: ("server_error", "系统暂时无法处理您的请求，错误已记录"),
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(request: HttpRequest, status: int, exception: Any = None) -> HttpResponse:
    """The error answer for ``status``: CONTRACT.md's JSON shape under /api/, otherwise the Chinese page."""
    code, detail = DETAILS[status]
    if is_api_request(request):
        return JsonResponse({"code": code, "detail": detail, "fields": {}}, status=status)
    if status == 500:
        # standalone: the shell's context processors read the database, which may be what failed
        body = loader.render_to_string("500.html")
    else:
        message = _user_message(exception) if status in (400, 403) else ""
        body = loader.render_to_string(f"{status}.html", {"exception": message}, request)
    return HttpResponse(body, status=status)


def _user_message(exception: Any) -> str:
    """A message meant for the user (Chinese, as services raise it); nothing technical is shown."""
    text = str(exception or "")
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_response(request, 400, exception)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_response(request, 403, exception)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_response(request, 404, exception)


def too_many_requests(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_response(request, 429, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: an expired or missing form token, told in Chinese."""
    return error_response(request, 403, "页面已过期或来源无法验证，请刷新页面后重新提交。")
