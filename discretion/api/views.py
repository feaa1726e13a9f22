"""REST API of the discretion app: violations (lookup), versions, the calculator."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from enforcement.core.api.pagination import IdCursorPagination
from enforcement.core.exceptions import InvalidInput

from .. import services
from ..models import BenchmarkVersion, Violation
from ..officer_text import officer_recommendation
from ..rules.types import RecommendationRequest
from .serializers import (
    BenchmarkVersionSerializer,
    RecommendRequestSerializer,
    ViolationDetailSerializer,
    ViolationSerializer,
)


class CatalogueOrderPagination(IdCursorPagination):
    """Catalogue order (rows are created in statute order), keyset on the id."""

    ordering = "id"


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"参数 {name} 应为整数", fields={name: ["应为整数"]})


class ViolationViewSet(viewsets.ReadOnlyModelViewSet):
    """违法行为 catalogue: ``?q=`` (name, keyword, article in any form, enforcement item),
    exact ``?law=&article=&paragraph=&item=``, ``?version=<code>|all`` (default: versions in force today).
    Readable by every logged-in user; drafts only by benchmark admins."""

    pagination_class = CatalogueOrderPagination

    def get_serializer_class(self) -> type[ViolationSerializer]:
        return ViolationDetailSerializer if self.action == "retrieve" else ViolationSerializer

    def get_queryset(self) -> QuerySet[Violation]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no database reads
            return Violation.objects.none()
        if self.action == "retrieve":
            return Violation.objects.visible_to(self.request.user).with_details()
        params = self.request.query_params
        return services.search_violations(
            self.request.user,
            params.get("q", ""),
            law=params.get("law") or None,
            article=_int_param(self.request, "article"),
            paragraph=_int_param(self.request, "paragraph"),
            item=_int_param(self.request, "item"),
            version=params.get("version") or None,
        ).with_details()


class BenchmarkVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """裁量基准 versions visible to the user (drafts only for benchmark admins)."""

    serializer_class = BenchmarkVersionSerializer
    pagination_class = CatalogueOrderPagination

    def get_queryset(self) -> QuerySet[BenchmarkVersion]:
        return BenchmarkVersion.objects.visible_to(self.request.user)


class RecommendView(APIView):
    """POST /api/v1/discretion/recommend/ — the discretion calculator (CONTRACT.md). Reads only."""

    @extend_schema(request=RecommendRequestSerializer, responses={200: dict})
    def post(self, request: Request) -> Response:
        serializer = RecommendRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        result = services.recommend(
            RecommendationRequest(
                violation=data["violation"],
                party_type=data["party_type"],
                tier=data.get("tier") or None,
                circumstances=tuple(data.get("circumstances") or ()),
                facts=dict(data.get("facts") or {}),
                stage=data.get("stage") or "first",
                violation_date=data["violation_date"],
                decision_date=data["decision_date"],
                same_act=tuple(data.get("same_act") or ()),
            )
        )
        # explanation and basis lines go into decisions and PDFs: without the maintainers' notes
        return Response(officer_recommendation(result).as_dict())
