"""/api/v1/random-draws/ and /api/v1/joint-inspections/ (CONTRACT.md), scoped by agency: another agency's
rows are 404; a visible row the user may not act on is 403; a wrong state 409; bad input 400.

- ``GET /random-draws/`` (filters ``?year=&status=``), ``GET /random-draws/{id}/`` (with the result and
  each drawn enterprise and team by name), ``POST /random-draws/`` (create, status ``draft``),
  ``POST /random-draws/{id}/actions/{run|publish|verify}/`` (``run`` takes an optional ``seed``),
  ``GET /random-draws/{id}/record/`` (the full record: parameters, seed and both snapshots, to re-run it).
- ``GET/POST /joint-inspections/``, ``GET /joint-inspections/{id}/``,
  ``POST /joint-inspections/{id}/actions/{complete|cancel}/``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from enforcement.core.exceptions import InvalidInput
from enforcement.core.models import Agency, Enterprise

from ..choices import DrawStratifyField
from ..models import Inspection, JointInspection, RandomDraw, RandomDrawSnapshot
from ..services import draw_checks
from ..services import draws as draw_services
from ..services import joint as joint_services

# --- serializers ------------------------------------------------------------------------------------------


class DrawSerializer(serializers.ModelSerializer):
    selected = serializers.IntegerField(source="selected_count", read_only=True, default=0)

    class Meta:
        model = RandomDraw
        fields = [
            "id",
            "agency",
            "year",
            "plan",
            "title",
            "status",
            "period_start",
            "period_end",
            "pool_size",
            "selected",
            "drawn_at",
            "publish_due",
            "published_at",
        ]


class DrawDetailSerializer(DrawSerializer):
    selections = serializers.SerializerMethodField()

    class Meta(DrawSerializer.Meta):
        fields = [
            *DrawSerializer.Meta.fields,
            "seed",
            "algorithm",
            "pool_hash",
            "officer_pool_hash",
            "result_hash",
            "parameters",
            "witnesses",
            "result",
            "selections",
        ]

    def get_selections(self, obj: RandomDraw) -> list[dict[str, Any]]:
        rows = list(obj.selections.select_related("enterprise"))
        people = draw_services.officer_names(o for r in rows for o in r.officers)
        field = obj.parameters.get("stratify_by", "")
        return [
            {
                "position": r.position,
                "enterprise": r.enterprise_id,
                "enterprise_name": r.enterprise.name,
                "stratum": r.stratum,
                "stratum_label": draw_services.stratum_label(field, r.stratum),
                "officers": [{"id": o, "name": people.get(o, "")} for o in r.officers],
            }
            for r in rows
        ]


class DrawInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    items = serializers.ListField(child=serializers.CharField(max_length=60), min_length=1)
    stratify_by = serializers.ChoiceField(
        choices=DrawStratifyField.choices, default=DrawStratifyField.RISK_CLASS
    )
    ratios = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2), default=dict
    )
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0), default=dict)
    sectors = serializers.ListField(child=serializers.CharField(max_length=30), default=list)
    risk_classes = serializers.ListField(child=serializers.CharField(max_length=30), default=list)
    credit_statuses = serializers.ListField(child=serializers.CharField(max_length=30), default=list)
    include_key = serializers.BooleanField(default=False)
    exclude_penalised_since = serializers.DateField(required=False, allow_null=True, default=None)
    exclude_inspected_since = serializers.DateField(required=False, allow_null=True, default=None)
    team_size = serializers.IntegerField(min_value=2, max_value=6, default=2)
    witnesses = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RunInput(serializers.Serializer):
    seed = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class ParticipantSerializer(serializers.Serializer):
    department = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True
    )
    contact = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class JointSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    participants = serializers.SerializerMethodField()
    visits_avoided = serializers.IntegerField(read_only=True)

    class Meta:
        model = JointInspection
        fields = [
            "id",
            "lead_agency",
            "title",
            "enterprise",
            "enterprise_name",
            "scheduled_on",
            "status",
            "done_on",
            "inspection",
            "note",
            "participants",
            "visits_avoided",
        ]

    def get_participants(self, obj: JointInspection) -> list[dict[str, Any]]:
        return [
            {"department": p.department, "agency": p.agency_id, "contact": p.contact}
            for p in obj.participants.all()
        ]


class JointInput(serializers.Serializer):
    enterprise = serializers.IntegerField()
    scheduled_on = serializers.DateField()
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    participants = ParticipantSerializer(many=True)


class CompleteInput(serializers.Serializer):
    done_on = serializers.DateField(required=False)
    inspection = serializers.IntegerField(required=False, allow_null=True, default=None)


class CancelInput(serializers.Serializer):
    reason = serializers.CharField()


# --- viewsets -------------------------------------------------------------------------------------------


class RandomDrawViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """双随机抽查 of the user's scope, newest first."""

    def get_queryset(self) -> QuerySet[RandomDraw]:
        qs = RandomDraw.objects.visible_to(self.request.user).defer("result", "parameters")
        if self.action == "retrieve":
            qs = RandomDraw.objects.visible_to(self.request.user)
        params = self.request.query_params
        if params.get("year", "").isdigit():
            qs = qs.filter(year=int(params["year"]))
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        return qs.annotate(selected_count=Count("selections")).order_by("-created_at", "-id")

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return DrawInput
        return DrawDetailSerializer if self.action == "retrieve" else DrawSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = DrawInput(data=request.data)
        payload.is_valid(raise_exception=True)
        d = dict(payload.validated_data)
        spec = draw_services.DrawSpec(
            title=d["title"],
            year=d["year"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            items=tuple(d["items"]),
            ratios=d["ratios"],
            counts=d["counts"],
            stratify_by=d["stratify_by"],
            sectors=tuple(d["sectors"]),
            risk_classes=tuple(d["risk_classes"]),
            credit_statuses=tuple(d["credit_statuses"]),
            include_key=d["include_key"],
            exclude_penalised_since=d["exclude_penalised_since"],
            exclude_inspected_since=d["exclude_inspected_since"],
            team_size=d["team_size"],
            witnesses=d["witnesses"],
        )
        draw = draw_services.create_draw(spec, actor=request.user)
        return Response(self._detail(request, draw.pk), status=status.HTTP_201_CREATED)

    def _detail(self, request: Request, pk: int) -> Any:
        draw = self.get_queryset().get(pk=pk)
        return DrawDetailSerializer(draw).data

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        if move not in ("run", "publish", "verify"):
            raise Http404("无此操作")
        draw = draw_services.get_draw_for_user(request.user, pk)
        if move == "verify":
            check = draw_checks.verify_draw(draw, actor=request.user)
            return Response({**check.as_json(), "messages": check.messages()})
        if move == "run":
            payload = RunInput(data=request.data)
            payload.is_valid(raise_exception=True)
            draw_services.run_draw(draw, actor=request.user, seed=payload.validated_data["seed"])
        else:
            draw_services.publish_draw(draw, actor=request.user)
        return Response(self._detail(request, draw.pk))

    @action(detail=True, methods=["get"])
    def record(self, request: Request, pk: str | None = None) -> Response:
        draw = draw_services.get_draw_for_user(request.user, pk)
        snapshot = RandomDrawSnapshot.objects.filter(draw=draw).first()
        return Response(
            {
                "id": draw.pk,
                "algorithm": draw.algorithm,
                "seed": draw.seed,
                "parameters": draw.parameters,
                "pool_hash": draw.pool_hash,
                "officer_pool_hash": draw.officer_pool_hash,
                "result_hash": draw.result_hash,
                "candidates": snapshot.candidates if snapshot else [],
                "officers": snapshot.officers if snapshot else {},
                "result": draw.result,
            }
        )


class JointInspectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """综合联检 the user's agency leads or takes part in."""

    serializer_class = JointSerializer

    def get_queryset(self) -> QuerySet[JointInspection]:
        return (
            JointInspection.objects.visible_to(self.request.user)
            .select_related("enterprise")
            .prefetch_related("participants")
            .order_by("-scheduled_on", "-id")
        )

    def get_serializer_class(self) -> Any:
        return JointInput if self.action == "create" else JointSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = JointInput(data=request.data)
        payload.is_valid(raise_exception=True)
        d = payload.validated_data
        enterprise = Enterprise.objects.visible_to(request.user).filter(pk=d["enterprise"]).first()
        if enterprise is None:
            raise InvalidInput("企业不存在或不在本机构监管范围内", fields={"enterprise": ["企业不存在"]})
        joint = joint_services.create_joint(
            actor=request.user,
            enterprise=enterprise,
            scheduled_on=d["scheduled_on"],
            participants=[dict(p) for p in d["participants"]],
            title=d["title"],
            note=d["note"],
        )
        return Response(
            JointSerializer(self.get_queryset().get(pk=joint.pk)).data, status=status.HTTP_201_CREATED
        )

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        joint = joint_services.get_joint_for_user(request.user, pk)
        if move == "complete":
            payload = CompleteInput(data=request.data)
            payload.is_valid(raise_exception=True)
            d = payload.validated_data
            inspection = None
            if d.get("inspection"):
                inspection = Inspection.objects.visible_to(request.user).filter(pk=d["inspection"]).first()
                if inspection is None:
                    raise InvalidInput("现场检查记录不存在", fields={"inspection": ["现场检查记录不存在"]})
            joint_services.complete_joint(
                joint, actor=request.user, done_on=d.get("done_on"), inspection=inspection
            )
        elif move == "cancel":
            cancel = CancelInput(data=request.data)
            cancel.is_valid(raise_exception=True)
            joint_services.cancel_joint(joint, actor=request.user, reason=cancel.validated_data["reason"])
        else:
            raise Http404("无此操作")
        return Response(JointSerializer(self.get_queryset().get(pk=joint.pk)).data)
