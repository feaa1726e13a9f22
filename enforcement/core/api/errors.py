"""JSON error shape for the whole API: {"code", "detail", "fields"} (CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..exceptions import DomainError

DEFAULT_DETAILS = {
    400: "请求数据有误",
    401: "请先登录",
    403: "无权执行此操作",
    404: "对象不存在或无权查看",
    405: "不支持的请求方法",
    409: "当前状态不允许此操作",
}


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(
            {"code": exc.code, "detail": exc.message, "fields": exc.fields}, status=exc.status_code
        )
    if isinstance(exc, DjangoValidationError):
        field_errors = exc.message_dict if hasattr(exc, "error_dict") else {}
        return Response(
            {"code": "invalid", "detail": "；".join(exc.messages), "fields": field_errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(DEFAULT_DETAILS[404])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(DEFAULT_DETAILS[403])

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = "error"
    fields: dict[str, list[str]] = {}
    detail: str
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        fields = _flatten(exc.detail)
        if isinstance(exc.detail, list):
            detail = "；".join(str(d) for d in exc.detail)
        else:
            detail = "；".join(f"{k}: {'，'.join(v)}" for k, v in fields.items()) or DEFAULT_DETAILS[400]
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        raw = exc.detail
        detail = (
            str(raw)
            if not isinstance(raw, dict | list)
            else DEFAULT_DETAILS.get(response.status_code, "错误")
        )
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            detail = DEFAULT_DETAILS[401] if isinstance(exc, exceptions.NotAuthenticated) else detail
    else:
        detail = DEFAULT_DETAILS.get(response.status_code, "错误")
    response.data = {"code": code, "detail": detail, "fields": fields}
    return response
