"""Shell pages: dashboard."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..models import User
from ..registry import REGISTRY
from ..services import dashboard as board


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: my deadlines and unread notices, what my agencies must act on, plus the panels apps register."""
    user = cast(User, request.user)
    context = board.build(user, timezone.localdate())
    panels = [
        {"template": panel.template, "slot": panel.slot, **panel.context(request)}
        for panel in REGISTRY.dashboard_panels
    ]
    context["top_panels"] = [p for p in panels if p["slot"] == "top"]
    context["panels"] = [p for p in panels if p["slot"] != "top"]
    return render(request, "core/dashboard.html", context)
