"""Template context processors: the shell's navigation (current section highlighted) and the inbox badge's unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

NAV_ITEMS: list[dict[str, str]] = [
    {"label": "工作台", "url": "/", "section": "dashboard"},
    {"label": "监督检查", "url": "/inspections/", "section": "inspections"},
    {"label": "案件办理", "url": "/cases/", "section": "cases"},
    {"label": "裁量基准", "url": "/discretion/", "section": "discretion"},
    {"label": "执法人员", "url": "/training/", "section": "training"},
    {"label": "执法监督", "url": "/supervision/", "section": "supervision"},
    {"label": "生产经营单位", "url": "/enterprises/", "section": "enterprises"},
    {"label": "执法事项", "url": "/catalog/", "section": "catalog"},
    {"label": "执法机构", "url": "/agencies/", "section": "agencies"},
    {"label": "期限计算", "url": "/calendar/", "section": "calendar"},
    {"label": "期限一览", "url": "/deadlines/", "section": "deadlines"},
]


# Shown only to those who may open it (superusers, supervisors, agency admins).
AUDIT_NAV_ITEM = {"label": "全过程记录", "url": "/audit/", "section": "audit"}


def navigation(request: HttpRequest) -> dict[str, Any]:
    from .access import may_view_audit

    path = request.path
    items = NAV_ITEMS + [AUDIT_NAV_ITEM] if may_view_audit(getattr(request, "user", None)) else NAV_ITEMS
    current = (
        "dashboard"
        if path == "/"
        else next(
            (item["section"] for item in items if item["url"] != "/" and path.startswith(item["url"])), ""
        )
    )
    return {"nav_items": items, "nav_current": current}


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """The number of the user's unread notifications, counted lazily (one query, only if rendered)."""
    from .models import Notification

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_count": 0}
    return {
        "unread_count": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
        )
    }
