"""A URLconf with views that fail in each way, for the error-page tests (the real ones included)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path

from enforcement.urls import handler400, handler403, handler404, handler500  # noqa: F401


def _boom(request):
    raise RuntimeError("secret internals")


def _denied(request):
    raise PermissionDenied("只有本机构系统管理员可以执行此操作")


def _suspicious(request):
    raise SuspiciousOperation("raw technical detail")


urlpatterns = [
    path("boom/", _boom),
    path("api/v1/boom/", _boom),
    path("denied/", _denied),
    path("suspicious/", _suspicious),
    path("", include("enforcement.urls")),
]
