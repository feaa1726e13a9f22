"""/api/v1/agencies/ — the agency tree (reference data, read-only for every logged-in user)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..exceptions import InvalidInput
from ..models import Agency, AgencyPower, EnforcementItem
from ..services.agencies import agency_may_act
from .base import ScopedViewSet
from .params import IntegerFilter


class AgencySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # model set in Meta
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "level",
            "level_label",
            "parent",
            "path",
            "credit_code",
            "reconsideration_body",
            "address",
            "phone",
            "is_active",
        ]
        read_only_fields = fields


class AgencyPowerSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # model set in Meta
    item_code = serializers.CharField(source="item.code", read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = AgencyPower
        fields = [
            "id",
            "agency",
            "item",
            "item_code",
            "item_name",
            "source",
            "source_label",
            "entrusting_agency",
            "basis_document",
            "valid_from",
            "valid_to",
        ]
        read_only_fields = fields


class MayActSerializer(serializers.Serializer):  # type: ignore[type-arg]  # plain output shape
    allowed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()  # type: ignore[assignment]  # a field named "source" shadows Field.source in the stubs
    power = serializers.IntegerField(allow_null=True)
    acts_in_name_of = serializers.IntegerField(allow_null=True)


class AgencyFilter(filters.FilterSet):
    level = filters.CharFilter()
    parent = IntegerFilter(field_name="parent_id")
    code = filters.CharFilter()

    class Meta:
        model = Agency
        fields = ["level", "parent", "code"]


class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """执法机构 with region code, short name, credit code and reconsideration body."""

    scoped_model = Agency
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter

    @extend_schema(responses=AgencyPowerSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def powers(self, request: Request, pk: Any = None) -> Response:
        """The agency's powers (all periods), item code order."""
        agency = self.get_object()
        rows = AgencyPower.objects.visible_to(request.user).filter(agency=agency).select_related("item")
        return Response(AgencyPowerSerializer(rows.order_by("item__code", "valid_from"), many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("item", str, description="执法事项编码或id", required=True),
            OpenApiParameter("on", str, description="日期 YYYY-MM-DD，默认今天"),
        ],
        responses=MayActSerializer,
    )
    @action(detail=True, methods=["get"], url_path="may-act")
    def may_act(self, request: Request, pk: Any = None) -> Response:
        """May this agency act on the item on the date? (holding a covering power, item in force)"""
        agency = self.get_object()
        ref = request.query_params.get("item", "")
        items = EnforcementItem.objects.visible_to(request.user)
        item = get_object_or_404(items, pk=int(ref)) if ref.isdigit() else get_object_or_404(items, code=ref)
        on_text = request.query_params.get("on")
        try:
            on = dt.date.fromisoformat(on_text) if on_text else None
        except ValueError:
            raise InvalidInput("日期格式应为YYYY-MM-DD", fields={"on": ["日期格式应为YYYY-MM-DD"]})
        answer = agency_may_act(agency, item, on)
        return Response(
            {
                "allowed": answer.allowed,
                "reasons": list(answer.reasons),
                "source": answer.source,
                "power": answer.power_id,
                "acts_in_name_of": answer.acts_in_name_of_id,
            }
        )
