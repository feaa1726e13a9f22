"""Roles are groups created on every migrate (post_migrate ``ensure_roles``), idempotently."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from enforcement.core import roles

pytestmark = pytest.mark.django_db


def perms(name: str) -> list[str]:
    group = Group.objects.get(name=name)
    return sorted(
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    )


def test_the_six_roles_exist_after_migrate():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(
        ["执法人员", "法制审核人员", "执法监督人员", "负责人", "系统管理员", "辅助人员"]
    )
    assert roles.ALL_ROLES == ["执法人员", "法制审核人员", "执法监督人员", "负责人", "系统管理员", "辅助人员"]


def test_agency_admin_permissions():
    core = [p for p in perms(roles.AGENCY_ADMIN) if p.startswith("core.")]
    assert core == [
        "core.add_agency",
        "core.add_agencypower",
        "core.add_calendarday",
        "core.add_enforcementitem",
        "core.add_enterprise",
        "core.change_agency",
        "core.change_calendarday",
        "core.change_enforcementitem",
        "core.change_enterprise",
        "core.delete_calendarday",
        "core.view_agency",
        "core.view_agencypower",
        "core.view_auditevent",
        "core.view_calendarday",
        "core.view_enforcementitem",
        "core.view_enterprise",
    ]
    assert [p for p in perms(roles.SUPERVISOR) if p.startswith("core.")] == [
        "core.view_auditevent",
        "core.view_enterprise",
    ]


def test_ensure_roles_is_idempotent_and_repairs_missing_permissions():
    before = {name: perms(name) for name in roles.ALL_ROLES}
    admin_group = Group.objects.get(name=roles.AGENCY_ADMIN)
    admin_group.permissions.remove(Permission.objects.get(codename="view_auditevent"))
    Group.objects.filter(name=roles.ASSISTANT).delete()
    roles.ensure_roles()
    roles.ensure_roles()
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == 6
    assert {name: perms(name) for name in roles.ALL_ROLES} == before
