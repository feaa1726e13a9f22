"""Pages: the case list (scoped, filtered, keyset by id) and the case page with its deadlines and their
"why", violations with the discretion chain, documents, timeline and the next actions as forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.models import Document

from .archive_views import archive_panel
from .choices import CaseAction
from .evidence_views import record_forms
from .forms import ACTION_FORMS, CaseFilterForm, form_params
from .models import Case, CaseEvidence, CaseTransfer, SummaryDecision
from .services.common import get_case_for_user
from .services.deadlines import case_deadlines
from .services.remedies import decision_rows
from .services.workflow import actions_for, transition_case

PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    rows = Case.objects.visible_to(request.user).select_related("deciding_agency").order_by("-id")
    filters = CaseFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            rows = rows.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["party"]:
            rows = rows.filter(party_name__icontains=filters.cleaned_data["party"])
    before = request.GET.get("before", "")
    if before.isdigit():
        rows = rows.filter(id__lt=int(before))
    page = list(rows[: PAGE + 1])
    more = page[PAGE - 1].pk if len(page) > PAGE else None
    context = {"cases": page[:PAGE], "filters": filters if request.GET else CaseFilterForm(), "more": more}
    return render(request, "cases/index.html", context)


def _form(name: str, case: Case, *args: Any, **kwargs: Any) -> Any:
    """The action's form; forms whose choices come from the case (decisions, evidence) are bound to it."""
    form = ACTION_FORMS[name](*args, **{**kwargs, "prefix": name})
    if hasattr(form, "bind_case"):
        form.bind_case(case)
    return form


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    available, blocked = actions_for(request.user, case)
    today = timezone.localdate().isoformat()
    forms = [(name, CaseAction(name).label, _form(name, case, initial={"date": today})) for name in available]
    ct = ContentType.objects.get_for_model(Case)
    context = {
        "case": case,
        "handlers": case.handler_rows.filter(active=True).select_related("user").order_by("-is_lead", "id"),
        "violations": case.violations.all(),
        "deadlines": case_deadlines(case),
        "decision_rows": decision_rows(case),
        "documents": Document.objects.filter(content_type=ct, object_id=case.pk).order_by("issued_at", "id"),
        "events": case.events.select_related("actor").order_by("at", "id"),
        "evidence": CaseEvidence.objects.filter(case=case)
        .select_related("collector")
        .annotate(n=Count("downloads")),
        "forms": forms,
        "blocked": [{**b, "label": CaseAction(b["name"]).label} for b in blocked],
        "today": timezone.localdate(),
        "summary": SummaryDecision.objects.filter(case=case).first(),
        "transfers": CaseTransfer.objects.filter(case=case).order_by("id"),
        "archive": archive_panel(request.user, case),
        "record_forms": record_forms(request.user, case),
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in ACTION_FORMS:
        raise Http404("无此操作")
    case = get_case_for_user(request.user, pk)
    form = _form(name, case, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("cases:detail", case.pk)
    try:
        transition_case(case, name, actor=request.user, params=form_params(form))
        messages.success(request, f"已办理：{CaseAction(name).label}")
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)
