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
from .forms import ACTION_FORMS, form_params, label_people, scope_people
from .listing import CaseFilter, case_rows, filter_choices, mark_overdue, rows_html
from .models import Case, CaseEvidence, CaseTransfer, SummaryDecision
from .services.common import get_case_for_user
from .services.deadlines import case_deadlines
from .services.documents import discretion_chain
from .services.list_filters import STAGE_LABELS, STAGES
from .services.payment_ledger import ledgers_for
from .services.preview import ISSUING_ACTIONS
from .services.remedies import decision_rows
from .services.workflow import actions_for, transition_case

PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The filtered list, keyset-paginated by id (``before``): one query for the rows whatever the page."""
    filters = CaseFilter(request.GET, queryset=case_rows(request.user), request=request)
    rows = filters.qs if filters.is_valid() else case_rows(request.user).none()
    before = request.GET.get("before", "")
    if before.isdigit():
        rows = rows.filter(id__lt=int(before))
    page = list(rows[: PAGE + 1])
    next_url = ""
    if len(page) > PAGE:
        params = request.GET.copy()
        params["before"] = str(page[PAGE - 1].pk)
        next_url = "?" + params.urlencode()
    context = {
        "cases": page[:PAGE],
        "rows": rows_html(mark_overdue(page[:PAGE])),
        "filters": filters,
        "choices": filter_choices(request),
        "next_url": next_url,
        "stages": STAGES,
        "stage": request.GET.get("stage", "") if request.GET.get("stage", "") in STAGE_LABELS else "",
    }
    return render(request, "cases/index.html", context)


def _form(name: str, case: Case, *args: Any, **kwargs: Any) -> Any:
    """The action's form; forms whose choices come from the case (decisions, evidence) are bound to it."""
    form = ACTION_FORMS[name](*args, **{**kwargs, "prefix": name})
    if hasattr(form, "bind_case"):
        form.bind_case(case)
    return scope_people(form, case.deciding_agency_id)  # people pickers list the deciding agency's staff


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    available, blocked = actions_for(request.user, case)
    today = timezone.localdate().isoformat()
    forms = [(name, CaseAction(name).label, _form(name, case, initial={"date": today})) for name in available]
    label_people([form for _, _, form in forms], case)
    ct = ContentType.objects.get_for_model(Case)
    context = {
        "case": case,
        "handlers": case.handler_rows.filter(active=True).select_related("user").order_by("-is_lead", "id"),
        "violations": case.violations.all(),
        "deadlines": case_deadlines(case),
        "decision_rows": decision_rows(case),
        "ledgers": [(led, *led.next_step()) for led in ledgers_for(case)],
        "may_publish": "publish" in available,
        "may_withdraw": "withdraw_publication" in available,
        "chain": discretion_chain(case),
        "previewable": ISSUING_ACTIONS,
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
