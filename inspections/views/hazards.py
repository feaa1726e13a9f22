"""Pages: the hazard list and a hazard's detail with the moves the table offers (and why others are not)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError

from ..choices import HazardAction
from ..forms import ACTION_FORMS
from ..models import Hazard
from ..services import hazards
from .common import refuse


@login_required
def hazard_list(request: HttpRequest) -> HttpResponse:
    rows = Hazard.objects.visible_to(request.user).select_related("enterprise", "standard_item")
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(request, "inspections/hazard_list.html", {"hazards": rows[:100], "status": status})


@login_required
def hazard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hazard = hazards.get_hazard_for_user(request.user, pk)
    available, blocked = hazards.actions_for(request.user, hazard)
    today = timezone.localdate().isoformat()
    forms = [
        (
            name,
            HazardAction(name).label,
            ACTION_FORMS[name](initial={"date": today, "requested_on": today}, prefix=name),
        )
        for name in available
    ]
    labels = {b["name"]: HazardAction(b["name"]).label for b in blocked}
    context = {
        "hazard": hazard,
        "forms": forms,
        "blocked": [{**b, "label": labels[b["name"]]} for b in blocked],
        "events": hazard.events.select_related("actor"),
        "rechecks": hazard.rechecks.select_related("document"),
        "attachments": hazard.attachments.all(),
    }
    return render(request, "inspections/hazard_detail.html", context)


@login_required
@require_POST
def hazard_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTION_FORMS:
        raise Http404("无此操作")
    hazard = hazards.get_hazard_for_user(request.user, pk)
    form = ACTION_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspections:hazard_detail", hazard.pk)
    params = dict(form.cleaned_data)
    reason = params.pop("reason", "") if action in ("escalate", "file_case") else ""
    try:
        hazards.transition_hazard(hazard, action, actor=request.user, params=params, reason=reason)
        messages.success(request, f"已{HazardAction(action).label}")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:hazard_detail", hazard.pk)
