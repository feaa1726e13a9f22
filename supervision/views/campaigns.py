"""评查活动 pages: list (index), create, detail with progress, draw, verification, assignment, scheme checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import DomainError

from .. import selectors
from ..choices import CampaignKind, ReviewStatus
from ..forms import CampaignForm, DrawForm, SchemeCheckForm, UserPickForm, reviewer_choices
from ..models import AnnualQuota, Campaign, CaseFileReview, SchemeCheck
from ..services import campaigns, reviews, schemes
from .common import refuse


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """执法监督: my open reviews, the campaigns of my subtree, open rectifications, 优秀案卷."""
    user = request.user
    context = {
        "mine": list(selectors.my_open_reviews(user)[:50]),
        "campaigns": list(selectors.subtree_campaigns(user)[:50]),
        "rectifications": list(selectors.open_rectifications(user)[:50]),
        "may_organise": campaigns.may_organise(user),
    }
    return render(request, "supervision/index.html", context)


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    if not campaigns.may_organise(request.user):
        raise PermissionDenied("只有执法监督人员可以组织案卷评查")
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        spec = campaigns.CampaignSpec(
            name=d["name"],
            agencies=[a.pk for a in d["agencies"]],
            period_start=d["period_start"],
            period_end=d["period_end"],
            due_date=d["due_date"],
            kind=d["kind"],
            statuses=tuple(d["statuses"]),
            decision_kinds=tuple(d["decision_kinds"]),
            ratio=d["ratio"],
            min_per_agency=d["min_per_agency"],
            rubric=d["rubric"].pk if d["rubric"] else None,
        )
        try:
            c = campaigns.create_campaign(spec, actor=request.user)
            return redirect("supervision:campaign", c.pk)
        except DomainError as exc:
            refuse(request, exc)
    return render(request, "supervision/campaign_new.html", {"form": form})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_for_user(Campaign.objects.select_related("agency", "rubric"), request.user, pk)
    manage = campaigns.may_manage(request.user, campaign)
    rows = list(campaign.reviews.select_related("case", "agency", "reviewer", "rechecker"))
    checks = list(campaign.scheme_checks.select_related("scheme__enterprise", "agency", "checked_by"))
    year = campaign.period_start.year
    quota = AnnualQuota.objects.filter(level=campaign.agency.level).first()
    done_this_year = (
        CaseFileReview.objects.filter(campaign__agency=campaign.agency, campaign__period_start__year=year)
        .exclude(status__in=[ReviewStatus.PENDING, ReviewStatus.ASSIGNED])
        .count()
    )
    context = {
        "campaign": campaign,
        "manage": manage,
        "progress": campaigns.progress(campaign) if campaign.drawn_at else [],
        "reviews": [
            (r, UserPickForm(choices=reviewer_choices(campaign, r.agency_id), prefix=f"r{r.pk}"))
            for r in rows
        ],
        "checks": [(c, SchemeCheckForm(prefix=f"s{c.pk}")) for c in checks],
        "draw_form": DrawForm(),
        "quota": quota,
        "done_this_year": done_this_year,
        "is_schemes": campaign.kind == CampaignKind.SCHEMES,
        "check": campaigns.verify_campaign(campaign)
        if request.GET.get("verify") and campaign.drawn_at
        else None,
    }
    return render(request, "supervision/campaign_detail.html", context)


@login_required
@require_POST
def campaign_draw(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_for_user(Campaign.objects.select_related("agency"), request.user, pk)
    form = DrawForm(request.POST)
    try:
        campaigns.draw_campaign(campaign, actor=request.user, seed=form.data.get("seed", ""))
        messages.success(request, "已抽取")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("supervision:campaign", campaign.pk)


@login_required
@require_POST
def review_assign(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_for_user(CaseFileReview.objects.select_related("campaign__agency"), request.user, pk)
    form = UserPickForm(request.POST, prefix=f"r{review.pk}")
    if not form.is_valid():
        messages.error(request, "请选择评查人员")
    else:
        try:
            reviews.assign_reviewer(review, form.cleaned_data["user"], actor=request.user)
            messages.success(request, "已分派")
        except DomainError as exc:
            refuse(request, exc)
    return redirect("supervision:campaign", review.campaign_id)


@login_required
@require_POST
def scheme_check(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_for_user(SchemeCheck.objects.select_related("campaign__agency"), request.user, pk)
    form = SchemeCheckForm(request.POST, prefix=f"s{check.pk}")
    if form.is_valid():
        try:
            schemes.check_scheme(
                check,
                actor=request.user,
                compliant=form.cleaned_data["compliant"],
                reasons=form.cleaned_data["reasons"],
            )
            messages.success(request, "已记录审查结论")
        except DomainError as exc:
            refuse(request, exc)
    return redirect("supervision:campaign", check.campaign_id)


@login_required
def excellent(request: HttpRequest) -> HttpResponse:
    """优秀案卷: reviews graded 优秀 and marked as examples, newest first."""
    rows = (
        CaseFileReview.objects.visible_to(request.user)
        .filter(excellent=True)
        .select_related("case", "agency", "campaign")
        .order_by("-excellent_at")
    )
    return render(request, "supervision/excellent.html", {"rows": rows[:100], "now": timezone.now()})
