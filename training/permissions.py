"""Who may see and who may act in the training app (scope from columns, default deny).

- Officer register: officers see their own agency; heads, supervisors and agency admins their subtree;
  superusers everything (``enforcement.core.access.agency_scope_filter``).
- Certificates, training records, qualifications: the holder sees their own; heads, supervisors and
  agency admins see their subtree's; superusers everything.
- Acting on certificates, training records and profiles: agency admins (系统管理员) of the officer's
  agency or an ancestor, and superusers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from enforcement.core import roles
from enforcement.core.access import NOTHING, agency_scope_filter


def _anonymous(user: Any) -> bool:
    return user is None or not getattr(user, "is_authenticated", False) or not user.is_active


def officer_scope_filter(user: Any, agency_field: str = "agency") -> Q:
    """Rows of people the user may see in the register (own agency, or subtree for subtree roles)."""
    if _anonymous(user):
        return NOTHING
    if user.is_superuser:
        return Q()  # (an empty Q would vanish when OR-ed with the own-row clause)
    return agency_scope_filter(user, agency_field) | Q(pk=user.pk)


def personal_record_filter(user: Any, *, holder_field: str, agency_field: str = "agency") -> Q:
    """Certificates/training records: own rows, plus the subtree for heads, supervisors, agency admins."""
    if _anonymous(user):
        return NOTHING
    if user.is_superuser:
        return Q()
    own = Q(**{f"{holder_field}_id": user.pk})
    if user.agency_id is not None and user.sees_subtree:
        return own | Q(**{f"{agency_field}__path__startswith": user.agency.path})
    return own


def can_manage_agency(actor: Any, agency: Any) -> bool:
    """True for superusers and for 系统管理员 of ``agency`` or one of its ancestors."""
    if _anonymous(actor):
        return False
    if actor.is_superuser:
        return True
    if agency is None or actor.agency_id is None or not actor.has_role(roles.AGENCY_ADMIN):
        return False
    return bool(agency.is_within(actor.agency))


def can_manage_some_agency(user: Any) -> bool:
    """Superusers and 系统管理员 (of some agency): who may use the write endpoints and the XLSX import at
    all; ``can_manage_agency`` then decides per officer."""
    if _anonymous(user):
        return False
    return bool(user.is_superuser or (user.agency_id is not None and user.has_role(roles.AGENCY_ADMIN)))


def can_see_dashboard(user: Any) -> bool:
    """The compliance dashboard is for heads, supervisors, agency admins and superusers."""
    if _anonymous(user):
        return False
    return bool(user.is_superuser or (user.agency_id is not None and user.sees_subtree))


def can_see_personal_records(user: Any, officer: Any) -> bool:
    """Certificates, training records and qualifications of ``officer``: themselves, subtree roles over
    their agency, superusers (mirror of ``personal_record_filter`` for one person)."""
    if _anonymous(user):
        return False
    if user.is_superuser or user.pk == officer.pk:
        return True
    return bool(
        user.agency_id is not None
        and user.sees_subtree
        and officer.agency is not None
        and officer.agency.is_within(user.agency)
    )
