"""The cases panel of the officer's 工作台: a link to register a case and the open cases the user handles."""

from __future__ import annotations

from typing import Any

from .choices import CaseStatus as S
from .models import Case
from .templatetags.case_tags import may_create_case

CLOSED = (S.REJECTED, S.DECIDED, S.NO_PENALTY, S.EXECUTING, S.CLOSED, S.ARCHIVED, S.TRANSFERRED)
SHOWN = 8


def my_cases(request: Any) -> dict[str, Any]:
    user = request.user
    if not may_create_case(user):
        return {"shown": False}
    rows = list(
        Case.objects.filter(handler_rows__user=user, handler_rows__active=True)
        .exclude(status__in=CLOSED)
        .order_by("decision_due", "-id")
        .only("id", "number", "party_name", "status", "decision_due")[:SHOWN]
    )
    return {"shown": True, "cases": rows}
