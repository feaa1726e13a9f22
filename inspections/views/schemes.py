"""Pages: the inspections overview, 检查方案 (new, detail, moves) and starting the on-site record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from ..choices import InspectionStatus
from ..forms import SchemeForm
from ..models import Hazard, Inspection, InspectionScheme
from ..services import records, schemes
from ..services.common import is_officer_of
from .common import refuse

LIST_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {
        "schemes": InspectionScheme.objects.visible_to(user).select_related("enterprise")[:LIST_SIZE],
        "inspections": Inspection.objects.visible_to(user).select_related("enterprise")[:LIST_SIZE],
        "hazards": Hazard.objects.visible_to(user).select_related("enterprise")[:LIST_SIZE],
        "may_prepare": user.agency_id is not None and is_officer_of(user, user.agency_id),
    }
    return render(request, "inspections/index.html", context)


@login_required
def scheme_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.agency_id is None or not is_officer_of(user, user.agency_id):
        refuse(request, NotAllowed("只有执法人员可以编制检查方案"))
    form = SchemeForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                scheme = schemes.create_scheme(
                    actor=user,
                    enterprise=d["enterprise"],
                    item=d["item"],
                    window_start=d["window_start"],
                    window_end=d["window_end"],
                    officers=list(d["officers"]),
                    templates=list(d["templates"]),
                    experts=form.expert_rows(),
                    content=d["content"],
                )
            except DomainError as exc:
                refuse(request, exc)
                status = exc.status_code
            else:
                messages.success(request, "检查方案已编制")
                return redirect("inspections:scheme_detail", scheme.pk)
    return render(request, "inspections/scheme_form.html", {"form": form}, status=status)


@login_required
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = schemes.get_scheme_for_user(request.user, pk)
    user: Any = request.user
    context = {
        "scheme": scheme,
        "members": scheme.members.select_related("user"),
        "experts": scheme.experts.all(),
        "templates": scheme.templates.all(),
        "actions": schemes.SCHEME_WORKFLOW.available_actions(user, scheme),
        "blocked": schemes.SCHEME_WORKFLOW.blocked_actions(user, scheme),
        "inspections": scheme.inspections.all(),
        "may_start": scheme.status == "approved"
        and scheme.members.filter(user_id=getattr(user, "pk", 0)).exists()
        and not scheme.inspections.filter(status=InspectionStatus.DRAFT).exists(),
    }
    return render(request, "inspections/scheme_detail.html", context)


@login_required
@require_POST
def scheme_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    scheme = schemes.get_scheme_for_user(request.user, pk)
    try:
        schemes.transition_scheme(scheme, action, actor=request.user, opinion=request.POST.get("opinion", ""))
        messages.success(request, "已办理")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:scheme_detail", scheme.pk)


@login_required
@require_POST
def inspection_start(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = schemes.get_scheme_for_user(request.user, pk)
    try:
        inspection = records.start_inspection(
            scheme,
            actor=request.user,
            place=request.POST.get("place", "") or scheme.enterprise.address or "现场",
        )
    except DomainError as exc:
        refuse(request, exc)
        return redirect("inspections:scheme_detail", scheme.pk)
    return redirect("inspections:record", inspection.pk)
