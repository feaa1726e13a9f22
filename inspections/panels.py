"""Dashboard panel "我的待办（监督检查）": schemes to prepare, inspections due, re-checks due, overdue hazards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .choices import HazardStatus, SchemeStatus
from .models import Hazard, InspectionScheme

LIMIT = 8
SOON_DAYS = 7


def todo_for(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """Four short lists (one query each). Officers see their own work; a head also sees the hazards
    escalated to them and the schemes waiting for approval."""
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return {"shown": False}
    schemes = InspectionScheme.objects.visible_to(user).select_related("enterprise")
    mine = schemes.filter(members__user=user)
    hazards = Hazard.objects.visible_to(user).select_related("enterprise")
    my_hazards = hazards.filter(inspection__officers=user)
    to_prepare = mine.filter(status__in=[SchemeStatus.DRAFT, SchemeStatus.RETURNED])
    if user.has_role("负责人"):
        to_prepare = schemes.filter(status=SchemeStatus.SUBMITTED, agency_id=user.agency_id)
    due = mine.filter(status=SchemeStatus.APPROVED, window_start__lte=today + dt.timedelta(days=SOON_DAYS))
    rechecks = my_hazards.filter(
        status__in=[HazardStatus.RECTIFYING, HazardStatus.EXTENSION_REQUESTED],
        recheck_due__isnull=False,
    ).order_by("deadline")
    overdue_q = hazards.filter(agency_id=user.agency_id) if user.has_role("负责人") else my_hazards
    overdue = overdue_q.filter(status__in=[HazardStatus.OVERDUE, HazardStatus.ESCALATED]).order_by("deadline")
    return {
        "shown": True,
        "today": today,
        "schemes": list(to_prepare.distinct().order_by("window_start")[:LIMIT]),
        "due": list(due.distinct().order_by("window_start")[:LIMIT]),
        "rechecks": list(rechecks.distinct()[:LIMIT]),
        "overdue": list(overdue.distinct()[:LIMIT]),
    }


def my_todo(request: Any) -> dict[str, Any]:
    return todo_for(request.user)
