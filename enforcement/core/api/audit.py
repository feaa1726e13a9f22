"""Read-only API for the audit trail (全过程记录): ``/api/v1/audit-events/``, same scope as the page."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions, serializers, viewsets
from rest_framework.pagination import CursorPagination

from ..access import may_view_audit
from ..forms.audit import AuditFilterForm, action_label
from ..models import AuditEvent
from ..models.audit import AuditEventQuerySet


class MayViewAudit(permissions.BasePermission):
    message = "仅执法监督人员、系统管理员可查看全过程记录"

    def has_permission(self, request: Any, view: Any) -> bool:
        return may_view_audit(request.user)


class SeqCursorPagination(CursorPagination):
    """Keyset pagination on the chain position, newest first."""

    ordering = "-seq"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    actor_username = serializers.SerializerMethodField()
    action_label = serializers.SerializerMethodField()
    object_type = serializers.SerializerMethodField()
    agency_id = serializers.IntegerField(source="agency_id_ref", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "seq",
            "created_at",
            "actor",
            "actor_username",
            "actor_name",
            "action",
            "action_label",
            "object_type",
            "object_id",
            "object_repr",
            "agency_id",
            "data",
            "ip_address",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields

    def get_actor_username(self, obj: AuditEvent) -> str | None:
        return obj.actor.username if obj.actor is not None else None

    def get_action_label(self, obj: AuditEvent) -> str:
        return action_label(obj.action)

    def get_object_type(self, obj: AuditEvent) -> str | None:
        ct = obj.content_type
        return f"{ct.app_label}.{ct.model}" if ct is not None else None


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet[AuditEvent]):
    """全过程记录. Filters: ``object_type`` (app_label.model), ``object_id``, ``actor`` (username),
    ``action``, ``date_from``/``date_to`` (local dates, inclusive)."""

    serializer_class = AuditEventSerializer
    permission_classes = [permissions.IsAuthenticated, MayViewAudit]
    pagination_class = SeqCursorPagination

    def get_queryset(self) -> AuditEventQuerySet:
        queryset = AuditEvent.objects.visible_to(self.request.user).select_related("content_type", "actor")
        if self.action != "list":
            return queryset
        form = AuditFilterForm(self.request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        return form.apply(queryset)
