"""Pages for the 执法事项目录: list and detail (every logged-in user), admin-only edit, status changes,
import and export; and the public (no login) catalog under /public/."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..downloads import content_disposition
from ..exceptions import DomainError
from ..forms.coredata import EnforcementItemForm, ImportForm, StatusForm, add_domain_error
from ..models import AgencyPower, EnforcementItem, ItemKind, ItemStatus, User
from ..permissions import may_edit_catalog
from ..services.catalog import (
    EDITABLE_FIELDS,
    ItemData,
    cancel_item,
    create_item,
    export_items_xlsx,
    import_items,
    resume_item,
    suspend_item,
    update_item,
)
from .imports import queue_if_large

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request: HttpRequest, qs: object) -> tuple[object, dict[str, str]]:
    params = {k: request.GET.get(k, "").strip() for k in ("q", "kind", "status")}
    if params["q"]:
        qs = qs.filter(Q(code__icontains=params["q"]) | Q(name__icontains=params["q"]))  # type: ignore[attr-defined]  # QuerySet
    if params["kind"] in ItemKind.values:
        qs = qs.filter(kind=params["kind"])  # type: ignore[attr-defined]  # QuerySet
    if params["status"] in ItemStatus.values:
        qs = qs.filter(status=params["status"])  # type: ignore[attr-defined]  # QuerySet
    return qs, params


def _require_editor(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_edit_catalog(user):
        raise PermissionDenied("只有系统管理员可以维护执法事项目录")
    return user


@login_required
def catalog_list(request: HttpRequest) -> HttpResponse:
    qs, params = _filtered(request, EnforcementItem.objects.visible_to(request.user).order_by("code"))
    return render(
        request,
        "core/catalog/list.html",
        {
            "items": qs,
            "params": params,
            "kinds": ItemKind.choices,
            "statuses": ItemStatus.choices,
            "may_edit": may_edit_catalog(request.user),
        },
    )


@login_required
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(EnforcementItem.objects.visible_to(request.user), pk=pk)
    changes = item.changes.select_related("actor").order_by("-changed_at", "-id")
    today = timezone.localdate()
    powers = (
        AgencyPower.objects.visible_to(request.user)
        .filter(item=item)
        .select_related("agency", "entrusting_agency")
        .order_by("agency__path", "valid_from")
    )
    return render(
        request,
        "core/catalog/detail.html",
        {
            "item": item,
            "changes": changes,
            "powers": powers,
            "today": today,
            "may_edit": may_edit_catalog(request.user),
            "status_form": StatusForm(),
        },
    )


@login_required
def catalog_create(request: HttpRequest) -> HttpResponse:
    user = _require_editor(request)
    form = EnforcementItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(ItemData(**form.cleaned_data), actor=user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"已新增执法事项 {item.code}")
            return redirect("core:catalog_detail", pk=item.pk)
    return render(request, "core/catalog/form.html", {"form": form, "title": "新增执法事项"})


@login_required
def catalog_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require_editor(request)
    item = get_object_or_404(EnforcementItem.objects.visible_to(user), pk=pk)
    form = EnforcementItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            update_item(item.pk, {f: form.cleaned_data[f] for f in EDITABLE_FIELDS}, actor=user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect("core:catalog_detail", pk=item.pk)
    return render(
        request, "core/catalog/form.html", {"form": form, "title": f"修改：{item.code}", "item": item}
    )


@login_required
@require_POST
def catalog_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _require_editor(request)
    item = get_object_or_404(EnforcementItem.objects.visible_to(user), pk=pk)
    funcs: dict[str, Callable[..., EnforcementItem]] = {
        "suspend": suspend_item,
        "resume": resume_item,
        "cancel": cancel_item,
    }
    func = funcs.get(action)
    if func is None:
        raise Http404("未知操作")
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写原因")
    else:
        try:
            func(item.pk, actor=user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "状态已更新")
    return redirect("core:catalog_detail", pk=item.pk)


@login_required
def catalog_import(request: HttpRequest) -> HttpResponse:
    user = _require_editor(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            queued = queue_if_large(request, "catalog", upload)
            if queued is not None:
                return queued
            report = import_items(upload, upload.name, actor=user)
        except DomainError as exc:
            add_domain_error(form, exc)
    return render(request, "core/catalog/import.html", {"form": form, "report": report})


@login_required
def catalog_export(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    qs, _ = _filtered(request, EnforcementItem.objects.visible_to(request.user).order_by("code"))
    response = HttpResponse(export_items_xlsx(qs), content_type=XLSX)  # type: ignore[arg-type]  # QuerySet is iterable
    today = timezone.localdate()
    response["Content-Disposition"] = content_disposition(
        f"执法事项目录-{today:%Y%m%d}.xlsx", f"catalog-{today:%Y%m%d}.xlsx"
    )
    return response


def public_index(request: HttpRequest) -> HttpResponse:
    """政务公开 landing page (no login): the catalog now; decisions and plans are filled by later issues."""
    return render(request, "public/index.html", {})


def public_catalog(request: HttpRequest) -> HttpResponse:
    qs, params = _filtered(request, EnforcementItem.objects.published().order_by("code"))
    return render(
        request,
        "public/catalog.html",
        {"items": qs, "params": params, "kinds": ItemKind.choices},
    )


def public_catalog_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(EnforcementItem.objects.published(), code=code)
    return render(request, "public/catalog_detail.html", {"item": item})
