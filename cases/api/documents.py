"""``/api/v1/cases/{id}/documents/preview/?kind=...`` — the 样稿 of the 文书 an action would issue (GET
with the action's input as query parameters, or POST with it as the body); and
``/api/v1/cases/{id}/documents/check/`` — the re-render check of the case's issued 文书. Both scoped by the
case's visibility (404); a preview also needs the right to perform the action now (403/409)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from enforcement.core.exceptions import InvalidInput

from ..services.common import get_case_for_user
from ..services.preview import KIND_ACTIONS, preview_kind
from ..services.verify import check_case_documents
from . import serializers as s


def pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf") or "inline"
    response["Cache-Control"] = "no-store"
    return response


def _index(raw: Any) -> int:
    try:
        return int(raw or 0)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("序号须为整数", fields={"index": ["序号须为整数"]}) from exc


@extend_schema(
    request=OpenApiTypes.OBJECT,
    responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    description="将出具的文书样稿（不编号、不保存）",
)
@api_view(["GET", "POST"])
@parser_classes([JSONParser, FormParser])
def preview(request: Request, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    source = request.query_params if request.method == "GET" else request.data
    kind = str(request.query_params.get("kind") or source.get("kind") or "")
    action = KIND_ACTIONS.get(kind)
    if action is None:
        raise InvalidInput(f"该文书种类不能预览：{kind or '（未指定）'}", fields={"kind": ["文书种类无效"]})
    data = {k: v for k, v in source.items() if k not in ("kind", "index")}
    if request.method == "GET":
        data = {k: source.get(k) for k in data}
    params = s.action_params(action, data)
    draft = preview_kind(case, kind, actor=request.user, params=params, index=_index(source.get("index")))
    return pdf_response(draft.pdf, f"{draft.title}（样稿）")


@extend_schema(
    operation_id="case_documents_check",
    responses={200: OpenApiTypes.OBJECT},
    description="核对已出具文书是否被改动",
)
@api_view(["GET"])
def check(request: Request, pk: int) -> Response:
    case = get_case_for_user(request.user, pk)
    return Response(
        [
            {
                "id": c.document.pk,
                "kind": c.document.kind,
                "number": c.document.number,
                "sha256": c.document.sha256,
                "file_intact": c.file_intact,
                "bytes_match": c.bytes_match,
                "text_match": c.text_match,
                "ok": c.ok,
                "verdict": c.verdict,
            }
            for c in check_case_documents(case)
        ]
    )
