"""培训课程 services: an agency's 系统管理员 creates a course and records who attended it (one training
record per officer, hours and kind taken from the course)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Agency, User
from enforcement.core.services.audit import record_event

from ..choices import TrainingResult
from ..models import Course, TrainingRecord
from ..permissions import can_manage_agency
from .training import record_training, validate_training_input

NOT_ADMIN = "只有本机构或上级机构的系统管理员可以管理培训课程"


def create_course(
    agency: Agency,
    *,
    actor: Any,
    title: str,
    kind: str,
    hours: Any,
    start_on: dt.date,
    end_on: dt.date | None = None,
    organiser: str = "",
) -> Course:
    """Create a course of ``agency`` (入职培训, 复训, 全员轮训 …) with its hours and dates."""
    hours_value, _ = validate_training_input(kind, title, hours, TrainingResult.ATTENDED, None)
    if end_on is not None and end_on < start_on:
        raise InvalidInput("结束日期不能早于开始日期", fields={"end_on": ["结束日期不能早于开始日期"]})
    if not can_manage_agency(actor, agency):
        raise NotAllowed(NOT_ADMIN)
    with transaction.atomic():
        course = Course.objects.create(
            agency=agency,
            title=str(title).strip(),
            kind=kind,
            hours=hours_value,
            start_on=start_on,
            end_on=end_on,
            organiser=organiser,
        )
        record_event(
            "training.course_create",
            actor=actor,
            obj=course,
            data={"title": course.title, "kind": kind, "hours": str(hours_value), "start_on": start_on},
        )
    return course


def record_attendance(
    course: Course,
    officers: Iterable[User],
    *,
    actor: Any,
    result: str = TrainingResult.ATTENDED,
    score: Decimal | None = None,
) -> list[TrainingRecord]:
    """Record that ``officers`` attended ``course``: one training record each (the course's kind, title,
    date and hours). All or nothing: refused (403) if the actor may not manage the course's agency or any
    of the officers; an officer already recorded for the course is refused (400)."""
    people = list({o.pk: o for o in officers}.values())
    if not people:
        raise InvalidInput("请选择参训人员", fields={"officers": ["请选择参训人员"]})
    if not can_manage_agency(actor, course.agency):
        raise NotAllowed(NOT_ADMIN)
    already = set(
        TrainingRecord.objects.filter(course=course, officer__in=people).values_list(
            "officer__real_name", flat=True
        )
    )
    if already:
        names = "、".join(sorted(already))
        raise InvalidInput(f"已登记参训：{names}", fields={"officers": [f"已登记参训：{names}"]})
    with transaction.atomic():
        return [
            record_training(
                officer,
                actor=actor,
                kind=course.kind,
                title=course.title,
                start_on=course.start_on,
                hours=course.hours,
                result=result,
                score=score,
                course=course,
            )
            for officer in people
        ]
