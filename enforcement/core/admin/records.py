"""Django admin for records that only services write: deadlines, notifications and the audit trail.

All three are read-only here. Deadlines change through ``enforcement.core.services.deadlines`` (opened and
closed by the business services), notifications through ``notifications``, and the audit trail
(全过程记录) is append-only by design — on PostgreSQL a trigger refuses UPDATE/DELETE anyway; the admin
offers no add, change or delete at all. Rows are scoped like the pages: ``visible_to(request.user)``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ..forms.audit import action_label
from ..models import AuditEvent, Deadline, Notification


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # one base for several models
    """No add, change or delete (and so no bulk-delete action); view permission as Django grants it."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "agency", "due_date", "day_type", "status", "provisional"]
    list_filter = ["status", "day_type", "provisional", "kind"]
    search_fields = ["title", "basis"]
    date_hierarchy = "due_date"
    list_select_related = ["agency"]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Deadline]:
        return Deadline.objects.visible_to(request.user).select_related("agency", "content_type")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Delivery troubleshooting for the platform superuser only: inboxes are personal."""

    list_display = ["title", "recipient", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    show_full_result_count = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """全过程记录, strictly read-only, in the viewer's audit scope (superuser: all; supervisors and
    agency admins: their subtree)."""

    list_display = ["seq", "created_at", "actor_name", "action", "action_text", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["=actor_name", "object_repr", "=action"]
    date_hierarchy = "created_at"
    ordering = ["-seq"]
    show_full_result_count = False
    actions = None  # no bulk actions (Django's delete_selected) on an append-only table

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        return AuditEvent.objects.visible_to(request.user).select_related("actor", "content_type")

    @admin.display(description="动作")
    def action_text(self, obj: AuditEvent) -> str:
        return action_label(obj.action)
