"""Calendar API: the deadline calculator (CONTRACT.md) and a read-only list of calendar days."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from ..exceptions import InvalidInput
from ..models import CalendarDay
from ..rules import calendar as rules
from ..services import calendar as cal_services
from .params import parse_int, parse_year


def _parse_start(raw: str | None) -> dt.date | None:
    if raw is None or raw == "":
        return None
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"起算日“{raw}”格式不正确，应为 YYYY-MM-DD",
            code="invalid_date",
            fields={"start": ["日期格式应为 YYYY-MM-DD"]},
        )


def _parse_days(raw: str | None) -> int:
    if raw is None or raw.strip() == "":
        raise InvalidInput("缺少期间长度参数 days", code="missing_days", fields={"days": ["必填"]})
    return parse_int(raw, "days", label="期间长度", code="invalid_days")


@extend_schema_serializer(many=False)  # the calculator's "list" answers one object, not an array
class DueDateSerializer(serializers.Serializer[dict[str, object]]):
    due = serializers.DateField()
    provisional = serializers.BooleanField()
    basis = serializers.CharField()


class CalendarAddViewSet(viewsets.ViewSet):
    """期限计算器: ``GET /api/v1/calendar/add/?start=YYYY-MM-DD&days=N&kind=working|calendar|months|years``.

    ``start`` defaults to today in Beijing; ``kind`` defaults to ``working``; negative ``days`` counts back.
    """

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="起算日（不计入），默认今天"),
            OpenApiParameter("days", OpenApiTypes.INT, required=True, description="期间长度，负数为向前倒数"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(rules.KINDS), description="计算方式"),
        ],
        responses=DueDateSerializer,
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        start = _parse_start(params.get("start"))
        n = _parse_days(params.get("days"))
        kind = params.get("kind") or rules.KIND_WORKING
        result = cal_services.add(start, n, kind)
        return Response(
            {"due": result.due.isoformat(), "provisional": result.provisional, "basis": result.basis}
        )


class DateCursorPagination(CursorPagination):
    """Calendar days in date order; a whole year (a few dozen rows) fits on one page."""

    ordering = "date"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 400


class CalendarDaySerializer(serializers.ModelSerializer[CalendarDay]):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "kind_display", "name"]


class CalendarDayViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[CalendarDay]):
    """工作日历 days (reference data, readable by every logged-in user); filter ``?year=YYYY``."""

    serializer_class = CalendarDaySerializer
    pagination_class = DateCursorPagination

    @extend_schema(parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="年份")])
    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[CalendarDay]:
        qs = CalendarDay.objects.order_by("date")
        raw = self.request.query_params.get("year")
        if raw is None or raw == "":
            return qs
        return qs.filter(date__year=parse_year(raw))
