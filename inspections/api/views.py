"""/api/v1/inspections/ (read) and /api/v1/hazards/ (read + ``POST {id}/actions/{action}/``), scoped by
agency: another agency's rows are 404; a visible row the user may not move is 403; state or guard 409."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Hazard, HazardRecheck, Inspection
from ..services import hazards as hazard_services
from . import serializers as s


class InspectionViewSet(viewsets.ReadOnlyModelViewSet):
    """现场检查 of the user's scope, newest first."""

    def get_queryset(self) -> QuerySet[Inspection]:
        qs = (
            Inspection.objects.visible_to(self.request.user)
            .select_related("enterprise", "record_document")
            .order_by("-started_at", "-id")
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related("checks", "attachments", "officers", "hazards")
        return qs

    def get_serializer_class(self) -> Any:
        return s.InspectionDetailSerializer if self.action == "retrieve" else s.InspectionSerializer


class HazardViewSet(viewsets.ReadOnlyModelViewSet):
    """隐患 of the user's scope; the detail lists ``available_actions`` and ``blocked_actions``."""

    def get_queryset(self) -> QuerySet[Hazard]:
        qs = (
            Hazard.objects.visible_to(self.request.user)
            .select_related("enterprise", "standard_item")
            .order_by("-created_at", "-id")
        )
        if self.action == "retrieve":
            qs = qs.select_related(
                "order_document", "measures_document", "responsible", "agency", "inspection__scheme__item"
            ).prefetch_related(
                "events", Prefetch("rechecks", queryset=HazardRecheck.objects.select_related("document"))
            )
        return qs

    def get_serializer_class(self) -> Any:
        return s.HazardDetailSerializer if self.action == "retrieve" else s.HazardSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        hazard = self.get_object()
        actions = hazard_services.actions_for(request.user, hazard)
        return Response(s.HazardDetailSerializer(hazard, context={"actions": actions}).data)

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        if move not in s.ACTION_INPUTS:
            raise Http404("无此操作")
        hazard = hazard_services.get_hazard_for_user(request.user, pk)
        payload = s.ACTION_INPUTS[move](data=request.data)
        payload.is_valid(raise_exception=True)
        params = dict(payload.validated_data)
        reason = params.pop("reason", "") if move in ("escalate", "file_case") else ""
        updated = hazard_services.transition_hazard(
            hazard, move, actor=request.user, params=params, reason=reason
        )
        if move == "file_case":
            return Response({"case": updated.case_object_id})
        fresh = hazard_services.get_hazard_for_user(request.user, updated.pk)
        actions = hazard_services.actions_for(request.user, fresh)
        return Response(s.HazardDetailSerializer(fresh, context={"actions": actions}).data)
