"""Who may change core business and reference data (the "may act" half of access; scope is in access.py).

- Enterprises: officers (执法人员) of the supervising agency, and agency admins (系统管理员) whose agency is
  the supervising agency or an ancestor of it (the city bureau's admin maintains its districts' registers),
  and the platform superuser. Heads, supervisors, reviewers and assistants read only.
- Enforcement-item catalog: agency admins and the superuser (reference data shared by every agency).
- Agencies and their powers: agency admins within their subtree, and the superuser.
- User accounts (系统管理 › 用户账号): agency admins for the users of their agency's subtree, the superuser
  for everyone. Nobody else sees the account pages; an admin gets 404 for a user outside the subtree.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from . import roles
from .models import Agency, Enterprise


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def may_write_enterprises_of(user: Any, agency: Agency | None) -> bool:
    """True when ``user`` may create or change enterprises supervised by ``agency``."""
    if not _active(user) or agency is None:
        return False
    if user.is_superuser:
        return True
    if user.agency_id is None:
        return False
    if user.has_role(roles.OFFICER) and agency.pk == user.agency_id:
        return True
    return bool(user.has_role(roles.AGENCY_ADMIN) and agency.is_within(user.agency))


def may_write_enterprises_at_all(user: Any) -> bool:
    """True when the user holds a role that writes enterprises somewhere (to show the 新增 button)."""
    if not _active(user):
        return False
    return bool(user.is_superuser or (user.agency_id and user.has_role(roles.OFFICER, roles.AGENCY_ADMIN)))


def writable_enterprise_agencies(user: Any) -> Any:
    """Agencies whose enterprises ``user`` may write (a queryset; empty for read-only users)."""
    if not _active(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    if user.agency_id is None:
        return Agency.objects.none()
    if user.has_role(roles.AGENCY_ADMIN):
        return Agency.objects.filter(path__startswith=user.agency.path)
    if user.has_role(roles.OFFICER):
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def may_edit_catalog(user: Any) -> bool:
    """The enforcement-item catalog is maintained by agency admins and the superuser."""
    if not _active(user):
        return False
    return bool(user.is_superuser or (user.agency_id and user.has_role(roles.AGENCY_ADMIN)))


def may_manage_agency(user: Any, agency: Agency | None) -> bool:
    """Create/change an agency below (or at) the user's own, and grant/revoke its powers."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if agency is None or user.agency_id is None or not user.has_role(roles.AGENCY_ADMIN):
        return False
    return agency.is_within(user.agency)


def managed_agencies(user: Any) -> Any:
    """Agencies ``user`` may change and grant powers to (a queryset): superuser all, agency admins
    their agency's subtree, everybody else none."""
    if not _active(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    if user.agency_id is None or not user.has_role(roles.AGENCY_ADMIN):
        return Agency.objects.none()
    return Agency.objects.filter(path__startswith=user.agency.path)


def may_administer(user: Any) -> bool:
    """Who sees the 系统管理 area at all: agency admins with an agency, and the superuser."""
    if not _active(user):
        return False
    return bool(user.is_superuser or (user.agency_id and user.has_role(roles.AGENCY_ADMIN)))


def managed_users(user: Any) -> Any:
    """The accounts ``user`` may administer (a queryset of User): superuser all, agency admins the users
    of their agency's subtree (never a superuser), everybody else none."""
    from .models import User

    if not _active(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if user.agency_id is None or not user.has_role(roles.AGENCY_ADMIN):
        return User.objects.none()
    return User.objects.filter(agency__path__startswith=user.agency.path, is_superuser=False)


def may_manage_user(actor: Any, target: Any) -> bool:
    """True when ``actor`` may change ``target``'s account (same rule as ``managed_users``)."""
    if not _active(actor) or target is None:
        return False
    if actor.is_superuser:
        return True
    if target.is_superuser or target.agency_id is None or not may_administer(actor):
        return False
    return bool(target.agency.is_within(actor.agency))


def get_managed_user_or_404(actor: Any, pk: Any) -> Any:
    """One account the actor administers; 404 for anything outside their subtree (it is not shown)."""
    obj = managed_users(actor).select_related("agency").filter(pk=pk).first()
    if obj is None:
        raise Http404("用户不存在或不在您的管理范围内")
    return obj


def get_enterprise_for_user(user: Any, pk: Any, *, for_write: bool = False) -> Enterprise:
    """One enterprise through ``visible_to``: 404 when not visible; with ``for_write``, 403 when visible
    but not writable by the user."""
    from django.core.exceptions import PermissionDenied

    obj = Enterprise.objects.visible_to(user).select_related("agency").filter(pk=pk).first()
    if obj is None:
        raise Http404("生产经营单位不存在或无权查看")
    if for_write and not may_write_enterprises_of(user, obj.agency):
        raise PermissionDenied("只有监管机构的执法人员或系统管理员可以修改该单位信息")
    return obj
