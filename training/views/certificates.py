"""Certificate action pages (申领, 核发, 年审, 换发, 暂扣, 解除暂扣, 收回, 注销) for agency admins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .. import services
from ..choices import CertificateAction as A
from ..forms import AnnualReviewForm, ApplyForm, IssueForm, LiftForm, ReasonForm, RenewForm, SuspendForm
from ..models import Certificate
from ..permissions import can_manage_agency
from .common import get_officer_for_user, submit_for_officer

Runner = Callable[[Certificate, Any, dict[str, Any]], object]

ACTIONS: dict[str, tuple[type[forms.Form], Runner]] = {
    A.ISSUE: (IssueForm, lambda c, u, d: services.issue_certificate(c, actor=u, **d)),
    A.ANNUAL_REVIEW: (AnnualReviewForm, lambda c, u, d: services.record_annual_review(c, actor=u, **d)),
    A.RENEW: (RenewForm, lambda c, u, d: services.renew_certificate(c, actor=u, **d)),
    A.SUSPEND: (SuspendForm, lambda c, u, d: services.suspend_certificate(c, actor=u, **d)),
    A.LIFT_SUSPENSION: (LiftForm, lambda c, u, d: services.lift_suspension(c, actor=u, **d)),
    A.WITHDRAW: (ReasonForm, lambda c, u, d: services.withdraw_certificate(c, actor=u, **d)),
    A.CANCEL: (ReasonForm, lambda c, u, d: services.cancel_certificate(c, actor=u, **d)),
}


@login_required
def apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_officer_for_user(request.user, pk)
    if not can_manage_agency(request.user, officer.agency):
        raise PermissionDenied("只有本机构或上级机构的系统管理员可以办理执法证")
    title = f"申领执法证：{officer.display_name}"
    form = ApplyForm(request.POST or None)
    return submit_for_officer(
        request,
        officer,
        form,
        title,
        lambda data: services.apply_certificate(officer, actor=request.user, **data),
        "已登记申领",
    )


@login_required
def certificate_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("无此操作")
    cert = services.get_certificate_for_user(request.user, pk)
    if not can_manage_agency(request.user, cert.agency):
        raise PermissionDenied("只有本机构或上级机构的系统管理员可以办理执法证")
    form_class, runner = ACTIONS[action]
    title = f"{A(action).label}：{cert.holder.display_name} {cert}"
    form = form_class(request.POST or None)

    def run(data: dict[str, Any]) -> object:
        given = {k: v for k, v in data.items() if v not in (None, "") or k == "reason"}
        return runner(cert, request.user, given)

    return submit_for_officer(request, cert.holder, form, title, run, f"{A(action).label}已办理")
