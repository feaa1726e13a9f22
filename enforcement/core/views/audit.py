"""全过程记录 pages: the audit trail for supervisors, agency admins and superusers, and chain verification."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..access import may_view_audit
from ..forms.audit import AuditFilterForm, action_choices, action_label, keyset_page, object_type_choices
from ..models import Agency, AuditEvent
from ..services.audit_verify import verify_chain


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
            "can_verify": request.user.is_superuser,
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
        "object_type_label": str(model._meta.verbose_name) if model is not None else "",
        "agency": agency.name if agency is not None else "",
        "actor_username": event.actor.username if event.actor is not None else "",
        "data_json": json.dumps(event.data, ensure_ascii=False, indent=1, sort_keys=True)
        if event.data
        else "",
    }


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Superusers: walk the whole chain now and show the outcome (read-only)."""
    if not request.user.is_superuser:
        raise PermissionDenied("仅平台管理员可校验审计链")
    report = verify_chain()
    if report.intact:
        messages.success(request, f"{report.summary}，耗时 {report.seconds:.1f} 秒")
    else:
        messages.error(request, report.summary)
    return redirect("core:audit_list")
