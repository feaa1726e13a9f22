"""统计年报 pages: list and start a build, the build's progress (htmx polls it), figures, narrative, files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.models import Agency

from .models_report import AnnualReport, ReportStatus
from .rules import statistics as rules
from .services.licensing import missing_names
from .services.report import get_report_for_user, reads_supervision, start_report, update_narrative
from .services.report_output import indicator_rows
from .tasks import build_annual_report_task


def _require_reader(user: Any) -> None:
    if not reads_supervision(user):
        raise PermissionDenied("仅执法监督人员、负责人可查看统计年报")


def _agencies_for(user: Any) -> list[Agency]:
    qs = Agency.objects.filter(is_active=True)
    if not user.is_superuser:
        qs = qs.filter(path__startswith=user.agency.path)
    return list(qs.order_by("path"))


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    reports = AnnualReport.objects.visible_to(request.user).select_related("agency", "requested_by")[:100]
    context = {
        "reports": reports,
        "agencies": _agencies_for(request.user),
        "default_year": timezone.localdate().year - 1,
    }
    return render(request, "supervision/report_list.html", context)


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    agency = Agency.objects.filter(pk=request.POST.get("agency") or 0).first()
    if agency is None:
        raise Http404("机关不存在")
    try:
        year = int(request.POST.get("year") or 0)
        as_of_text = (request.POST.get("as_of") or "").strip()
        as_of = dt.date.fromisoformat(as_of_text) if as_of_text else None
    except ValueError:
        messages.error(request, "统计年度或数据截止日格式不正确")
        return redirect("supervision:report_list")
    try:
        report = start_report(year=year, agency=agency, actor=request.user, as_of=as_of)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("supervision:report_list")
    transaction.on_commit(lambda: build_annual_report_task.delay(report.pk))
    return redirect("supervision:report_detail", pk=report.pk)


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    context = {
        "report": report,
        "agencies": report.figures.get("agencies") or [],
        "rows": indicator_rows(report.figures) if report.status == ReportStatus.DONE else [],
        "indicators": rules.INDICATORS,
        "licensing_missing": missing_names(report.figures),
    }
    if request.headers.get("HX-Request"):
        return render(request, "supervision/report_progress.html", context)
    return render(request, "supervision/report_detail.html", context)


@login_required
@require_POST
def report_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    try:
        update_narrative(report, request.POST.get("narrative", ""), actor=request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "情况说明已保存，PDF 与 XLSX 已重新生成")
    return redirect("supervision:report_detail", pk=report.pk)


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = get_report_for_user(request.user, pk)
    field = report.pdf if kind == "pdf" else report.xlsx
    if kind not in ("pdf", "xlsx") or not field:
        raise Http404("文件不存在")
    name = f"{report.agency.name}{report.year}年度行政执法统计年报.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
