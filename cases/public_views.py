"""/public/decisions/: 行政处罚决定公示 without login (spec §1.15). Only live publications, only their
masked public text; a withdrawn one answers 404 with a neutral message. Search by agency and year; keyset
pages by the public id."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from enforcement.core.models import Agency

from .models import Publication

PAGE = 30
PUBLIC_FIELDS = ("id", "title", "party", "number", "agency_name", "decided_on", "published_on")


def public_decisions(request: HttpRequest) -> HttpResponse:
    rows = Publication.objects.live().only(*PUBLIC_FIELDS).order_by("-id")
    agency = request.GET.get("agency", "").strip()
    year = request.GET.get("year", "").strip()
    q = request.GET.get("q", "").strip()[:50]
    if agency.isdigit():
        rows = rows.filter(agency_id=int(agency))
    if year.isdigit() and len(year) == 4:
        rows = rows.filter(year=int(year))
    if q:
        rows = rows.filter(title__icontains=q)
    before = request.GET.get("before", "")
    if before.isdigit():
        rows = rows.filter(id__lt=int(before))
    page = list(rows[: PAGE + 1])
    more = page[PAGE - 1].pk if len(page) > PAGE else None
    # every agency (about a hundred at province scale): cheaper than asking which ones have publications
    agencies = Agency.objects.order_by("path").values_list("pk", "name")
    context = {
        "rows": page[:PAGE],
        "more": more,
        "agencies": list(agencies),
        "params": {"agency": agency, "year": year, "q": q},
    }
    return render(request, "public/decisions.html", context)


def public_decision(request: HttpRequest, pk: int) -> HttpResponse:
    pub = Publication.objects.live().filter(pk=pk).first()
    if pub is None:
        raise Http404("该公示信息不存在或已撤回")
    return render(request, "public/decision_detail.html", {"p": pub})
