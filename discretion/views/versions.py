"""Benchmark-version pages of the discretion app: list, detail, copy, publish, compare, XLSX export and import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enforcement.core.downloads import content_disposition
from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.views.imports import queue_if_large

from .. import services
from ..choices import VersionStatus
from ..forms import ImportForm, VersionCopyForm
from ..models import BenchmarkVersion, is_benchmark_admin
from ..rules.calculator import SUBJECT_LABEL
from ..services.xlsx import export_benchmark_xlsx, import_benchmark_xlsx


def get_version_for_user(user: Any, pk: int) -> BenchmarkVersion:
    obj = BenchmarkVersion.objects.visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404("裁量基准版本不存在或无权查看")
    return obj


def _forbidden(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "discretion/error.html", {"message": exc.message}, status=exc.status_code)


def _version_for_admin(request: HttpRequest, pk: int) -> BenchmarkVersion | HttpResponse:
    """The version for an admin page: 404 when invisible, the 403 page when visible but not an admin."""
    version = get_version_for_user(request.user, pk)
    if not is_benchmark_admin(request.user):
        return _forbidden(request, NotAllowed("只有系统管理员可以维护裁量基准"))
    return version


@login_required
@require_GET
def version_list(request: HttpRequest) -> HttpResponse:
    """Versions in use; other provinces' benchmarks (reference versions) only when asked for."""
    show_reference = request.GET.get("reference") == "1"
    qs = BenchmarkVersion.objects.visible_to(request.user).select_related("copied_from")
    if not show_reference:
        qs = qs.exclude(status=VersionStatus.REFERENCE)
    versions = list(qs)
    return render(
        request,
        "discretion/version_list.html",
        {
            "versions": versions,
            "show_reference": show_reference,
            # compare opens on two different versions: the one before against the newest
            "compare_a": versions[1].pk if len(versions) > 1 else None,
            "compare_b": versions[0].pk if versions else None,
            "is_admin": is_benchmark_admin(request.user),
        },
    )


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    paginator = Paginator(
        version.violations.order_by("order", "id").only(
            "id", "version_id", "code", "name", "law", "article", "paragraph", "item", "verification"
        ),
        100,
    )
    page = paginator.get_page(request.GET.get("page"))
    others = BenchmarkVersion.objects.visible_to(request.user).exclude(pk=version.pk)
    if version.status != VersionStatus.REFERENCE and request.GET.get("reference") != "1":
        others = others.exclude(status=VersionStatus.REFERENCE)
    return render(
        request,
        "discretion/version_detail.html",
        {
            "version": version,
            "page": page,
            "others": others,
            "is_admin": is_benchmark_admin(request.user),
            "status_date": version.updated_at.date(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Admins: start a new draft version as a copy of this one."""
    source = _version_for_admin(request, pk)
    if isinstance(source, HttpResponse):
        return source
    form = VersionCopyForm(request.POST or None, initial={"name": source.name})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_version_copy(source, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            if exc.status_code == 403:
                return _forbidden(request, exc)
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已创建草稿版本 {new.code}（{new.violations.count()} 项违法行为）")
            return redirect("discretion:version_detail", pk=new.pk)
    return render(request, "discretion/version_copy.html", {"source": source, "form": form})


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    try:
        services.publish_version(version, actor=request.user)
    except DomainError as exc:
        if exc.status_code == 403:
            return _forbidden(request, exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{version.code} 已发布")
    return redirect("discretion:version_detail", pk=version.pk)


@login_required
@require_GET
def version_compare(request: HttpRequest) -> HttpResponse:
    """Compare two versions item by item (added / removed / changed)."""
    try:
        a = get_version_for_user(request.user, int(request.GET.get("a", "")))
        b = get_version_for_user(request.user, int(request.GET.get("b", "")))
    except ValueError:
        raise Http404("请选择两个版本")
    return render(
        request,
        "discretion/version_compare.html",
        {
            "diff": services.compare_versions(a, b),
            "subject_labels": SUBJECT_LABEL,
            "is_admin": is_benchmark_admin(request.user),
        },
    )


@login_required
@require_GET
def version_export(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    response = HttpResponse(
        export_benchmark_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    today = timezone.localdate()
    response["Content-Disposition"] = content_disposition(
        f"裁量基准-{version.name}-{today:%Y%m%d}.xlsx", f"discretion-{version.code}-{today:%Y%m%d}.xlsx"
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def version_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Admins: XLSX import into a draft, with a validation report (nothing imported if any row fails)."""
    version = _version_for_admin(request, pk)
    if isinstance(version, HttpResponse):
        return version
    failed = 0
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            queued = queue_if_large(request, "discretion", form.cleaned_data["file"], {"version": version.pk})
            if queued is not None:
                return queued
            report = import_benchmark_xlsx(version, form.cleaned_data["file"], actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
            failed = exc.status_code
        else:
            if report.ok:
                messages.success(request, f"导入成功：新增 {report.created} 项，替换 {report.replaced} 项")
                return redirect("discretion:version_detail", pk=version.pk)
    status = failed or (400 if report is not None and not report.ok else 200)
    return render(
        request,
        "discretion/version_import.html",
        {"version": version, "form": form, "report": report},
        status=status,
    )
