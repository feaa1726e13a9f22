"""/api/v1/efficacy-evaluations/: the 执法效能评估 of the user's agency subtree (supervisors, heads), read-only;
the detail carries every agency's figures with their numerators and denominators."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, serializers

from enforcement.core.api.base import ScopedViewSet
from enforcement.core.api.pagination import IdCursorPagination

from ..models import EfficacyEvaluation
from ..rules import efficacy as rules
from .report import MayReadReports


class MayReadEvaluations(MayReadReports):
    message = "仅执法监督人员、负责人可查看执法效能评估"


class EfficacyEvaluationSerializer(serializers.ModelSerializer[EfficacyEvaluation]):
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    period = serializers.CharField(source="period.code", read_only=True)

    class Meta:
        model = EfficacyEvaluation
        fields = [
            "id",
            "period",
            "year",
            "half",
            "agency",
            "agency_name",
            "status",
            "as_of",
            "built_at",
            "published_at",
            "pdf_sha256",
        ]


class EfficacyEvaluationDetailSerializer(EfficacyEvaluationSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(EfficacyEvaluationSerializer.Meta):
        fields = [*EfficacyEvaluationSerializer.Meta.fields, "rows"]

    def get_rows(self, obj: EfficacyEvaluation) -> list[dict[str, Any]]:
        out = []
        for r in obj.rows.select_related("agency").order_by("agency__path"):
            figures = {}
            for f in rules.FIGURES:
                num, den = (r.parts.get(f.key) or [0, None])[:2]
                value = rules.value_of(f, num, den)
                figures[f.key] = {
                    "numerator": num,
                    "denominator": den,
                    "value": None if value is None else str(value),
                }
            out.append(
                {
                    "agency": r.agency.code,
                    "agency_name": r.agency.name,
                    "score": None if r.score is None else str(r.score),
                    "rank": r.rank,
                    "figures": figures,
                    "lagging": r.lagging,
                }
            )
        return out


class EfficacyEvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    scoped_model = EfficacyEvaluation
    permission_classes = [MayReadEvaluations]
    pagination_class = IdCursorPagination

    def optimise(self, queryset: Any) -> Any:
        return queryset.select_related("agency")

    def get_serializer_class(self) -> Any:
        return (
            EfficacyEvaluationDetailSerializer if self.action == "retrieve" else EfficacyEvaluationSerializer
        )
