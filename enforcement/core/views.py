"""Shell pages: dashboard."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Deadline, Notification, User
from .registry import REGISTRY


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: my tasks, deadlines and unread notices, plus the panels apps register."""
    user = cast(User, request.user)
    today = timezone.localdate()
    deadlines = (
        Deadline.objects.visible_to(user)
        .open()
        .filter(responsible=user)
        .select_related("agency")
        .order_by("due_date", "id")[:20]
    )
    rows = []
    for d in deadlines:
        remaining = (d.due_date - today).days
        urgency = "danger" if remaining <= 1 else ("warning" if remaining <= 3 else "secondary")
        rows.append({"deadline": d, "remaining": remaining, "urgency": urgency})
    panels = [{"template": panel.template, **panel.context(request)} for panel in REGISTRY.dashboard_panels]
    unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True)[:10])
    return render(
        request,
        "core/dashboard.html",
        {"today": today, "deadlines": rows, "unread": unread, "panels": panels},
    )
