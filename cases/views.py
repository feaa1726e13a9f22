"""Pages: the case list (scoped, filtered, keyset by id) and the case page with its deadlines and their
"why", violations with the discretion chain, documents, timeline and the next actions as forms."""

from __future__ import annotations

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
from enforcement.core.models import Deadline, Document

from .choices import CaseAction
from .forms import ACTION_FORMS, form_params
from .listing import CaseFilter, case_rows, filter_choices, mark_overdue
from .models import Case, CaseEvidence
from .services.common import get_case_for_user
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
        "cases": mark_overdue(page[:PAGE]),
        "filters": filters,
        "choices": filter_choices(request),
        "next_url": next_url,
    }
    return render(request, "cases/index.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    available, blocked = actions_for(request.user, case)
    today = timezone.localdate().isoformat()
    forms = [
        (name, CaseAction(name).label, ACTION_FORMS[name](initial={"date": today}, prefix=name))
        for name in available
    ]
    ct = ContentType.objects.get_for_model(Case)
    context = {
        "case": case,
        "handlers": case.handler_rows.filter(active=True).select_related("user").order_by("-is_lead", "id"),
        "violations": case.violations.all(),
        "deadlines": Deadline.objects.filter(content_type=ct, object_id=case.pk).order_by("due_date", "id"),
        "documents": Document.objects.filter(content_type=ct, object_id=case.pk).order_by("issued_at", "id"),
        "events": case.events.select_related("actor").order_by("at", "id"),
        "evidence": CaseEvidence.objects.filter(case=case)
        .select_related("collector")
        .annotate(n=Count("downloads")),
        "forms": forms,
        "blocked": [{**b, "label": CaseAction(b["name"]).label} for b in blocked],
        "today": timezone.localdate(),
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in ACTION_FORMS:
        raise Http404("无此操作")
    case = get_case_for_user(request.user, pk)
    form = ACTION_FORMS[name](request.POST, prefix=name)
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
