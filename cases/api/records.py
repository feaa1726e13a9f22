"""/api/v1/cases/{id}/records/: the structured evidence of a case (询问笔录, 勘验/现场笔录, 抽样取证, 先行登记
保存, 查封扣押) beside the uploads of ``/evidence/``. ``GET`` lists them, ``POST records/{kind}/`` writes one,
``POST records/{kind}/{rid}/{step}/`` runs a later step of a measure (approve, decide, extend, release).
Scoped like the case (404 when it may not be seen); errors in the JSON shape of the contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Case, CaseEvidence, Interview, Preservation, Sampling, Seizure, SiteRecord
from ..services import measures, records
from ..services.common import get_case_for_user

MODELS: dict[str, Any] = {
    "interview": Interview,
    "site_record": SiteRecord,
    "sampling": Sampling,
    "preservation": Preservation,
    "seizure": Seizure,
}
CREATE: dict[str, Callable[..., Any]] = {
    "interview": records.record_interview,
    "site_record": records.record_site,
    "sampling": records.record_sampling,
    "preservation": measures.request_preservation,
    "seizure": measures.request_seizure,
}


def _approve(fn: Callable[..., Any]) -> Callable[..., Any]:
    return lambda item, actor, d: fn(
        item, actor=actor, approved=d.get("approved"), opinion=str(d.get("opinion") or "")
    )


STEPS: dict[tuple[str, str], Callable[..., Any]] = {
    ("preservation", "approve"): _approve(measures.approve_preservation),
    ("preservation", "decide"): lambda item, actor, d: measures.decide_preservation(
        item, actor=actor, handling=str(d.get("handling") or ""), note=str(d.get("note") or "")
    ),
    ("seizure", "approve"): _approve(measures.approve_seizure),
    ("seizure", "extend"): lambda item, actor, d: measures.extend_seizure(
        item, actor=actor, days=d.get("days"), reason=str(d.get("reason") or "")
    ),
    ("seizure", "test_start"): lambda item, actor, d: measures.start_seizure_testing(
        item, actor=actor, until=d.get("until"), reason=str(d.get("reason") or "")
    ),
    ("seizure", "test_end"): lambda item, actor, d: measures.end_seizure_testing(item, actor=actor),
    ("seizure", "release"): lambda item, actor, d: measures.release_seizure(
        item, actor=actor, reason=str(d.get("reason") or "")
    ),
}

COMMON = ("officers", "created_at")
FIELDS = {
    "interview": (
        "interviewee_name",
        "interviewee_id_number",
        "interviewee_role",
        "interviewee_phone",
        "started_at",
        "ended_at",
        "place",
        "rights_statement",
        "qa",
    ),
    "site_record": ("kind", "started_at", "ended_at", "place", "present", "findings"),
    "sampling": ("sampled_at", "place", "holder", "method", "items"),
    "preservation": (
        "items",
        "place",
        "reason",
        "status",
        "approval_opinion",
        "approved_on",
        "ended_on",
        "handling",
        "handling_note",
    ),
    "seizure": (
        "measure",
        "items",
        "place",
        "reason",
        "status",
        "approval_opinion",
        "approved_on",
        "ended_on",
        "extension_days",
        "extension_reason",
        "release_reason",
    ),
}
DOCS = ("document", "end_document", "extension_document")


def _doc(request: Request, doc: Any) -> dict[str, Any] | None:
    if doc is None:
        return None
    pdf = request.build_absolute_uri(reverse("core:document-pdf", args=[doc.pk]))
    return {"id": doc.pk, "title": doc.title, "number": doc.number, "sha256": doc.sha256, "pdf": pdf}


def record_row(kind: str, item: Any, request: Request) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item.pk, "type": kind}
    for name in (*COMMON, *FIELDS[kind]):
        row[name] = getattr(item, name)
    if kind == "interview":
        row["recorder"] = item.recorder.display_name
    if kind == "site_record":
        row["evidence"] = [e.pk for e in item.evidence.all()]
    if kind in ("preservation", "seizure"):
        row["due_date"] = item.deadline.due_date if item.deadline else None
        row["deadline_status"] = item.deadline.status if item.deadline else None
    for name in DOCS:
        if hasattr(item, name):
            row[name] = _doc(request, getattr(item, name))
    return row


def records_of(case: Case) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for kind, model in MODELS.items():
        qs = model.objects.filter(case=case).select_related("document").order_by("id")
        if kind == "interview":
            qs = qs.select_related("recorder")
        if kind == "site_record":
            qs = qs.prefetch_related("evidence")
        if kind in ("preservation", "seizure"):
            qs = qs.select_related("deadline", "end_document")
        if kind == "seizure":
            qs = qs.select_related("extension_document")
        out[kind] = list(qs)
    return out


LISTS = ("officers", "evidence", "items", "present", "qa")


def _params(request: Request) -> dict[str, Any]:
    data = request.data
    if hasattr(data, "lists"):  # a form post: keep the list fields as lists
        return {k: (v if k in LISTS else v[-1]) for k, v in data.lists()}
    return dict(data) if isinstance(data, dict) else {}


@extend_schema(
    operation_id="case_records_list",
    responses={200: OpenApiTypes.OBJECT},
    description="本案的询问笔录、勘验/现场笔录、抽样取证、先行登记保存和查封扣押（按种类分组）",
)
@api_view(["GET"])
def case_records(request: Request, pk: int) -> Response:
    case = get_case_for_user(request.user, pk)
    found = records_of(case)
    return Response({kind: [record_row(kind, i, request) for i in rows] for kind, rows in found.items()})


@extend_schema(
    operation_id="case_records_create",
    request=OpenApiTypes.OBJECT,
    responses={201: OpenApiTypes.OBJECT},
    description="kind：interview、site_record、sampling、preservation、seizure",
)
@api_view(["POST"])
def create_record(request: Request, pk: int, kind: str) -> Response:
    case = get_case_for_user(request.user, pk)
    if kind not in CREATE:
        raise Http404("无此证据种类")
    item = CREATE[kind](case, actor=request.user, params=_params(request))
    item.refresh_from_db()
    return Response(record_row(kind, item, request), status=status.HTTP_201_CREATED)


@extend_schema(
    operation_id="case_records_step",
    request=OpenApiTypes.OBJECT,
    responses={200: OpenApiTypes.OBJECT},
    description="先行登记保存：approve、decide；查封扣押：approve、extend、test_start、test_end、release",
)
@api_view(["POST"])
def record_step(request: Request, pk: int, kind: str, rid: int, step: str) -> Response:
    case = get_case_for_user(request.user, pk)
    fn = STEPS.get((kind, step))
    if fn is None:
        raise Http404("无此操作")
    item = MODELS[kind].objects.filter(case=case, pk=rid).first()
    if item is None:
        raise Http404("记录不存在")
    item = fn(item, request.user, _params(request))
    item.refresh_from_db()
    return Response(record_row(kind, item, request))


@extend_schema(
    operation_id="case_evidence_custody",
    responses={200: OpenApiTypes.OBJECT},
    description="一项证据的保管链：上传、每次下载（何人、何时）、作废（时间、理由），按时间先后",
)
@api_view(["GET"])
def evidence_custody(request: Request, pk: int, eid: int) -> Response:
    case = get_case_for_user(request.user, pk)
    item = CaseEvidence.objects.filter(case=case, pk=eid).select_related("collector", "superseded_by").first()
    if item is None:
        raise Http404("证据不存在")
    chain: list[dict[str, Any]] = [
        {
            "at": item.uploaded_at,
            "event": "upload",
            "user": item.collector.display_name,
            "detail": item.sha256,
        }
    ]
    for d in item.downloads.select_related("user").order_by("id"):
        chain.append({"at": d.at, "event": "download", "user": d.user.display_name, "detail": ""})
    if item.superseded_at is not None:
        chain.append(
            {
                "at": item.superseded_at,
                "event": "supersede",
                "user": item.superseded_by.display_name if item.superseded_by else "",
                "detail": item.superseded_reason,
            }
        )
    return Response({"evidence": item.pk, "sha256": item.sha256, "custody": chain})
