"""Pages for 生产经营单位: list (keyset pagination), detail, create/edit, import."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..access import visible_agencies
from ..client_ip import audit_ip
from ..downloads import content_disposition
from ..exceptions import DomainError
from ..forms.coredata import EnterpriseFilterForm, EnterpriseForm, ImportForm, add_domain_error
from ..models import Enterprise, User
from ..models.enterprise import RiskClass, Sector, StandardizationLevel
from ..permissions import (
    get_enterprise_for_user,
    may_write_enterprises_at_all,
    may_write_enterprises_of,
    writable_enterprise_agencies,
)
from ..registry import object_panels
from ..services.enterprises import (
    EDITABLE_FIELDS,
    EnterpriseData,
    create_enterprise,
    import_enterprises,
    import_template_xlsx,
    update_enterprise,
)
from .imports import queue_if_large

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def filtered_enterprises(user: User, params: Any, agencies: Any) -> tuple[Any, EnterpriseFilterForm]:
    """Visible enterprises narrowed by the filter form (shared by the page and the benchmark)."""
    from ..api.enterprises import search_enterprises

    form = EnterpriseFilterForm(params, agencies=agencies)
    qs = Enterprise.objects.visible_to(user)
    if form.is_valid():
        data = form.cleaned_data
        qs = search_enterprises(qs, data["q"])
        if data["sector"]:
            qs = qs.filter(sector=data["sector"])
        if data["risk_class"]:
            qs = qs.filter(risk_class=data["risk_class"])
        if data["is_key"] in ("0", "1"):
            qs = qs.filter(is_key=data["is_key"] == "1")
        if data["agency"]:
            qs = qs.filter(agency_id=data["agency"].pk)
    return qs, form


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    """List with filters; keyset pagination on id (``?after=`` / ``?before=``), never OFFSET or COUNT."""
    user = cast(User, request.user)
    agencies = visible_agencies(user).only("id", "name", "path").order_by("path")
    # an officer sees one agency, their own, already loaded with the user: no query for the options
    own_only = user.agency_id is not None and not (user.is_superuser or user.sees_subtree)
    options = [user.agency] if own_only else list(agencies)
    qs, form = filtered_enterprises(user, request.GET, agencies)
    size = min(_int(request.GET.get("page_size")) or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    after, before = _int(request.GET.get("after")), _int(request.GET.get("before"))
    qs = qs.select_related("agency").only(
        "id", "name", "credit_code", "sector", "risk_class", "is_key", "standardization_level", "agency__name"
    )
    if before is not None:
        rows = list(qs.filter(id__gt=before).order_by("id")[: size + 1])
        has_more_newer = len(rows) > size
        rows = list(reversed(rows[:size]))
        has_more_older = True
    else:
        if after is not None:
            qs = qs.filter(id__lt=after)
        rows = list(qs.order_by("-id")[: size + 1])
        has_more_older = len(rows) > size
        rows = rows[:size]
        has_more_newer = after is not None
    base = request.GET.copy()
    for key in ("after", "before"):
        base.pop(key, None)
    next_url = prev_url = ""
    if rows and has_more_older:
        q = base.copy()
        q["after"] = str(rows[-1].pk)
        next_url = "?" + q.urlencode()
    if rows and has_more_newer:
        q = base.copy()
        q["before"] = str(rows[0].pk)
        prev_url = "?" + q.urlencode()
    # Plain tuples of display values: a 100-row page renders without per-cell method calls or reverse().
    labels = (dict(Sector.choices), dict(RiskClass.choices), dict(StandardizationLevel.choices))
    table = [
        (
            e.pk,
            e.name,
            e.is_key,
            e.credit_code,
            labels[0].get(e.sector, e.sector),
            labels[1].get(e.risk_class, e.risk_class),
            labels[2].get(e.standardization_level, e.standardization_level),
            e.agency.name,
        )
        for e in rows
    ]
    return render(
        request,
        "core/enterprises/list.html",
        {
            "rows": rows,
            "table": table,
            "detail_prefix": reverse("core:enterprise_list"),
            "f": {
                "q": request.GET.get("q", ""),
                "sector": request.GET.get("sector", ""),
                "risk_class": request.GET.get("risk_class", ""),
                "is_key": request.GET.get("is_key", ""),
                "agency": _int(request.GET.get("agency")),
            },
            "sectors": Sector.choices,
            "risks": RiskClass.choices,
            "agency_options": options,
            "form": form,
            "next_url": next_url,
            "prev_url": prev_url,
            "may_create": may_write_enterprises_at_all(user),
        },
    )


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    obj = get_enterprise_for_user(user, pk)
    return render(
        request,
        "core/enterprises/detail.html",
        {
            "e": obj,
            "may_edit": may_write_enterprises_of(user, obj.agency),
            "panels": [
                {"template": p.template, **p.context(request, obj)} for p in object_panels("core.enterprise")
            ],
        },
    )


@login_required
def enterprise_create(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not may_write_enterprises_at_all(user):
        raise PermissionDenied("只有执法人员或系统管理员可以登记生产经营单位")
    agencies = writable_enterprise_agencies(user).order_by("path")
    form = EnterpriseForm(request.POST or None, agencies=agencies, initial={"agency": user.agency_id})
    if request.method == "POST" and form.is_valid():
        try:
            data = {f: form.cleaned_data[f] for f in EnterpriseForm.Meta.fields}
            obj = create_enterprise(EnterpriseData(**data), actor=user, ip_address=audit_ip(request))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"已登记：{obj.name}")
            return redirect("core:enterprise_detail", pk=obj.pk)
    return render(request, "core/enterprises/form.html", {"form": form, "title": "登记生产经营单位"})


@login_required
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    obj = get_enterprise_for_user(user, pk, for_write=True)
    agencies = writable_enterprise_agencies(user).order_by("path")
    form = EnterpriseForm(request.POST or None, instance=obj, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in EnterpriseForm.Meta.fields if f in EDITABLE_FIELDS}
        try:
            # the form wrote into ``obj`` while validating; the service re-reads and locks the row
            update_enterprise(obj.pk, changes, actor=user, ip_address=audit_ip(request))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect("core:enterprise_detail", pk=obj.pk)
    return render(
        request, "core/enterprises/form.html", {"form": form, "title": f"修改：{obj.name}", "e": obj}
    )


@login_required
def enterprise_import(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not may_write_enterprises_at_all(user):
        raise PermissionDenied("只有执法人员或系统管理员可以导入生产经营单位")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            queued = queue_if_large(request, "enterprises", upload)
            if queued is not None:
                return queued
            report = import_enterprises(upload, upload.name, actor=user, ip_address=audit_ip(request))
        except DomainError as exc:
            add_domain_error(form, exc)
    return render(request, "core/enterprises/import.html", {"form": form, "report": report})


@login_required
def enterprise_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        import_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition(
        "生产经营单位导入模板.xlsx", "enterprise-import-template.xlsx"
    )
    return response
