"""/api/v1/annual-reports/: the 行政执法统计年报 of the user's agency subtree (supervisors, heads)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from rest_framework import mixins, permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request

from enforcement.core.api.base import ScopedViewSet
from enforcement.core.api.pagination import IdCursorPagination

from ..models_report import AnnualReport
from ..services.report import reads_supervision


class MayReadReports(permissions.BasePermission):
    message = "仅执法监督人员、负责人可查看统计年报"

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if getattr(view, "detail", False):
            return True  # the scoped queryset answers 404 for what may not be seen
        return reads_supervision(user)


class AnnualReportSerializer(serializers.ModelSerializer[AnnualReport]):
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    totals = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "year",
            "agency",
            "agency_name",
            "as_of",
            "status",
            "percent",
            "pdf_sha256",
            "xlsx_sha256",
            "created_at",
            "finished_at",
            "totals",
        ]

    def get_totals(self, obj: AnnualReport) -> dict[str, Any]:
        return obj.headline


class AnnualReportDetailSerializer(AnnualReportSerializer):
    class Meta(AnnualReportSerializer.Meta):
        fields = [*AnnualReportSerializer.Meta.fields, "narrative", "figures"]


class AnnualReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """List and detail of the reports in scope; ``download/?kind=pdf|xlsx`` returns the stored file."""

    scoped_model = AnnualReport
    permission_classes = [MayReadReports]
    pagination_class = IdCursorPagination

    def optimise(self, queryset: Any) -> Any:
        return queryset.select_related("agency")

    def get_serializer_class(self) -> Any:
        return AnnualReportDetailSerializer if self.action == "retrieve" else AnnualReportSerializer

    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: Any = None) -> FileResponse:
        report = self.get_object()
        kind = request.query_params.get("kind", "pdf")
        field = report.pdf if kind == "pdf" else report.xlsx if kind == "xlsx" else None
        if not field:
            raise Http404("文件不存在")
        return FileResponse(
            field.open("rb"),
            as_attachment=True,
            filename=f"annual-report-{report.agency.code}-{report.year}.{kind}",
        )
