"""The evidence page of a case (证据与笔录): every upload with its chain of custody (upload, each download, the
superseding), the structured evidence with its 文书 and deadlines, and — for those who may act — the forms.
Scoped like the case (404); each POST calls one service (403 when the user may see but not act)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.models import DeadlineStatus

from .api.records import CREATE, MODELS, STEPS, records_of
from .choices import CaseStatus
from .models import Case, CaseEvidence, EvidenceDownload, EvidenceKind, MeasureStatus
from .record_forms import CREATE_FORMS, STEP_FORMS
from .services import evidence as evidence_services
from .services.common import get_case_for_user, is_handler, is_head
from .services.record_common import FROZEN, UNDER_INVESTIGATION, moment


def record_forms(user: Any, case: Case) -> list[tuple[str, str, Any]]:
    """The structured-evidence forms this user may submit now (handlers, case under investigation)."""
    if case.status not in UNDER_INVESTIGATION or not is_handler(user, case):
        return []
    return [
        (kind, label, form_cls(case=case, prefix=kind)) for kind, (label, form_cls) in CREATE_FORMS.items()
    ]


def _testing(item: Any) -> bool:
    return item.deadline is not None and item.deadline.status == DeadlineStatus.SUSPENDED


def _steps(user: Any, case: Case, kind: str, item: Any) -> list[tuple[str, str, Any]]:
    if case.status in FROZEN:
        return []
    handler, head = is_handler(user, case), is_head(user, case)
    wanted: list[str] = []
    if item.status == MeasureStatus.REQUESTED and head and case.status in UNDER_INVESTIGATION:
        wanted.append("approve")
    if item.status == MeasureStatus.IN_FORCE:
        if kind == "preservation" and handler:
            wanted.append("decide")
        if kind == "seizure" and head and not item.extension_days and not _testing(item):
            wanted.append("extend")
        if kind == "seizure" and handler:
            wanted += ["test_end" if _testing(item) else "test_start", "release"]
    prefix = f"{kind}-{item.pk}"
    return [(s, STEP_FORMS[s][0], STEP_FORMS[s][1](prefix=f"{prefix}-{s}")) for s in wanted]


@login_required
def evidence_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    uploads = (
        CaseEvidence.objects.filter(case=case)
        .select_related("collector", "superseded_by")
        .prefetch_related(
            Prefetch("downloads", EvidenceDownload.objects.select_related("user").order_by("id"))
        )
        .order_by("id")
    )
    found = records_of(case)
    measures = [
        (kind, item, _steps(request.user, case, kind, item))
        for kind in ("preservation", "seizure")
        for item in found[kind]
    ]
    handler = is_handler(request.user, case)
    context = {
        "case": case,
        "uploads": uploads,
        "records": found,
        "measures": measures,
        "forms": record_forms(request.user, case),
        "may_upload": handler and case.status not in evidence_services.CLOSED,
        "may_supersede": handler and case.status != CaseStatus.ARCHIVED,
        "kinds": EvidenceKind.choices,
    }
    return render(request, "cases/evidence.html", context)


def _back(request: HttpRequest, case: Case) -> HttpResponse:
    target = request.POST.get("next", "")
    if target == "detail":
        return redirect("cases:detail", case.pk)
    return redirect("cases:evidence", case.pk)


def _run(request: HttpRequest, case: Case, fn: Any, done: str) -> HttpResponse:
    try:
        fn()
        messages.success(request, done)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request, case)


def _form_error(request: HttpRequest, case: Case, form: Any) -> HttpResponse:
    messages.error(
        request,
        "；".join(
            f"{form.fields[k].label if k in form.fields else ''}：{e}"
            for k, errs in form.errors.items()
            for e in errs
        ),
    )
    return _back(request, case)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, "请选择要上传的文件")
        return _back(request, case)
    p = request.POST
    return _run(
        request,
        case,
        lambda: evidence_services.add_evidence(
            case,
            actor=request.user,
            file=file,
            kind=p.get("kind", ""),
            description=p.get("description", ""),
            place=p.get("place", ""),
            collected_at=moment({"at": p.get("collected_at")}, "at", "取证时间", required=False),
        ),
        "证据已上传",
    )


@login_required
@require_POST
def supersede(request: HttpRequest, pk: int, eid: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    item = CaseEvidence.objects.filter(case=case, pk=eid).first()
    if item is None:
        raise Http404("证据不存在")
    reason = request.POST.get("reason", "")
    return _run(
        request,
        case,
        lambda: evidence_services.supersede_evidence(item, actor=request.user, reason=reason),
        "证据已作废",
    )


@login_required
@require_POST
def create_record(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    if kind not in CREATE_FORMS:
        raise Http404("无此证据种类")
    label, form_cls = CREATE_FORMS[kind]
    form = form_cls(request.POST, case=case, prefix=kind)
    if not form.is_valid():
        return _form_error(request, case, form)
    return _run(
        request,
        case,
        lambda: CREATE[kind](case, actor=request.user, params=form.params()),
        f"已办理：{label}",
    )


@login_required
@require_POST
def record_step(request: HttpRequest, pk: int, kind: str, rid: int, step: str) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    fn = STEPS.get((kind, step))
    if fn is None:
        raise Http404("无此操作")
    item = MODELS[kind].objects.filter(case=case, pk=rid).first()
    if item is None:
        raise Http404("记录不存在")
    label, form_cls = STEP_FORMS[step]
    form = form_cls(request.POST, prefix=f"{kind}-{rid}-{step}")
    if not form.is_valid():
        return _form_error(request, case, form)
    return _run(request, case, lambda: fn(item, request.user, form.cleaned_data), f"已办理：{label}")
