"""Helpers shared by the training pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from enforcement.core.access import visible_agency_ids
from enforcement.core.exceptions import DomainError, NotAllowed
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
        chosen = dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default
    # the figures count years around the date: the ends of the calendar have no such years
    return chosen if 1900 <= chosen.year <= 2199 else default


def form_page(
    request: HttpRequest, form: Any, title: str, officer: Any = None, status: int = 200
) -> HttpResponse:
    return render(
        request, "training/form.html", {"form": form, "title": title, "officer": officer}, status=status
    )


def domain_error(request: HttpRequest, form: Any, title: str, officer: Any, exc: DomainError) -> HttpResponse:
    """A refused service call: 403 page for NotAllowed, else the form again with the reason (400/409)."""
    if isinstance(exc, NotAllowed):
        raise PermissionDenied(exc.message)
    form.add_error(None, exc.message)
    for name, errors in exc.fields.items():
        if name in form.fields:
            for e in errors:
                form.add_error(name, e)
    return form_page(request, form, title, officer, status=exc.status_code)


def submit_for_officer(
    request: HttpRequest,
    officer: Any,
    form: Any,
    title: str,
    run: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """The form page of one write about ``officer``: on a valid POST call the service through ``run``
    and go back to the officer's record with ``done``; a refusal re-renders the form with the reason."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            return domain_error(request, form, title, officer, exc)
        messages.success(request, done)
        return redirect("training:officer_detail", pk=officer.pk)
    return form_page(request, form, title, officer)
