"""The review workspace (one screen, tablet-sized): the case's documents, evidence and timeline beside the
rubric; save, submit, object, re-check, 优秀案卷, rectification notice; materials served while the grant lasts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases.choices import CaseAction
from cases.models import Case, CaseEvent, CaseEvidence
from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import DomainError
from enforcement.core.models import Document
from enforcement.core.services.uploads import download_response

from ..choices import ReviewStatus
from ..forms import RectificationForm, TextForm, UserPickForm, reviewer_choices
from ..models import CaseFileReview, Rectification
from ..services import rectifications, reviews
from ..services.campaigns import may_manage
from .common import refuse

ACTION_LABELS = {a.value: str(a.label) for a in CaseAction}


def get_review_for_user(user: Any, pk: Any) -> CaseFileReview:
    qs = CaseFileReview.objects.select_related(
        "case", "agency", "campaign__agency", "rubric", "reviewer", "rechecker"
    )
    return get_object_for_user(qs, user, pk)


def may_see_materials(user: Any, review: CaseFileReview) -> bool:
    """The case's materials: whoever sees the case itself, or a reviewer holding the campaign grant."""
    if Case.objects.visible_to(user).filter(pk=review.case_id).exists():
        return True
    return reviews.has_grant(user, review.case)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    user = request.user
    materials = may_see_materials(user, review)
    case_ct = ContentType.objects.get_for_model(Case)
    documents = list(
        Document.objects.filter(content_type=case_ct, object_id=review.case_id).order_by("issued_at", "id")
    )
    scores = list(review.scores.select_related("item__section", "document"))
    editing = reviews.may_score(review, user)
    manage = may_manage(user, review.campaign)
    context = {
        "review": review,
        "case": review.case,
        "materials": materials,
        "documents": documents if materials else [],
        "evidence": list(CaseEvidence.objects.filter(case_id=review.case_id).select_related("collector"))
        if materials
        else [],
        "events": [
            (e, ACTION_LABELS.get(e.action, e.action))
            for e in CaseEvent.objects.filter(case_id=review.case_id).select_related("actor")
        ]
        if materials
        else [],
        "scores": scores,
        "editing": editing,
        "result": reviews.current_result(review),
        "manage": manage,
        "may_object": reviews.may_object(user, review),
        "recheck_form": UserPickForm(
            choices=reviewer_choices(review.campaign, review.agency_id).exclude(pk=review.reviewer_id)
        )
        if manage and review.status == ReviewStatus.OBJECTED and review.rechecker_id is None
        else None,
        "rectification": Rectification.objects.filter(review=review).first(),
        "rect_form": RectificationForm() if manage and review.locked else None,
        "text_form": TextForm(),
    }
    return render(request, "supervision/review.html", context)


def _entries(request: HttpRequest, review: CaseFileReview) -> list[dict[str, Any]]:
    out = []
    for s in review.scores.select_related("item"):
        p = f"i{s.item_id}_"
        out.append(
            {
                "item": s.item_id,
                "awarded": request.POST.get(p + "awarded", ""),
                "veto_hit": request.POST.get(p + "veto") == "1",
                "finding": request.POST.get(p + "finding", ""),
                "document": request.POST.get(p + "document", ""),
                "confirmed": request.POST.get(p + "confirmed") == "1",
            }
        )
    return out


@login_required
@require_POST
def review_save(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    try:
        reviews.save_scores(review, _entries(request, review), actor=request.user)
        if request.POST.get("submit") == "1":
            review.refresh_from_db()
            if review.status == ReviewStatus.OBJECTED:
                reviews.complete_recheck(review, actor=request.user, opinion=request.POST.get("summary", ""))
            else:
                reviews.submit_review(review, actor=request.user, summary=request.POST.get("summary", ""))
            messages.success(request, "评查结果已提交并锁定")
        else:
            messages.success(request, "已保存")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:review", review.pk)


@login_required
@require_POST
def review_object(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    try:
        reviews.object_review(review, actor=request.user, reason=request.POST.get("text", ""))
        messages.success(request, "已提出异议，等待复核")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:review", review.pk)


@login_required
@require_POST
def review_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    form = UserPickForm(request.POST, choices=reviewer_choices(review.campaign, review.agency_id))
    if not form.is_valid():
        messages.error(request, "请选择复核人员")
    else:
        try:
            reviews.assign_rechecker(review, form.cleaned_data["user"], actor=request.user)
            messages.success(request, "已指定复核人员")
        except DomainError as exc:
            refuse(request, exc)
    return redirect("supervision:review", review.pk)


@login_required
@require_POST
def review_excellent(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    try:
        reviews.mark_excellent(review, actor=request.user)
        messages.success(request, "已评为优秀案卷")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:review", review.pk)


@login_required
@require_POST
def review_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request.user, pk)
    form = RectificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写整改问题和期限")
        return redirect("supervision:review", review.pk)
    try:
        rect = rectifications.issue_rectification(review, actor=request.user, **form.cleaned_data)
        messages.success(request, "已下发整改通知")
        return redirect("supervision:rectification", rect.pk)
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:review", review.pk)


@login_required
def review_document(request: HttpRequest, pk: int, doc: int) -> HttpResponseBase:
    review = get_review_for_user(request.user, pk)
    if not may_see_materials(request.user, review):
        raise Http404("对象不存在或无权查看")
    document = Document.objects.filter(
        pk=doc, content_type=ContentType.objects.get_for_model(Case), object_id=review.case_id
    ).first()
    if document is None or not document.file:
        raise Http404("文书不存在")
    return download_response(document.file, download_name=f"{document.title}.pdf")


@login_required
def review_evidence(request: HttpRequest, pk: int, ev: int) -> HttpResponseBase:
    review = get_review_for_user(request.user, pk)
    if not may_see_materials(request.user, review):
        raise Http404("对象不存在或无权查看")
    item = CaseEvidence.objects.filter(pk=ev, case_id=review.case_id).first()
    if item is None:
        raise Http404("证据不存在")
    return download_response(item.file, download_name=item.original_name)
