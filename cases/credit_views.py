"""The case's 信用 page (/cases/<pk>/credit/): the credit records its decisions produced, the
serious-dishonesty listing steps and 信用修复 requests, each form posting to one service. Scoped like the
case (404 for who may not see it); a step the user may not take answers 403 (the services judge)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from .models import CaseDecision, CreditRecord, CreditRepair, DecisionKind, DishonestyListing
from .services import credit
from .services.common import get_case_for_user, is_handler, is_head


def _date(request: HttpRequest) -> dt.date | None:
    raw = request.POST.get("date", "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def credit_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    listings = list(DishonestyListing.objects.filter(decision__case=case).select_related("decision"))
    for listing in listings:
        listing.steps = [  # type: ignore[attr-defined]  # the page's forms
            (a, credit.LISTING_LABELS[a])
            for a in credit.LISTING_WORKFLOW.available_actions(request.user, listing)
        ]
    context: dict[str, Any] = {
        "case": case,
        "records": CreditRecord.objects.filter(decision__case=case).select_related("decision", "enterprise"),
        "listings": listings,
        "repairs": CreditRepair.objects.filter(record__decision__case=case).select_related("record"),
        "decisions": case.decisions.filter(kind=DecisionKind.PENALTY, ended_on__isnull=True),
        "is_handler": is_handler(request.user, case),
        "is_head": is_head(request.user, case),
        "today": timezone.localdate(),
    }
    return render(request, "cases/credit.html", context)


def _run(request: HttpRequest, pk: int, func: Any) -> HttpResponse:
    try:
        func()
        messages.success(request, "已办理")
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:credit", pk)


@login_required
@require_POST
def listing_notice(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    decision = CaseDecision.objects.filter(case=case, pk=request.POST.get("decision") or 0).first()
    if decision is None:
        raise Http404("处罚决定不存在")
    return _run(
        request,
        pk,
        lambda: credit.notify_listing(
            decision,
            actor=request.user,
            situation=request.POST.get("situation", ""),
            notice_text=request.POST.get("notice_text", ""),
            on=_date(request),
        ),
    )


@login_required
@require_POST
def listing_step(request: HttpRequest, pk: int, lid: int, action: str) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    listing = DishonestyListing.objects.filter(decision__case=case, pk=lid).first()
    if listing is None or action not in credit.LISTING_LABELS:
        raise Http404("无此事项")
    params: dict[str, Any] = {
        k: request.POST.get(k, "") for k in ("decision_text", "objection_text", "objection_result")
    }
    if "upheld" in request.POST:
        params["upheld"] = request.POST["upheld"] == "true"
    if _date(request):
        params["date"] = _date(request)
    return _run(request, pk, lambda: credit.move_listing(listing, action, actor=request.user, params=params))


@login_required
@require_POST
def repair_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    record = CreditRecord.objects.filter(decision__case=case, pk=request.POST.get("record") or 0).first()
    if record is None:
        raise Http404("信用记录不存在")
    return _run(
        request,
        pk,
        lambda: credit.request_repair(
            record,
            actor=request.user,
            applicant=request.POST.get("applicant", ""),
            reason=request.POST.get("reason", ""),
            evidence=request.POST.get("evidence", ""),
            on=_date(request),
        ),
    )


@login_required
@require_POST
def repair_decide(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    repair = CreditRepair.objects.filter(record__decision__case=case, pk=rid).first()
    if repair is None:
        raise Http404("信用修复申请不存在")
    return _run(
        request,
        pk,
        lambda: credit.decide_repair(
            repair,
            actor=request.user,
            approved=request.POST.get("approved") == "true",
            opinion=request.POST.get("opinion", ""),
            on=_date(request),
        ),
    )
