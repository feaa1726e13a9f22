"""全过程记录 pages: the audit trail for supervisors, agency admins and superusers, and chain verification."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..access import may_view_audit
from ..exceptions import NotAllowed
from ..forms.audit import AuditFilterForm, action_choices, keyset_page, object_type_choices
from ..models import Agency, AuditEvent
from ..services.audit_display import action_label, change_rows, object_type_label
from ..services.audit_runs import get_verification_for_user, outcome_for, start_verification
from ..tasks import verify_audit_chain_task


def _require_audit_viewer(request: HttpRequest) -> None:
    if not may_view_audit(request.user):
        raise PermissionDenied("仅执法监督人员、系统管理员可查看全过程记录")


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """全过程记录: events in the user's scope, newest first, filtered by object, user, action and date."""
    _require_audit_viewer(request)
    form = AuditFilterForm(request.GET)
    events: list[AuditEvent] = []
    newer_than = older_than = None
    if form.is_valid():
        queryset = form.apply(
            AuditEvent.objects.visible_to(request.user).select_related("content_type", "actor")
        )
        page = keyset_page(queryset, before=form.cleaned_data["before"], after=form.cleaned_data["after"])
        events, newer_than, older_than = page.events, page.newer_than, page.older_than
    agencies = Agency.objects.in_bulk({e.agency_id_ref for e in events if e.agency_id_ref is not None})
    rows = [_row(e, agencies) for e in events]
    params = request.GET.copy()
    for key in ("before", "after"):
        params.pop(key, None)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "rows": rows,
            "object_types": object_type_choices(),
            "actions": action_choices(),
            "filter_query": params.urlencode(),
            "newer_than": newer_than,
            "older_than": older_than,
            "can_verify": may_view_audit(request.user),
        },
    )


def _row(event: AuditEvent, agencies: dict[int, Agency]) -> dict[str, Any]:
    ct = event.content_type
    agency = agencies.get(event.agency_id_ref) if event.agency_id_ref is not None else None
    model = ct.model_class() if ct is not None else None
    return {
        "event": event,
        "action_label": action_label(event.action),
        "object_type": f"{ct.app_label}.{ct.model}" if ct is not None else "",
        "object_type_label": object_type_label(model),
        "agency": agency.name if agency is not None else "",
        "actor_username": event.actor.username if event.actor is not None else "",
        "changes": change_rows(event.data, model),
    }


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Start 校验审计链 (supervisors, agency admins, superusers): a background run, then its progress page."""
    try:
        run, created = start_verification(actor=request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    if created:
        transaction.on_commit(lambda: verify_audit_chain_task.delay(run.pk))
    return redirect("core:audit_verification", pk=run.pk)


@login_required
@require_GET
def audit_verification(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: progress while it runs (the panel polls itself through htmx), then the result in Chinese."""
    _require_audit_viewer(request)
    run = get_verification_for_user(request.user, pk)
    context = {"run": run, "outcome": outcome_for(run, request.user)}
    if request.headers.get("HX-Request"):
        return render(request, "core/_audit_verification_panel.html", context)
    return render(request, "core/audit_verification.html", context)
