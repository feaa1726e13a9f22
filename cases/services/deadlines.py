"""Deadline kinds of a case (spec §5) and the helpers that open them with their "why"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from enforcement.core.models import DayType
from enforcement.core.registry import DeadlineKind
from enforcement.core.services.calendar import add as add_period
from enforcement.core.services.calendar import open_counted_deadline
from enforcement.core.services.deadlines import open_deadline

from ..models import Case

DECISION = "CASE_DECISION"
DEFENCE = "CASE_DEFENCE"
HEARING_REQUEST = "CASE_HEARING_REQUEST"
HEARING_NOTICE = "CASE_HEARING_NOTICE"
LEGAL_REVIEW = "CASE_LEGAL_REVIEW"

DEADLINE_KINDS = (
    DeadlineKind(DECISION, "作出处罚决定", "《中华人民共和国行政处罚法》第六十条", (7, 3, 1, 0)),
    DeadlineKind(
        DEFENCE,
        "陈述申辩期限",
        "《中华人民共和国行政处罚法》第四十四条、第六十二条（期限为本机关规定）",
        (1, 0),
    ),
    DeadlineKind(
        HEARING_REQUEST, "听证申请期限", "《中华人民共和国行政处罚法》第六十四条第一项、第八十五条", (1, 0)
    ),
    DeadlineKind(
        HEARING_NOTICE, "听证通知送达", "《中华人民共和国行政处罚法》第六十四条第二项、第八十五条", (1, 0)
    ),
    DeadlineKind(
        LEGAL_REVIEW, "法制审核", "《中华人民共和国行政处罚法》第五十八条（期限为本机关规定）", (3, 1, 0)
    ),
)

WORKING = "working"


def open_working(
    case: Case,
    kind: str,
    title: str,
    *,
    start: dt.date,
    days: int,
    basis: str,
    responsible: Iterable[Any],
    actor: Any,
) -> Any:
    """A working-day period from ``start`` (the day after counts first), its basis naming the start event."""
    return open_counted_deadline(
        subject=case,
        kind=kind,
        title=title,
        agency_id=case.deciding_agency_id,
        length=days,
        day_type=WORKING,
        start_date=start,
        basis=basis,
        responsible=responsible,
        actor=actor,
    )


def open_counted(
    case: Case,
    kind: str,
    title: str,
    *,
    start: dt.date,
    days: int,
    day_type: str,
    basis: str,
    responsible: Iterable[Any],
    actor: Any,
) -> Any:
    """A period of ``days`` of ``day_type`` (working / calendar) from ``start``, its basis naming the start."""
    return open_counted_deadline(
        subject=case,
        kind=kind,
        title=title,
        agency_id=case.deciding_agency_id,
        length=days,
        day_type=day_type,
        start_date=start,
        basis=basis,
        responsible=responsible,
        actor=actor,
    )


def open_decision_deadline(
    case: Case, *, start: dt.date, due: dt.date, days: int, basis: str, responsible: Iterable[Any], actor: Any
) -> Any:
    return open_deadline(
        subject=case,
        kind=DECISION,
        title=f"作出处罚决定：{case.title}"[:200],
        agency_id=case.deciding_agency_id,
        due_date=due,
        start_date=start,
        day_type=DayType.CALENDAR,
        length=days,
        basis=basis[:200],
        responsible=responsible,
        actor=actor,
    )


def latest_notice_day(hearing_day: dt.date) -> dt.date:
    """The last day the hearing notice may be served: 7 working days before the hearing (counted back)."""
    return add_period(hearing_day, -7, WORKING).due


def case_deadlines(case: Case) -> Any:
    """The deadlines shown with a case: its own and those of its decisions (service, answers, payment)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from enforcement.core.models import Deadline

    from ..models import CaseDecision

    types = ContentType.objects.get_for_models(Case, CaseDecision)
    return Deadline.objects.filter(
        Q(content_type=types[Case], object_id=case.pk)
        | Q(
            content_type=types[CaseDecision],
            object_id__in=CaseDecision.objects.filter(case=case).values("pk"),
        )
    ).order_by("due_date", "id")
