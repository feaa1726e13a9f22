"""系统管理: the area's start page and the agency powers (法定职权/赋权/委托) of the admin's subtree.

Numbering patterns keep their page (/agencies/<id>/numbering/), linked from here. Agency admins see
their subtree, the superuser all; others get 403, an agency outside the subtree 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ..client_ip import audit_ip
from ..exceptions import DomainError
from ..forms.accounts import AgencyForm, PowerGrantForm, PowerRevokeForm
from ..forms.coredata import add_domain_error
from ..models import Agency, AgencyPower
from ..permissions import managed_agencies, managed_users
from ..services import users as user_services
from ..services.agencies import (
    AGENCY_FIELDS,
    AgencyData,
    create_agency,
    grant_power,
    revoke_power,
    update_agency,
)
from .sysadmin_users import sysadmin_required


def _managed_agency_or_404(user: Any, pk: int) -> Agency:
    agency = managed_agencies(user).select_related("parent").filter(pk=pk).first()
    if agency is None:
        raise Http404("机构不存在或不在您的管理范围内")
    return agency


@sysadmin_required
def home(request: HttpRequest) -> HttpResponse:
    users = managed_users(request.user)
    counts = users.aggregate(total=Count("id"), inactive=Count("id", filter=Q(is_active=False)))
    locked = users.filter(username__in=user_services.locked_usernames(None)).count()
    agencies = managed_agencies(request.user).count()
    return render(
        request,
        "core/sysadmin/home.html",
        {"counts": counts, "locked": locked, "agencies": agencies, "section": "home"},
    )


@sysadmin_required
def agency_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = list(
        managed_agencies(request.user)
        .annotate(
            powers_in_force=Count(
                "powers",
                filter=Q(powers__valid_from__lte=today)
                & (Q(powers__valid_to__isnull=True) | Q(powers__valid_to__gte=today)),
            ),
            user_count=Count("users", distinct=True),
        )
        .order_by("path")
    )
    root_depth = min((a.path.count("/") for a in agencies), default=2)
    rows = [{"agency": a, "indent": 0.5 + 1.5 * (a.path.count("/") - root_depth)} for a in agencies]
    return render(request, "core/sysadmin/agency_list.html", {"rows": rows, "section": "agencies"})


@sysadmin_required
@require_http_methods(["GET", "POST"])
def agency_powers(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _managed_agency_or_404(request.user, pk)
    today = timezone.localdate()
    form = PowerGrantForm(request.POST or None, initial={"valid_from": today})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                grant_power(
                    agency,
                    data["item"],
                    source=data["source"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    entrusting_agency=data["entrusting_agency"],
                    basis_document=data["basis_document"],
                    actor=request.user,
                    ip_address=audit_ip(request),
                )
                messages.success(request, f"已授予{agency.name}执法权限：{data['item'].name}")
                return redirect("core:sysadmin_agency_powers", pk=agency.pk)
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    powers = (
        AgencyPower.objects.filter(agency=agency)
        .select_related("item", "entrusting_agency")
        .order_by("item__code", "valid_from")
    )
    rows = [
        {"power": p, "in_force": p.covers(today), "ended": p.valid_to is not None and p.valid_to < today}
        for p in powers
    ]
    return render(
        request,
        "core/sysadmin/agency_powers.html",
        {
            "agency": agency,
            "rows": rows,
            "form": form,
            "revoke_form": PowerRevokeForm(),
            "section": "agencies",
        },
        status=status,
    )


@sysadmin_required
@require_POST
def power_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    power = AgencyPower.objects.filter(pk=pk, agency__in=managed_agencies(request.user)).first()
    if power is None:
        raise Http404("权限不存在或不在您的管理范围内")
    form = PowerRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "终止日期格式不正确")
        return redirect("core:sysadmin_agency_powers", pk=power.agency_id)
    try:
        revoke_power(
            power,
            last_day=form.cleaned_data["last_day"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            ip_address=audit_ip(request),
        )
        messages.success(request, "已终止该执法权限")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("core:sysadmin_agency_powers", pk=power.agency_id)


@sysadmin_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    """新增机构 under an agency of the admin's subtree (the superuser: anywhere, or a new province)."""
    parents = managed_agencies(request.user)
    form = AgencyForm(request.POST or None, parents=parents, initial={"parent": request.GET.get("parent")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                agency = create_agency(
                    AgencyData(**{f: data[f] for f in AgencyData.__dataclass_fields__}), actor=request.user
                )
                messages.success(request, f"已新增机构：{agency.name}")
                return redirect("core:sysadmin_agencies")
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    return render(
        request,
        "core/sysadmin/agency_form.html",
        {"form": form, "agency": None, "section": "agencies"},
        status=status,
    )


@sysadmin_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _managed_agency_or_404(request.user, pk)
    fixed = not request.user.is_superuser
    form = AgencyForm(
        request.POST or None, instance=agency, parents=managed_agencies(request.user), parent_fixed=fixed
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in AGENCY_FIELDS}
            try:
                update_agency(agency.pk, changes, actor=request.user)
                messages.success(request, "已保存机构信息")
                return redirect("core:sysadmin_agencies")
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    return render(
        request,
        "core/sysadmin/agency_form.html",
        {"form": form, "agency": agency, "section": "agencies"},
        status=status,
    )
