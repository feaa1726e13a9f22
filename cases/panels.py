"""The cases panels of the 工作台: a link to register a case and the open cases the user handles; for a
head (负责人), the cases of the agency waiting for their approval or decision."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q

from enforcement.core import roles

from .choices import CaseStatus as S
from .choices import ExtensionStatus, ReviewStatus
from .models import Case, CaseHandler
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


# What waits for the head of the deciding agency (the HEAD moves of cases.workflow), as (key, label, Q).
# "decision" approximates the decide guards by state (◐): after a collective discussion; after an approved
# 法制审核 where no discussion is required; after the waived defence or the hearing where neither is
# required. The decide action itself re-checks every guard (windows, deadlines).
_NO_REVIEW = Q(review_required=False, collective_required=False)
AWAITING_HEAD: tuple[tuple[str, str, Q], ...] = (
    ("filing", "立案审批", Q(status=S.SUBMITTED)),
    ("hearing", "通知听证", Q(status=S.HEARING_REQUESTED)),
    (
        "decision",
        "待作出决定",
        Q(status=S.COLLECTIVE_DISCUSSION)
        | Q(status=S.LEGAL_REVIEW, review_status=ReviewStatus.APPROVED, collective_required=False)
        | (Q(status__in=[S.WAIVED, S.HEARING_HELD]) & _NO_REVIEW),
    ),
    ("extension", "延长办案期限审批", Q(extension_status=ExtensionStatus.PENDING)),
    ("recusal", "回避申请待决定", Q(recusal_pending=True)),
)
# The case list filters that list exactly the cases of a kind (the others are listed in the panel only).
LIST_STATUS = {"filing": S.SUBMITTED, "hearing": S.HEARING_REQUESTED}


def awaiting_head(request: Any) -> dict[str, Any]:
    """Counts per kind (one query) and the first cases (one query), of the head's own agency."""
    user = request.user
    if not (getattr(user, "is_authenticated", False) and user.agency_id and user.has_role(roles.HEAD)):
        return {"shown": False}
    any_q = Q()
    for _key, _label, q in AWAITING_HEAD:
        any_q |= q
    recusal = CaseHandler.objects.filter(case_id=OuterRef("pk"), active=True, recusal_requested=True)
    mine = (
        Case.objects.visible_to(user)
        .filter(deciding_agency_id=user.agency_id)
        .annotate(recusal_pending=Exists(recusal))
    )
    flags = {
        f"is_{key}": ExpressionWrapper(q, output_field=BooleanField()) for key, _label, q in AWAITING_HEAD
    }
    counts = mine.aggregate(**{key: Count("pk", filter=q) for key, _label, q in AWAITING_HEAD})
    rows = list(
        mine.filter(any_q)
        .annotate(**flags)
        .order_by("decision_due", "-id")
        .only("id", "number", "party_name", "status", "decision_due", "extension_status")[:SHOWN]
    )
    for case in rows:
        case.awaiting = "、".join(  # type: ignore[attr-defined]
            label for key, label, _q in AWAITING_HEAD if getattr(case, f"is_{key}")
        )
    kinds = [
        {"label": label, "count": counts[key], "url": _list_url(key, user.agency_id)}
        for key, label, _q in AWAITING_HEAD
        if counts[key]
    ]
    return {"shown": True, "kinds": kinds, "cases": rows}


def _list_url(key: str, agency_id: int) -> str:
    """The case list filtered to exactly the cases counted under ``key``; '' when the list has no such filter."""
    status = LIST_STATUS.get(key)
    return f"/cases/?agency={agency_id}&agency_only=true&status={status}" if status else ""
