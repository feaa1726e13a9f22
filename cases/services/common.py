"""Lookups and relational who-predicates shared by the case services."""

from __future__ import annotations

from typing import Any

from enforcement.core import roles
from enforcement.core.access import get_object_for_user

from ..choices import ReviewStatus
from ..models import Case, CaseReview, CaseSettings
from ..rules.procedure import Thresholds


def case_queryset() -> Any:
    return Case.objects.select_related("deciding_agency", "enterprise", "item", "hearing_chair", "created_by")


def get_case_for_user(user: Any, pk: Any) -> Case:
    case: Case = get_object_for_user(case_queryset(), user, pk)
    return case


def settings_for(agency_id: int) -> CaseSettings:
    found = CaseSettings.objects.filter(agency_id=agency_id).first()
    return found if found is not None else CaseSettings(agency_id=agency_id)


def thresholds_for(agency_id: int) -> Thresholds:
    s = settings_for(agency_id)
    return Thresholds(unit=s.hearing_threshold_unit, person=s.hearing_threshold_person)


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def handler_rows(case: Case) -> list[Any]:
    cached = getattr(case, "_handler_rows", None)
    if cached is None:
        cached = list(case.handler_rows.filter(active=True).select_related("user").order_by("-is_lead", "id"))
        case._handler_rows = cached  # type: ignore[attr-defined]
    return cached


def forget_handlers(case: Case) -> None:
    case.__dict__.pop("_handler_rows", None)


def handlers_of(case: Case) -> list[Any]:
    return [row.user for row in handler_rows(case)]


def handler_ids(case: Case) -> set[int]:
    return {row.user_id for row in handler_rows(case)}


def current_review(case: Case) -> CaseReview | None:
    cached = getattr(case, "_current_review", False)
    if cached is False:
        cached = case.reviews.order_by("-id").first()
        case._current_review = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


def forget_review(case: Case) -> None:
    case.__dict__.pop("_current_review", None)


def is_handler(user: Any, case: Case) -> bool:
    return _active(user) and user.pk in handler_ids(case)


def is_head(user: Any, case: Case) -> bool:
    return _active(user) and user.agency_id == case.deciding_agency_id and user.has_role(roles.HEAD)


def is_higher_head(user: Any, case: Case) -> bool:
    parent = case.deciding_agency.parent_id
    return _active(user) and parent is not None and user.agency_id == parent and user.has_role(roles.HEAD)


def is_reviewer_pool(user: Any, case: Case) -> bool:
    return (
        _active(user)
        and user.agency_id == case.deciding_agency_id
        and user.has_role(roles.LEGAL_REVIEWER)
        and user.pk not in handler_ids(case)
    )


def is_assigned_reviewer(user: Any, case: Case) -> bool:
    review = current_review(case)
    return (
        _active(user)
        and review is not None
        and case.review_status == ReviewStatus.TAKEN
        and review.reviewer_id == user.pk
    )


def is_chair(user: Any, case: Case) -> bool:
    return _active(user) and case.hearing_chair_id is not None and case.hearing_chair_id == user.pk


def heads_of(agency_id: int) -> list[Any]:
    from enforcement.core.models import User

    return list(User.objects.filter(agency_id=agency_id, is_active=True, groups__name=roles.HEAD).distinct())
