"""Roles are Django groups, created idempotently after every migrate."""

from __future__ import annotations

from typing import Any

OFFICER = "执法人员"
LEGAL_REVIEWER = "法制审核人员"
SUPERVISOR = "执法监督人员"
HEAD = "负责人"
AGENCY_ADMIN = "系统管理员"
ASSISTANT = "辅助人员"

ALL_ROLES = [OFFICER, LEGAL_REVIEWER, SUPERVISOR, HEAD, AGENCY_ADMIN, ASSISTANT]
# Roles whose holders need an enforcement certificate to act (持证上岗).
ENFORCEMENT_ROLES = [OFFICER, LEGAL_REVIEWER, SUPERVISOR, HEAD]
# Roles that see their agency's whole subtree rather than their own agency only.
SUBTREE_ROLES = [HEAD, SUPERVISOR, AGENCY_ADMIN]

# Model permissions each role holds (app_label.codename). Apps extend this via register_role_permissions.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    AGENCY_ADMIN: {
        "core.add_enterprise",
        "core.change_enterprise",
        "core.view_enterprise",
        "core.add_enforcementitem",
        "core.change_enforcementitem",
        "core.view_enforcementitem",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.delete_calendarday",
        "core.view_calendarday",
        "core.view_auditevent",
        # agencies and their powers, maintained in 系统管理 (/sysadmin/) within the admin's subtree
        # (permissions.may_manage_agency, re-checked by the services); /admin/ is the superuser's only
        "core.view_agency",
        "core.add_agency",
        "core.change_agency",
        "core.view_agencypower",
        "core.add_agencypower",
    },
    OFFICER: {"core.add_enterprise", "core.change_enterprise", "core.view_enterprise"},
    SUPERVISOR: {"core.view_auditevent", "core.view_enterprise"},
    HEAD: {"core.view_enterprise"},
    LEGAL_REVIEWER: {"core.view_enterprise"},
    ASSISTANT: {"core.view_enterprise"},
}


def register_role_permissions(role: str, perms: set[str]) -> None:
    ROLE_PERMISSIONS.setdefault(role, set()).update(perms)


def ensure_roles(sender: Any = None, **kwargs: Any) -> None:
    """post_migrate handler: create the role groups and attach their permissions (idempotent)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for role in ALL_ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = ROLE_PERMISSIONS.get(role, set())
        perms = []
        for dotted in sorted(wanted):
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:
                perms.append(perm)
        group.permissions.add(*perms)
