"""Shell pages: dashboard."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Deadline, User
from .notifications import inbox_for
from .registry import REGISTRY

DASHBOARD_DEADLINES = 20
DASHBOARD_NOTICES = 10


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: the user's running deadlines (responsible, soonest first, red/amber by urgency), unread
    notices, plus the panels apps register."""
    user = cast(User, request.user)
    today = timezone.localdate()
    deadlines = (
        Deadline.objects.visible_to(user)
        .responsible_for(user)
        .open()
        .select_related("agency")
        .order_by("due_date", "id")[:DASHBOARD_DEADLINES]
    )
    rows = [{"deadline": d, "remaining": d.days_left(today), "urgency": d.urgency(today)} for d in deadlines]
    panels = [{"template": panel.template, **panel.context(request)} for panel in REGISTRY.dashboard_panels]
    unread = list(inbox_for(user).filter(read_at__isnull=True)[:DASHBOARD_NOTICES])
    return render(
        request,
        "core/dashboard.html",
        {"today": today, "deadlines": rows, "unread": unread, "panels": panels},
    )
