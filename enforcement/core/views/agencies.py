"""Page for the agency tree with each agency's powers (reference data: every logged-in user)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..models import Agency, AgencyPower


@login_required
def agency_tree(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = list(Agency.objects.visible_to(request.user).order_by("path"))
    # counted in the database (one row per agency), never by looping over every power
    counts: dict[int, int] = dict(
        AgencyPower.objects.visible_to(request.user)
        .in_force(today)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    rows = [
        {
            "agency": a,
            "depth": a.path.count("/") - 2,
            "indent": 0.5 + 1.5 * (a.path.count("/") - 2),
            "powers": counts.get(a.pk, 0),
        }
        for a in agencies
    ]
    return render(request, "core/agencies/tree.html", {"rows": rows, "today": today})


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.visible_to(request.user).select_related("parent"), pk=pk)
    today = timezone.localdate()
    powers = (
        AgencyPower.objects.visible_to(request.user)
        .filter(agency=agency)
        .select_related("item", "entrusting_agency")
        .order_by("item__code", "valid_from")
    )
    rows = [{"power": p, "in_force": p.covers(today) and p.item.status == "active"} for p in powers]
    children = Agency.objects.visible_to(request.user).filter(parent=agency).order_by("code")
    return render(
        request,
        "core/agencies/detail.html",
        {"agency": agency, "rows": rows, "children": children, "today": today},
    )
