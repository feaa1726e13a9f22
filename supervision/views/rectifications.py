"""整改 pages: the notice, the agency's answer with evidence, the supervisor's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import DomainError
from enforcement.core.services.uploads import download_response

from ..choices import RectificationStatus
from ..forms import AnswerForm, DecideForm
from ..models import Rectification
from ..services import rectifications
from ..services.campaigns import may_manage
from .common import refuse


def _get(request: HttpRequest, pk: int) -> Rectification:
    qs = Rectification.objects.select_related(
        "agency", "review__case", "review__campaign__agency", "issued_by"
    )
    return get_object_for_user(qs, request.user, pk)


@login_required
def rectification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rect = _get(request, pk)
    context = {
        "rect": rect,
        "evidence": list(rect.evidence.all()),
        "answer_form": AnswerForm()
        if rect.status in rectifications.OPEN_STATUSES and rectifications.may_answer(request.user, rect)
        else None,
        "decide_form": DecideForm()
        if rect.status == RectificationStatus.ANSWERED and may_manage(request.user, rect.review.campaign)
        else None,
    }
    return render(request, "supervision/rectification.html", context)


@login_required
@require_POST
def rectification_answer(request: HttpRequest, pk: int) -> HttpResponse:
    rect = _get(request, pk)
    try:
        rectifications.answer_rectification(
            rect,
            actor=request.user,
            answer=request.POST.get("answer", ""),
            files=request.FILES.getlist("files"),
        )
        messages.success(request, "已报送整改情况")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:rectification", rect.pk)


@login_required
@require_POST
def rectification_decide(request: HttpRequest, pk: int) -> HttpResponse:
    rect = _get(request, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            rectifications.decide_rectification(rect, actor=request.user, **form.cleaned_data)
            messages.success(request, "已审核整改情况")
        except DomainError as exc:
            refuse(request, exc)
    else:
        messages.error(request, "请选择审核结论")
    return redirect("supervision:rectification", rect.pk)


@login_required
def rectification_file(request: HttpRequest, pk: int, ev: int) -> HttpResponseBase:
    rect = _get(request, pk)
    item = rect.evidence.filter(pk=ev).first()
    if item is None:
        raise Http404("文件不存在")
    return download_response(item.file, download_name=item.original_name)
