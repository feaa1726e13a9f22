"""Pages: 期限 list (/deadlines/) and the notification inbox (/inbox/)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..api.deadlines import DeadlineFilterSet
from ..models import Deadline, DeadlineStatus, Notification, User
from ..models.deadlines import RUNNING_STATUSES
from ..registry import REGISTRY
from ..services.notifications import (
    get_notification_for_user,
    inbox_for,
    mark_all_notifications_read,
    mark_notification_read,
)

PAGE_SIZE = 50
UNFINISHED = ",".join([*RUNNING_STATUSES, DeadlineStatus.SUSPENDED])


def _after_cursor(raw: str) -> tuple[dt.date, int] | None:
    """Parse the keyset cursor ``YYYY-MM-DD_id`` of the deadlines page; None when absent or bad."""
    try:
        day, pk = raw.split("_", 1)
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    """期限一览: the deadlines the user may see, soonest first, red/amber by urgency."""
    user = cast(User, request.user)
    today = timezone.localdate()
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = UNFINISHED
    base = Deadline.objects.visible_to(user).select_related("agency").prefetch_related("responsible")
    filterset = DeadlineFilterSet(params, queryset=base, request=request)
    qs: QuerySet[Deadline] = filterset.qs if filterset.is_valid() else base.none()
    cursor = _after_cursor(request.GET.get("after", ""))
    if cursor:
        day, pk = cursor
        qs = qs.filter(Q(due_date__gt=day) | Q(due_date=day, pk__gt=pk))
    page = list(qs.order_by("due_date", "id")[: PAGE_SIZE + 1])
    has_more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    rows = [
        {
            "deadline": d,
            "kind_label": REGISTRY.deadline_kinds[d.kind].label
            if d.kind in REGISTRY.deadline_kinds
            else d.kind,
            "days_left": d.days_left(today),
            "overdue_days": -d.days_left(today),
            "urgency": d.urgency(today),
            "responsible": "、".join(sorted(u.display_name for u in d.responsible.all())),
        }
        for d in page
    ]
    next_params = request.GET.copy()
    if has_more:
        last = page[-1]
        next_params["after"] = f"{last.due_date.isoformat()}_{last.pk}"
    return render(
        request,
        "core/deadlines.html",
        {
            "today": today,
            "rows": rows,
            "filters": params,
            "statuses": DeadlineStatus.choices,
            "unfinished": UNFINISHED,
            "running": ",".join(RUNNING_STATUSES),
            "kinds": sorted((k.code, k.label) for k in REGISTRY.deadline_kinds.values()),
            "agency_name": page[0].agency.name if page and params.get("agency") else "",
            "next_query": next_params.urlencode() if has_more else "",
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """通知: the user's own notifications, newest first (``?unread=1`` for unread only)."""
    qs = inbox_for(request.user)
    if request.GET.get("unread") == "1":
        qs = qs.filter(read_at__isnull=True)
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(pk__lt=int(before))
    page: list[Notification] = list(qs[: PAGE_SIZE + 1])
    has_more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    next_params = request.GET.copy()
    if has_more:
        next_params["before"] = str(page[-1].pk)
    return render(
        request,
        "core/inbox.html",
        {
            "notifications": page,
            "unread_only": request.GET.get("unread") == "1",
            "next_query": next_params.urlencode() if has_more else "",
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target: Any = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return str(target)
    return fallback


@login_required
@require_POST
def inbox_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of my notifications read (404 for anyone else's), then go to ``next`` or the inbox."""
    notification = get_notification_for_user(request.user, pk)
    mark_notification_read(notification, actor=request.user)
    return HttpResponseRedirect(_safe_next(request, "/inbox/"))


@login_required
@require_POST
def inbox_mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark all my notifications read."""
    mark_all_notifications_read(actor=request.user)
    return HttpResponseRedirect(_safe_next(request, "/inbox/"))
