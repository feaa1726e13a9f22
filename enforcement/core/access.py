"""Scope rules (default deny): which rows a user may see, as Q objects built from columns.

Officers see their own agency; heads, supervisors and agency admins see their agency's subtree;
the platform superuser sees everything; anonymous users and users without an agency see nothing.

The models' managers call these filters, so this module never imports ``models/``: it reaches the
model classes through the app registry (``apps.get_model``), which keeps the core free of import circles.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q
from django.http import Http404

NOTHING = Q(pk__in=[])


def _is_anonymous(user: Any) -> bool:
    return (
        user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False)
    )


def visible_agencies(user: Any):  # -> QuerySet[Agency]
    """The agencies whose business data the user may see (own agency, subtree, all, or none)."""
    Agency = apps.get_model("core", "Agency")
    if _is_anonymous(user) or (not user.is_superuser and user.agency_id is None):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    if user.sees_subtree:
        return Agency.objects.filter(path__startswith=user.agency.path)
    return Agency.objects.filter(pk=user.agency_id)


def visible_agency_ids(user: Any):  # -> QuerySet of ids
    """Subquery of the agency ids whose business data the user may see."""
    return visible_agencies(user).values("id")


def agency_scope_filter(user: Any, field: str = "agency") -> Q:
    """Q for rows whose ``field`` (a FK to Agency) is within the user's scope."""
    if _is_anonymous(user):
        return NOTHING
    if user.is_superuser:
        return Q()
    if user.agency_id is None:
        return NOTHING
    if user.sees_subtree:
        return Q(**{f"{field}__path__startswith": user.agency.path})
    return Q(**{f"{field}_id": user.agency_id})


def audit_scope_filter(user: Any) -> Q:
    """Audit events: superusers all; supervisors and agency admins their subtree (by denormalised agency id)."""
    from . import roles

    if _is_anonymous(user):
        return NOTHING
    if user.is_superuser:
        return Q()
    if user.agency_id is None or not user.has_role(roles.SUPERVISOR, roles.AGENCY_ADMIN):
        return NOTHING
    return Q(agency_id_ref__in=visible_agency_ids(user))


def may_view_audit(user: Any) -> bool:
    """Who may open the audit trail (全过程记录): superusers, supervisors and agency admins with an agency."""
    from . import roles

    if _is_anonymous(user):
        return False
    if user.is_superuser:
        return True
    return user.agency_id is not None and user.has_role(roles.SUPERVISOR, roles.AGENCY_ADMIN)


def deadline_scope_filter(user: Any) -> Q:
    """Deadlines: the ones a user is responsible for, plus their agency scope for subtree roles."""
    if _is_anonymous(user):
        return NOTHING
    if user.is_superuser:
        return Q()
    # A subquery rather than a join on the M2M, so OR-ing the agency scope never duplicates rows.
    Deadline = apps.get_model("core", "Deadline")
    mine = Q(pk__in=Deadline.responsible.through.objects.filter(user_id=user.pk).values("deadline_id"))
    if user.agency_id is not None and user.sees_subtree:
        return mine | Q(agency_id__in=visible_agency_ids(user))
    return mine


def get_object_for_user(queryset: Any, user: Any, pk: Any) -> Any:
    """Fetch one object through ``queryset.visible_to(user)``; 404 when it may not be seen, and for a
    key that is no 64-bit id at all (``º``, ``²``, 20 digits: a 500 found by the API fuzzer)."""
    text = str(pk)
    if not (text.isascii() and text.isdigit()) or int(text) > 2**63 - 1:
        raise Http404("对象不存在或无权查看")
    obj = queryset.visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404("对象不存在或无权查看")
    return obj
