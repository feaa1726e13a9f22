"""Dashboard panel "所辖单位期限（按单位、类别）" for heads and supervisors: the running deadlines of the
agencies they see that are overdue or fall due within 3 working days, counted per agency and kind in one
grouped query; each count links to the 期限一览 filtered to exactly those rows (same filter set, same
``visible_to``), so a figure and its list never disagree."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone

from .. import roles
from ..models import Deadline
from ..models.deadlines import RUNNING_STATUSES
from . import calendar
from .dashboard import RUNNING, kind_label

SOON_WORKING_DAYS = 3
GROUPS_SHOWN = 30


def concerns(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.agency_id is not None
        and user.has_role(roles.HEAD, roles.SUPERVISOR)
    )


def soon_limit(today: dt.date) -> dt.date:
    """The last day of "within 3 working days" (the official calendar; weekends when a year is missing)."""
    return calendar.add(today, SOON_WORKING_DAYS, "working").due


def list_url(params: dict[str, str]) -> str:
    return f"/deadlines/?{urlencode(params)}"


def subtree_deadlines(user: Any, today: dt.date) -> dict[str, Any]:
    """``{"shown", "groups": [{agency, kind, overdue, soon, overdue_url, soon_url}], "more", "limit"}``;
    ``shown`` False for users it does not concern. Queries: one grouped count (plus the calendar)."""
    if not concerns(user):
        return {"shown": False}
    limit = soon_limit(today)
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    rows = list(
        Deadline.objects.visible_to(user)
        .filter(status__in=RUNNING_STATUSES, due_date__lte=limit)
        .values("agency_id", "agency__name", "agency__path", "kind")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            soon=Count("pk", filter=Q(due_date__gte=today)),
        )
        .order_by("agency__path", "kind")[: GROUPS_SHOWN + 1]
    )
    groups = []
    for r in rows[:GROUPS_SHOWN]:
        base = {"agency": str(r["agency_id"]), "kind": r["kind"], "status": RUNNING}
        groups.append(
            {
                "agency": r["agency__name"],
                "kind": kind_label(r["kind"]),
                "overdue": r["overdue"],
                "soon": r["soon"],
                "overdue_url": list_url({**base, "due_before": yesterday}),
                "soon_url": list_url(
                    {**base, "due_after": today.isoformat(), "due_before": limit.isoformat()}
                ),
            }
        )
    return {"shown": True, "groups": groups, "more": len(rows) > GROUPS_SHOWN, "limit": limit}


def panel(request: Any) -> dict[str, Any]:
    return subtree_deadlines(request.user, timezone.localdate())


def register() -> None:
    from ..registry import DashboardPanel, register_dashboard_panel

    register_dashboard_panel(DashboardPanel(20, "core/panel_subtree_deadlines.html", panel))
