"""/api/v1/inspection-plans/ (CONTRACT.md): list and detail (capacity, warnings, quotas, versions,
available/blocked actions), ``POST`` to create, ``POST {id}/quotas/``, ``POST {id}/actions/{action}/`` and
``GET {id}/dashboard/``. Scoped by agency: another agency's plan is 404."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from enforcement.core.exceptions import NotAllowed

from ..models import AnnualPlan, AnnualPlanVersion, PlanQuota
from ..services import plan_dashboard, plans


class QuotaSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanQuota
        fields = ["id", "kind", "sector", "class_label", "ratio_percent", "count", "month", "note"]


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualPlanVersion
        fields = [
            "number",
            "reason",
            "working_days",
            "officers",
            "other_enforcement_days",
            "non_enforcement_days",
            "key_days",
            "days_per_inspection",
            "planned_key",
            "planned_general",
            "created_at",
        ]


class PlanSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    version = serializers.IntegerField(source="current_version.number", read_only=True)

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "agency",
            "agency_name",
            "year",
            "title",
            "status",
            "version",
            "approved_by",
            "approved_on",
            "approval_ref",
            "published_at",
        ]


class PlanInput(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField(required=False, allow_blank=True, default="")
    officers = serializers.IntegerField(min_value=1)
    other_enforcement_days = serializers.IntegerField(min_value=0, default=0)
    non_enforcement_days = serializers.IntegerField(min_value=0, default=0)
    key_days = serializers.IntegerField(min_value=0, default=0)
    days_per_inspection = serializers.DecimalField(max_digits=5, decimal_places=2, default=Decimal(2))


class ActionInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    approved_by = serializers.CharField(required=False, allow_blank=True, default="")
    approved_on = serializers.DateField(required=False, allow_null=True, default=None)
    approval_ref = serializers.CharField(required=False, allow_blank=True, default="")
    filed_with = serializers.CharField(required=False, allow_blank=True, default="")
    inputs = serializers.DictField(required=False, default=dict)
    quotas = serializers.ListField(
        child=serializers.DictField(), required=False, allow_null=True, default=None
    )


def _detail(user: Any, plan: AnnualPlan) -> dict[str, Any]:
    version = plan.current_version
    assert version is not None
    cap = plans.capacity_of(version)
    return {
        **PlanSerializer(plan).data,
        "capacity": {
            "working_days": cap.working_days,
            "total_days": cap.total_days,
            "inspection_days": cap.inspection_days,
            "key_days": cap.key_days,
            "general_days": cap.general_days,
            "key_capacity": cap.key_capacity,
            "general_capacity": cap.general_capacity,
        },
        "warnings": plans.warnings_of(version),
        "current_version": VersionSerializer(version).data,
        "quotas": QuotaSerializer(version.quotas.all(), many=True).data,
        "versions": VersionSerializer(plan.versions.order_by("number"), many=True).data,
        "available_actions": plans.actions_for(user, plan)["available"],
        "blocked_actions": plans.actions_for(user, plan)["blocked"],
    }


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """年度监督检查计划 of the user's scope."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[AnnualPlan]:
        return (
            AnnualPlan.objects.visible_to(self.request.user)
            .select_related("agency", "current_version")
            .order_by("-year", "agency_id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(_detail(request.user, self.get_object()))

    def create(self, request: Request) -> Response:
        payload = PlanInput(data=request.data)
        payload.is_valid(raise_exception=True)
        d = dict(payload.validated_data)
        user: Any = request.user
        if user.agency_id is None:
            raise NotAllowed("只有执法机构人员可以编制年度计划")
        plan = plans.create_plan(
            actor=user, agency=user.agency, year=d.pop("year"), title=d.pop("title"), inputs=d
        )
        return Response(_detail(user, plans.get_plan_for_user(user, plan.pk)), status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="quotas")
    def quotas(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        row = plans.add_quota(plan, actor=request.user, quota=dict(request.data))
        return Response(QuotaSerializer(row).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        if move not in plans.PLAN_WORKFLOW.table:
            raise Http404("无此操作")
        plan = self.get_object()
        payload = ActionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        params = dict(payload.validated_data)
        reason = params.pop("reason")
        plans.transition_plan(plan, move, actor=request.user, params=params, reason=reason)
        return Response(_detail(request.user, plans.get_plan_for_user(request.user, plan.pk)))

    @action(detail=True, methods=["get"], url_path="dashboard")
    def dashboard(self, request: Request, pk: str | None = None) -> Response:
        board = plan_dashboard.build(self.get_object())
        return Response(
            {
                "months": board.months,
                "planned_total": board.planned_total,
                "done_total": board.done_total,
                "key_enterprises": board.key_total,
                "key_covered": board.key_covered,
                "key_coverage_percent": board.key_coverage_percent,
                "hazards": board.hazards,
                "draws_published": board.draws_published,
                "visits_avoided": board.visits_avoided,
            }
        )
