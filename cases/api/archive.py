"""The archived file by API: ``GET /api/v1/cases/{id}/dossier/`` (its versions; ``…/dossier/pdf/`` the
latest PDF for the head or an approved borrower, each download logged), ``POST …/borrowings/`` (request),
``POST …/borrowings/{bid}/decide/`` (head: approve or refuse), ``POST …/borrowings/{bid}/return/``,
``POST …/supplements/`` (append a later fact; the dossier is re-issued). Scoped like the case (404)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Case, CaseBorrowing, CaseDossier
from ..services import closing
from ..services.common import get_case_for_user
from ..services.dossier_access import dossier_response


class BorrowIn(serializers.Serializer):  # type: ignore[type-arg]
    purpose = serializers.CharField(max_length=300)
    until = serializers.DateField()


class DecideIn(serializers.Serializer):  # type: ignore[type-arg]
    approved = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class SupplementIn(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    text = serializers.CharField()
    date = serializers.DateField()


def dossier_row(d: CaseDossier, request: Any) -> dict[str, Any]:
    return {
        "version": d.version,
        "sha256": d.sha256,
        "pages": d.pages,
        "material_pages": d.material_pages,
        "items": d.items,
        "reason": d.reason,
        "issued_at": d.issued_at,
    }


def borrowing_row(b: CaseBorrowing) -> dict[str, Any]:
    return {
        "id": b.pk,
        "borrower": b.borrower.display_name,
        "purpose": b.purpose,
        "until": b.until.isoformat(),
        "status": b.status,
        "opinion": b.opinion,
        "decided_by": b.decided_by.display_name if b.decided_by else None,
    }


def _borrowing(case: Case, bid: int) -> CaseBorrowing:
    row = CaseBorrowing.objects.filter(case=case, pk=bid).select_related("case", "borrower").first()
    if row is None:
        raise Http404("借阅申请不存在")
    return row


@extend_schema(operation_id="case_dossier", responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
def dossier(request: Request, pk: int) -> Response:
    case = get_case_for_user(request.user, pk)
    versions = CaseDossier.objects.filter(case=case).order_by("version")
    borrowings = case.borrowings.select_related("borrower", "decided_by")
    return Response(
        {
            "versions": [dossier_row(d, request) for d in versions],
            "pdf": request.build_absolute_uri(reverse("cases-api-dossier-pdf", args=[case.pk])),
            "may_read": closing.may_read_dossier(request.user, case),
            "borrowings": [borrowing_row(b) for b in borrowings],
            "supplements": [
                {"title": s.title, "text": s.text, "date": s.on_date.isoformat()}
                for s in case.supplements.all()
            ],
        }
    )


@extend_schema(operation_id="case_dossier_pdf", responses={(200, "application/pdf"): OpenApiTypes.BINARY})
@api_view(["GET"])
def dossier_pdf(request: Request, pk: int) -> FileResponse:
    return dossier_response(request.user, get_case_for_user(request.user, pk))


@extend_schema(operation_id="case_borrow", request=BorrowIn, responses={201: OpenApiTypes.OBJECT})
@api_view(["POST"])
def borrow(request: Request, pk: int) -> Response:
    case = get_case_for_user(request.user, pk)
    data = BorrowIn(data=request.data)
    data.is_valid(raise_exception=True)
    row = closing.request_borrowing(case, actor=request.user, **data.validated_data)
    return Response(borrowing_row(row), status=status.HTTP_201_CREATED)


@extend_schema(operation_id="case_borrow_decide", request=DecideIn, responses={200: OpenApiTypes.OBJECT})
@api_view(["POST"])
def decide_borrowing(request: Request, pk: int, bid: int) -> Response:
    case = get_case_for_user(request.user, pk)
    data = DecideIn(data=request.data)
    data.is_valid(raise_exception=True)
    row = closing.decide_borrowing(_borrowing(case, bid), actor=request.user, **data.validated_data)
    return Response(borrowing_row(row))


@extend_schema(operation_id="case_borrow_return", request=None, responses={200: OpenApiTypes.OBJECT})
@api_view(["POST"])
def return_borrowing(request: Request, pk: int, bid: int) -> Response:
    case = get_case_for_user(request.user, pk)
    return Response(borrowing_row(closing.return_borrowing(_borrowing(case, bid), actor=request.user)))


@extend_schema(operation_id="case_supplement", request=SupplementIn, responses={201: OpenApiTypes.OBJECT})
@api_view(["POST"])
def supplement(request: Request, pk: int) -> Response:
    case = get_case_for_user(request.user, pk)
    data = SupplementIn(data=request.data)
    data.is_valid(raise_exception=True)
    v = data.validated_data
    closing.add_supplement(case, actor=request.user, title=v["title"], text=v["text"], on_date=v["date"])
    return Response({"ok": True}, status=status.HTTP_201_CREATED)
