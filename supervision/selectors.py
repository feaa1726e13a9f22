"""What the supervision pages and the dashboard panels list, as querysets scoped by ``visible_to`` — shared by
the 执法监督 index (supervision.views.campaigns.index) and the 工作台 panels (supervision.dashboard), so a
panel and its page never disagree."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from .choices import CampaignKind, CampaignStatus, RectificationStatus, ReviewStatus
from .models import Campaign, CaseFileReview, Rectification

# A review is locked once submitted (or re-checked), and while an objection waits for its re-checker.
LOCKED = Q(status__in=[ReviewStatus.SUBMITTED, ReviewStatus.FINAL]) | Q(
    status=ReviewStatus.OBJECTED, rechecker__isnull=True
)


def my_open_reviews(user: Any) -> QuerySet[CaseFileReview]:
    """The reviews with ``user``: assigned to score, or objected and given to them to re-check."""
    return (
        CaseFileReview.objects.visible_to(user)
        .filter(
            Q(reviewer=user, status=ReviewStatus.ASSIGNED) | Q(rechecker=user, status=ReviewStatus.OBJECTED)
        )
        .select_related("case", "agency", "campaign")
    )


def subtree_campaigns(user: Any) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).select_related("agency")


def open_rectifications(user: Any) -> QuerySet[Rectification]:
    """Rectifications not yet accepted, of the reviews ``user`` may see."""
    return (
        Rectification.objects.visible_to(user)
        .exclude(status=RectificationStatus.ACCEPTED)
        .select_related("agency", "review__case")
    )


def campaigns_in_progress(user: Any) -> QuerySet[Campaign]:
    """Drawn 案卷评查 campaigns of the subtree with their progress counted in the same query:
    ``drawn`` (sampled files), ``assigned`` (with a reviewer), ``submitted`` (scored and handed in,
    objections included), ``locked`` (grade fixed)."""
    return (
        subtree_campaigns(user)
        .filter(kind=CampaignKind.CASE_FILES, status=CampaignStatus.DRAWN)
        .annotate(
            drawn=Count("reviews"),
            assigned=Count("reviews", filter=Q(reviews__reviewer__isnull=False)),
            submitted=Count(
                "reviews",
                filter=Q(
                    reviews__status__in=[ReviewStatus.SUBMITTED, ReviewStatus.OBJECTED, ReviewStatus.FINAL]
                ),
            ),
            locked=Count(
                "reviews",
                filter=Q(reviews__status__in=[ReviewStatus.SUBMITTED, ReviewStatus.FINAL])
                | Q(reviews__status=ReviewStatus.OBJECTED, reviews__rechecker__isnull=True),
            ),
        )
        .order_by("due_date", "id")
    )


def _organised_by_subtree(user: Any, prefix: str) -> Q:
    """Rows of campaigns organised in ``user``'s subtree (the supervisors who manage them act on them)."""
    if user.is_superuser:
        return Q()
    return Q(**{f"{prefix}campaign__agency__path__startswith": user.agency.path})


def objections_to_recheck(user: Any) -> QuerySet[CaseFileReview]:
    """Objected reviews of campaigns ``user`` manages: waiting for a re-checker or for the re-check."""
    return (
        CaseFileReview.objects.visible_to(user)
        .filter(_organised_by_subtree(user, ""), status=ReviewStatus.OBJECTED)
        .select_related("case", "agency", "campaign", "rechecker")
        .order_by("objected_at", "id")
    )


def rectifications_to_accept(user: Any) -> QuerySet[Rectification]:
    """Answered rectifications of campaigns ``user`` manages, waiting for acceptance."""
    return (
        open_rectifications(user)
        .filter(_organised_by_subtree(user, "review__"), status=RectificationStatus.ANSWERED)
        .order_by("answered_on", "id")
    )


def late_rectifications(user: Any) -> QuerySet[Rectification]:
    """Rectifications escalated as not answered in time (逾期未报送), of campaigns ``user`` manages."""
    return (
        open_rectifications(user)
        .filter(_organised_by_subtree(user, "review__"), status=RectificationStatus.ESCALATED)
        .order_by("due_date", "id")
    )


def rectifications_of_my_agency(user: Any) -> QuerySet[Rectification]:
    """Rectifications addressed to ``user``'s agency that it still has to answer (its head answers)."""
    return (
        open_rectifications(user)
        .filter(
            agency_id=user.agency_id,
            status__in=[
                RectificationStatus.OPEN,
                RectificationStatus.RETURNED,
                RectificationStatus.ESCALATED,
            ],
        )
        .order_by("due_date", "id")
    )


def objection_window_open(user: Any) -> QuerySet[CaseFileReview]:
    """Submitted reviews of ``user``'s agency it has not objected to yet (one objection each)."""
    return (
        CaseFileReview.objects.visible_to(user)
        .filter(agency_id=user.agency_id, status=ReviewStatus.SUBMITTED, objected_at__isnull=True)
        .select_related("case", "campaign")
        .order_by("submitted_at", "id")
    )
