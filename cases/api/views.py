"""/api/v1/cases/: list (filters, keyset pagination), create, detail with actions, ``POST
{id}/actions/{action}/``, documents and timeline. Scoped by ``Case.objects.visible_to``: a case the user
may not see is 404; a visible case the user may not move is 403; state or guard 409 with ``code``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.urls import reverse
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from enforcement.core.api.pagination import IdCursorPagination
from enforcement.core.models import Document
from enforcement.core.services.uploads import download_response

from ..listing import CaseFilter, case_rows, mark_overdue
from ..models import Case, CaseEvidence
from ..services import evidence as evidence_services
from ..services.common import get_case_for_user
from ..services.create import create_case
from ..services.deadlines import case_deadlines
from ..services.workflow import actions_for, transition_case
from . import serializers as s


class CaseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Case]):
    serializer_class = s.CaseSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = IdCursorPagination
    filterset_class = CaseFilter
    queryset = Case.objects.none()  # for the schema generator; requests use get_queryset (scoped)

    def get_queryset(self) -> QuerySet[Case]:
        return case_rows(self.request.user)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return mark_overdue(list(page)) if page is not None else None

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The filtered page as plain rows (``serializers.case_list_row``: ``CaseSerializer``'s fields)."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        return self.get_paginated_response([s.case_list_row(case) for case in page])

    def create(self, request: Request) -> Response:
        payload = s.CaseCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case = create_case(actor=request.user, **payload.validated_data)
        return Response(self._detail(request, case), status=status.HTTP_201_CREATED)

    def _detail(self, request: Request, case: Case) -> dict[str, Any]:
        fresh = get_case_for_user(request.user, case.pk)
        handlers = list(
            fresh.handler_rows.filter(active=True).select_related("user").order_by("-is_lead", "id")
        )
        fresh._handler_rows = handlers  # type: ignore[attr-defined]
        deadlines = list(case_deadlines(fresh))
        return s.case_detail(
            fresh, handlers=handlers, deadlines=deadlines, actions=actions_for(request.user, fresh)
        )

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(self._detail(request, get_case_for_user(request.user, pk)))

    @action(detail=True, methods=["post"], url_path=r"actions/(?P<move>[a-z_]+)")
    def actions(self, request: Request, pk: str | None = None, move: str = "") -> Response:
        case = get_case_for_user(request.user, pk)
        if move not in s.ACTION_INPUTS:
            raise Http404("无此操作")
        params = s.action_params(move, request.data)
        updated = transition_case(case, move, actor=request.user, params=params)
        return Response(self._detail(request, updated))

    @action(detail=True, methods=["get"])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        case = get_case_for_user(request.user, pk)
        docs = Document.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        ).order_by("issued_at", "id")
        return Response(
            [
                {
                    "id": d.pk,
                    "kind": d.kind,
                    "title": d.title,
                    "number": d.number,
                    "issued_at": d.issued_at,
                    "sha256": d.sha256,
                    "pdf": request.build_absolute_uri(reverse("core:document-pdf", args=[d.pk])),
                }
                for d in docs
            ]
        )

    @action(detail=True, methods=["get", "post"], url_path="evidence")
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        case = get_case_for_user(request.user, pk)
        if request.method == "POST":
            payload = s.EvidenceInSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            item = evidence_services.add_evidence(case, actor=request.user, **payload.validated_data)
            return Response(s.evidence_row(item, request), status=status.HTTP_201_CREATED)
        items = CaseEvidence.objects.filter(case=case).select_related("collector").order_by("id")
        return Response([s.evidence_row(e, request) for e in items])

    @action(detail=True, methods=["get"], url_path=r"evidence/(?P<eid>[0-9]+)/file")
    def evidence_file(self, request: Request, pk: str | None = None, eid: str = "") -> FileResponse:
        case = get_case_for_user(request.user, pk)
        item = CaseEvidence.objects.filter(case=case, pk=int(eid)).first()
        if item is None:
            raise Http404("证据不存在")
        evidence_services.log_download(item, user=request.user)
        return download_response(item.file, download_name=item.original_name)

    @action(detail=True, methods=["post"], url_path=r"evidence/(?P<eid>[0-9]+)/supersede")
    def evidence_supersede(self, request: Request, pk: str | None = None, eid: str = "") -> Response:
        case = get_case_for_user(request.user, pk)
        item = CaseEvidence.objects.filter(case=case, pk=int(eid)).first()
        if item is None:
            raise Http404("证据不存在")
        item = evidence_services.supersede_evidence(
            item, actor=request.user, reason=str(request.data.get("reason", ""))
        )
        return Response(s.evidence_row(item, request))

    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        case = get_case_for_user(request.user, pk)
        events = case.events.select_related("actor").order_by("at", "id")
        return Response(s.TimelineSerializer(events, many=True).data)
