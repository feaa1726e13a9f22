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
from ..officer_text import officer_recommendation, officer_text, plain_status
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
    """违法行为 catalogue: ``?q=`` (facts in the officer's words, article in any form, code, enforcement item),
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

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """With ``?q=`` (and no exact provision filter) the answer is the fact lookup's ranking: the best
        ``page_size`` (default 20, at most 100) in rank order, each with the ``matched`` words (its
        ``basis_note`` as officers read it, plus ``verification_status``), and
        ``weak`` true when nothing ranked well (the rows are then only the closest violations)."""
        params = request.query_params
        q = params.get("q", "").strip()
        if not q or any(params.get(k) for k in ("law", "article", "paragraph", "item")):
            return super().list(request, *args, **kwargs)
        size = min(_int_param(request, "page_size") or 20, 100)
        result = services.lookup_violations(
            request.user, q, version=params.get("version") or None, limit=size
        )
        # one serializer for all rows: a ModelSerializer builds its fields once per instance
        data = ViolationSerializer([hit.violation for hit in result.hits], many=True).data
        rows = []
        for hit, row in zip(result.hits, data, strict=True):
            row = dict(row)
            # officers search here: the source note without maintainers' notes, the plain status
            row["basis_note"] = officer_text(row.get("basis_note"))
            row["verification_status"] = plain_status(hit.violation.verification)
            row["matched"] = list(hit.matched)
            rows.append(row)
        return Response({"next": None, "previous": None, "weak": result.weak, "results": rows})


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
