"""工作台 panels of the supervision app (the lists come from ``supervision.selectors``, as on the 执法监督 page).

- "执法监督" for supervisors: campaigns of the subtree in progress (drawn / assigned / submitted / locked),
  the reviews with me and their campaign deadline, objections waiting for a re-check, rectification answers
  waiting for my acceptance, and rectifications escalated as not answered in time.
- "评查整改与异议" for the head of a reviewed agency: the rectification notices addressed to the agency with
  their deadlines, and the submitted reviews it may still object to.

Each list is one query (at most ``SHOWN`` rows, one more read to know there are more); a panel shows
nothing for users it does not concern, and the head's panel only when something is pending."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core import roles

from . import selectors

SHOWN = 6


def _first(qs: Any) -> dict[str, Any]:
    rows = list(qs[: SHOWN + 1])
    return {"rows": rows[:SHOWN], "more": len(rows) > SHOWN}


def _with_agency(user: Any, role: str) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.agency_id is not None and user.has_role(role)
    )


def supervisor_panel_for(user: Any, today: dt.date) -> dict[str, Any]:
    if not _with_agency(user, roles.SUPERVISOR):
        return {"shown": False}
    return {
        "shown": True,
        "today": today,
        "campaigns": _first(selectors.campaigns_in_progress(user)),
        "reviews": _first(selectors.my_open_reviews(user).order_by("campaign__due_date", "id")),
        "objections": _first(selectors.objections_to_recheck(user)),
        "answers": _first(selectors.rectifications_to_accept(user)),
        "late": _first(selectors.late_rectifications(user)),
    }


def head_panel_for(user: Any, today: dt.date) -> dict[str, Any]:
    if not _with_agency(user, roles.HEAD):
        return {"shown": False}
    notices = _first(selectors.rectifications_of_my_agency(user))
    objectable = _first(selectors.objection_window_open(user))
    if not notices["rows"] and not objectable["rows"]:
        return {"shown": False}
    return {"shown": True, "today": today, "notices": notices, "objectable": objectable}


def supervisor_panel(request: Any) -> dict[str, Any]:
    return supervisor_panel_for(request.user, timezone.localdate())


def head_panel(request: Any) -> dict[str, Any]:
    return head_panel_for(request.user, timezone.localdate())
