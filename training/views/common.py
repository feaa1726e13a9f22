"""Helpers shared by the training pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest

from enforcement.core.access import visible_agency_ids
from enforcement.core.models import Agency, User

from ..models import Officer


def get_officer_for_user(user: Any, pk: Any) -> Officer:
    """One person of the register the user may see (404 otherwise)."""
    officer = Officer.objects.visible_to(user).select_related("agency").filter(pk=pk).first()
    if officer is None:
        raise Http404("人员不存在或无权查看")
    return officer


def chosen_agency(request: HttpRequest) -> Agency:
    """The agency the dashboard shows: ``?agency=`` within the user's scope, else their own (or the root)."""
    user: User = request.user  # type: ignore[assignment]  # login_required guarantees a User
    visible = Agency.objects.filter(pk__in=visible_agency_ids(user))
    wanted = request.GET.get("agency")
    if wanted:
        agency = visible.filter(pk=wanted).first() if wanted.isdigit() else None
        if agency is None:
            raise Http404("机构不存在或无权查看")
        return agency
    if user.agency_id is not None and user.agency is not None:
        return user.agency
    root = visible.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        raise Http404("没有可查看的机构")
    return root


def chosen_date(request: HttpRequest, default: dt.date) -> dt.date:
    raw = request.GET.get("on", "")
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default
