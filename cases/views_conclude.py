"""The discretion calculator's recommendation for one violation row of the 调查终结 form (htmx partial).

The same service as the calculator page (``discretion.services.recommend``) and the same result panel
(``discretion/_calculation.html``, with its 裁量计算单 button), fed from the case: the party type, the
violation date, today as the decision date, and whether the party is a first offender derived from its
history as the conclusion service does."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from discretion.models import Violation
from discretion.officer_text import officer_recommendation
from discretion.rules.types import RecommendationRequest
from discretion.services import recommend as run_calculator
from enforcement.core.exceptions import DomainError

from .forms_conclude import ROWS, row_name
from .services.common import get_case_for_user
from .services.conclusion import is_first_violation

PREFIX = "conclude_investigation-"


def _posted(request: HttpRequest, i: int, field: str) -> Any:
    key = PREFIX + row_name(i, field)
    return request.POST.getlist(key) if field == "circumstances" else request.POST.get(key, "").strip()


@login_required
@require_POST
def recommend(request: HttpRequest, pk: int, row: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    context: dict[str, Any] = {}
    code = _posted(request, row, "violation") if 0 <= row < ROWS else ""
    if not code:
        context["error"] = "请先填写违法行为编码"
        return render(request, "discretion/_calculation.html", context)
    today = timezone.localdate()
    circumstances = tuple(_posted(request, row, "circumstances"))
    tier = _posted(request, row, "tier") or None
    req = RecommendationRequest(
        violation=code,
        party_type=case.party_type,
        violation_date=case.violation_date,
        decision_date=today,
        stage="first",
        tier=tier,
        circumstances=circumstances,
        facts={"first_violation": is_first_violation(case, code)},
    )
    try:
        result = run_calculator(req)
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "discretion/_calculation.html", context)
    violation = Violation.objects.filter(
        code=result.violation.code, version__code=result.version.code
    ).first()
    posted = [
        ("party_type", case.party_type),
        ("stage", "first"),
        ("tier", tier or ""),
        ("violation_date", case.violation_date.isoformat()),
        ("decision_date", today.isoformat()),
        *[("circumstances", c) for c in circumstances],
    ]
    context.update(result=officer_recommendation(result), violation=violation, posted=posted)
    return render(request, "discretion/_calculation.html", context)
