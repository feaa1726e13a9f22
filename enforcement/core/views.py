"""Shell pages: dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Deadline, Notification
from .registry import REGISTRY


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: my tasks, deadlines and unread notices."""
    today = timezone.localdate()
    deadlines = list(
        Deadline.objects.visible_to(request.user)
        .open()
        .filter(responsible=request.user)
        .select_related("agency")
        .order_by("due_date", "id")[:20]
    )
    for d in deadlines:
        remaining = (d.due_date - today).days
        d.urgency = (
            "danger" if remaining < 0 or remaining <= 1 else ("warning" if remaining <= 3 else "secondary")
        )  # type: ignore[attr-defined]
        d.remaining = remaining  # type: ignore[attr-defined]
    panels = [{"template": panel.template, **panel.context(request)} for panel in REGISTRY.dashboard_panels]
    unread = list(Notification.objects.filter(recipient=request.user, read_at__isnull=True)[:10])
    return render(
        request,
        "core/dashboard.html",
        {"today": today, "deadlines": deadlines, "unread": unread, "panels": panels},
    )
