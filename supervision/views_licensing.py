"""行政许可统计数据 page (from the 年报 pages): the agency's head or supervisor enters the year's counts; the
history of entries of the agencies the user may see, newest first."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.models import Agency

from .models_licensing import LICENSING_FIELDS, LicensingFigures
from .services import licensing
from .services.report import reads_supervision

HISTORY_SHOWN = 100


def _entry_agencies(user: Any) -> list[Agency]:
    """The agencies ``user`` may enter figures for (their own; superusers any)."""
    if user.is_superuser:
        return list(Agency.objects.filter(is_active=True).order_by("path"))
    if user.agency_id and user.has_role(roles.HEAD, roles.SUPERVISOR):
        return [user.agency]
    return []


def _year(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default


@login_required
def licensing_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not reads_supervision(user):
        raise PermissionDenied("仅执法监督人员、负责人可查看行政许可统计数据")
    choices = _entry_agencies(user)
    source = request.POST if request.method == "POST" else request.GET
    year = _year(source.get("year"), timezone.localdate().year - 1)
    wanted = source.get("agency")
    agency = next((a for a in choices if str(a.pk) == str(wanted)), None)
    if agency is None and wanted and request.method == "POST":
        raise PermissionDenied("仅本机关的负责人、执法监督人员可以填报行政许可统计数据")
    agency = agency or (choices[0] if choices else None)
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    if request.method == "POST":
        if agency is None:
            raise PermissionDenied("仅本机关的负责人、执法监督人员可以填报行政许可统计数据")
        values = {f: request.POST.get(f, "") for f, _ in LICENSING_FIELDS}
        try:
            licensing.enter_figures(  # the year as typed: the service refuses a bad one (never a silent default)
                agency,
                request.POST.get("year", ""),
                values,
                actor=user,
                source_note=request.POST.get("source_note", ""),
            )
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            errors = exc.fields or {}
        else:
            messages.success(request, f"{agency.name}{year}年度行政许可统计数据已保存")
            return redirect(f"{request.path}?agency={agency.pk}&year={year}")
    now = licensing.current(agency, year) if agency else None
    if not values and now is not None:
        values = now.counts()
    history = list(
        LicensingFigures.objects.visible_to(user)
        .filter(year=year)
        .select_related("agency", "entered_by")
        .order_by("agency__path", "-entered_at", "-id")[:HISTORY_SHOWN]
    )
    context = {
        "year": year,
        "agency": agency,
        "choices": choices,
        "fields": [(f, label, values.get(f, ""), errors.get(f, [])) for f, label in LICENSING_FIELDS],
        "source_note": request.POST.get("source_note", now.source_note if now else ""),
        "current": now,
        "history": history,
    }
    return render(request, "supervision/licensing.html", context)
