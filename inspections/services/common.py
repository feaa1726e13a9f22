"""Relational who-predicates and small helpers shared by the inspections services."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from enforcement.core import roles

from ..rules.hazards import HazardPeriods, periods_from


def hazard_periods() -> HazardPeriods:
    return periods_from(getattr(settings, "INSPECTION_HAZARD_PERIODS", None))


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_head_of(user: Any, agency_id: int) -> bool:
    """负责人 of exactly this agency (ERRATA: ancestors' heads read, they do not act)."""
    return _active(user) and user.agency_id == agency_id and user.has_role(roles.HEAD)


def is_officer_of(user: Any, agency_id: int) -> bool:
    """An officer (or head) of this agency — who may prepare schemes and record inspections."""
    return _active(user) and user.agency_id == agency_id and user.has_role(roles.OFFICER, roles.HEAD)


def heads_of(agency_id: int) -> list[Any]:
    from enforcement.core.models import User

    return list(User.objects.filter(agency_id=agency_id, is_active=True, groups__name=roles.HEAD).distinct())
