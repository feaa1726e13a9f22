"""Dashboard panel "执法效能落后指标" (heads and supervisors): the agencies of my subtree whose figures in
the latest evaluation are below their thresholds or behind the subtree median, linking to the evaluation."""

from __future__ import annotations

from typing import Any

from .models import EfficacyEvaluation
from .rules.efficacy import FIGURE_BY_KEY
from .services.report import reads_supervision

SHOWN = 10


def lagging_agencies(request: Any) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    if not reads_supervision(user):
        return {"shown": False}
    visible = EfficacyEvaluation.objects.visible_to(user).select_related("agency")
    latest = (
        visible.filter(agency_id=user.agency_id).order_by("-year", "-half").first()
        or visible.order_by("-year", "-half", "agency__path").first()
    )
    if latest is None:
        return {"shown": True, "evaluation": None, "lagging": []}
    mine = latest.rows.select_related("agency").order_by("agency__path")
    if not user.is_superuser:  # a district head sees its own part of the city's published evaluation
        mine = mine.filter(agency__path__startswith=user.agency.path)
    rows = [r for r in mine if r.lagging]
    lagging = [
        {
            "agency": r.agency.name,
            "figures": [FIGURE_BY_KEY[k].label for k in FIGURE_BY_KEY if k in r.lagging],
            "rank": r.rank,
        }
        for r in rows[:SHOWN]
    ]
    return {"shown": True, "evaluation": latest, "lagging": lagging, "more": max(0, len(rows) - SHOWN)}
