"""The Django admin (/admin/) is the platform superuser's tool only.

Agency administrators (系统管理员) work in the product's own 系统管理 area (/sysadmin/); a staff account
that is not a superuser is refused here like an anonymous one (the admin's login page says so).
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class PlatformAdminSite(AdminSite):
    site_header = "应急管理行政执法办案平台 · 平台管理后台"
    site_title = "平台管理后台"
    index_title = "平台超级管理员"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class PlatformAdminConfig(AdminConfig):
    default_site = "enforcement.admin_site.PlatformAdminSite"
