"""/api/v1/enforcement-items/ — the 执法事项目录 (read: every logged-in user; write: agency admins)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import EnforcementItem, EnforcementItemChange, ItemKind, ItemStatus
from ..permissions import may_edit_catalog
from ..services.catalog import (
    EDITABLE_FIELDS,
    ItemData,
    cancel_item,
    create_item,
    resume_item,
    suspend_item,
    update_item,
)
from .base import ScopedViewSet, ScopedWritePermission


class EnforcementItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # model set in Meta
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = EnforcementItem
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_label",
            "legal_basis",
            "level",
            "level_label",
            "status",
            "status_label",
            "effective_from",
            "effective_to",
            "note",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "updated_at"]
        extra_kwargs: dict[str, dict[str, object]] = {
            "code": {"validators": []}
        }  # uniqueness is the service's (Chinese) message


class ItemChangeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # model set in Meta
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = EnforcementItemChange
        fields = ["id", "changed_at", "actor", "actor_name", "change_kind", "diff"]

    def get_actor_name(self, obj: EnforcementItemChange) -> str:
        return str(obj.actor) if obj.actor else "系统"


class StatusChangeSerializer(serializers.Serializer):  # type: ignore[type-arg]  # input shape only
    reason = serializers.CharField()
    last_day = serializers.DateField(required=False)


class EnforcementItemFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ItemKind.choices)
    status = filters.ChoiceFilter(choices=ItemStatus.choices)
    q = filters.CharFilter(method="search", label="编码或名称")

    class Meta:
        model = EnforcementItem
        fields = ["kind", "status", "q"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        text = value.strip()
        return queryset.filter(Q(code__icontains=text) | Q(name__icontains=text)) if text else queryset


class EnforcementItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """执法事项. Filters ``?kind=&status=&q=``; POST ``{id}/suspend|resume|cancel/`` with ``reason``."""

    scoped_model = EnforcementItem
    serializer_class = EnforcementItemSerializer
    filterset_class = EnforcementItemFilter
    permission_classes = [ScopedWritePermission]

    def may_create(self, user: Any) -> bool:
        return may_edit_catalog(user)

    def may_write(self, user: Any, obj: Any) -> bool:
        return may_edit_catalog(user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in ItemData.__dataclass_fields__}
        item = create_item(ItemData(**data), actor=request.user)
        return Response(self.get_serializer(item).data, status=201)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE_FIELDS}
        item = update_item(instance, changes, actor=request.user)
        return Response(self.get_serializer(item).data)

    @extend_schema(responses=ItemChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def changes(self, request: Request, pk: Any = None) -> Response:
        """Change history (newest first)."""
        item = self.get_object()
        rows = item.changes.select_related("actor").order_by("-changed_at", "-id")
        return Response(ItemChangeSerializer(rows, many=True).data)

    def _status(self, request: Request, func: Any) -> Response:
        item = self.get_object()
        body = StatusChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kwargs = {"actor": request.user, "reason": body.validated_data["reason"]}
        if func is cancel_item and "last_day" in body.validated_data:
            kwargs["last_day"] = body.validated_data["last_day"]
        item = func(item, **kwargs)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=StatusChangeSerializer, responses=EnforcementItemSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request: Request, pk: Any = None) -> Response:
        """有效 → 暂停."""
        return self._status(request, suspend_item)

    @extend_schema(request=StatusChangeSerializer, responses=EnforcementItemSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: Any = None) -> Response:
        """暂停 → 有效."""
        return self._status(request, resume_item)

    @extend_schema(request=StatusChangeSerializer, responses=EnforcementItemSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        """→ 取消 (terminal)."""
        return self._status(request, cancel_item)
