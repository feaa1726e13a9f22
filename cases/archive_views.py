"""Pages of the archived file: the dossier PDF (head or approved borrower, logged), borrowing requests and
their approval, supplements. Each POST runs one service and comes back to the case page with a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from .models import CaseBorrowing
from .services import closing
from .services.common import get_case_for_user
from .services.dossier_access import dossier_response


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def dossier_pdf(request: HttpRequest, pk: int) -> FileResponse:
    case = get_case_for_user(request.user, pk)
    try:
        return dossier_response(request.user, case)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc


@login_required
@require_POST
def borrow(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    until = _date(request.POST.get("until", ""))
    try:
        if until is None:
            messages.error(request, "请填写借阅期限")
        else:
            closing.request_borrowing(
                case, actor=request.user, purpose=request.POST.get("purpose", ""), until=until
            )
            messages.success(request, "已提交借阅申请，待本机关负责人批准")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def decide_borrowing(request: HttpRequest, pk: int, bid: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    row = CaseBorrowing.objects.filter(case=case, pk=bid).select_related("case").first()
    if row is None:
        raise Http404("借阅申请不存在")
    approved = request.POST.get("approved") == "true"
    try:
        closing.decide_borrowing(
            row, actor=request.user, approved=approved, opinion=request.POST.get("opinion", "")
        )
        messages.success(request, "已批准借阅" if approved else "已不予批准借阅")
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def return_borrowing(request: HttpRequest, pk: int, bid: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    row = CaseBorrowing.objects.filter(case=case, pk=bid).select_related("case").first()
    if row is None:
        raise Http404("借阅申请不存在")
    try:
        closing.return_borrowing(row, actor=request.user)
        messages.success(request, "已登记归还")
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)


@login_required
@require_POST
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    try:
        closing.add_supplement(
            case,
            actor=request.user,
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
            on_date=_date(request.POST.get("date", "")) or timezone.localdate(),
        )
        messages.success(request, "已补充归档材料，案卷已重新生成")
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case.pk)


def archive_panel(user: Any, case: Any) -> dict[str, Any] | None:
    """What the case page shows of the archived file (None before archiving)."""
    from .choices import CaseStatus

    if case.status != CaseStatus.ARCHIVED:
        return None
    head = closing.is_head(user, case)
    borrowings = case.borrowings.select_related("borrower", "decided_by")
    return {
        "dossiers": list(case.dossiers.order_by("-version")),
        "may_read": closing.may_read_dossier(user, case),
        "is_head": head,
        "may_supplement": closing.is_handler_or_head(user, case),
        "borrowings": list(borrowings if head else borrowings.filter(borrower=user)),
        "supplements": list(case.supplements.all()),
        "today": timezone.localdate(),
    }
