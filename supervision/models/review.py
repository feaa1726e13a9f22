"""案卷评查 reviews (one per sampled case) with per-item scores, and 检查方案 checks (one per sampled scheme)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

from enforcement.core import roles
from enforcement.core.access import NOTHING

from ..choices import Grade, ReviewStatus, SchemeCheckStatus


def review_scope_filter(user: Any, prefix: str = "") -> Q:
    """Who sees a review: superusers; supervisors and heads whose subtree holds the reviewed agency or the
    organising agency; the assigned reviewer and the re-checker; the handlers of the case once the review is
    submitted (read-only, through the panel on the case page). Everyone else: nothing (404)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()
    q = Q(**{f"{prefix}reviewer_id": user.pk}) | Q(**{f"{prefix}rechecker_id": user.pk})
    handler_model = apps.get_model("cases", "CaseHandler")
    # the case's officers read the result once it is submitted, not the scoring in progress
    q |= Q(**{f"{prefix}case_id__in": handler_model.objects.filter(user_id=user.pk).values("case_id")}) & ~Q(
        **{f"{prefix}status__in": [ReviewStatus.PENDING, ReviewStatus.ASSIGNED]}
    )
    if user.agency_id is not None and user.has_role(roles.SUPERVISOR, roles.HEAD):
        path = user.agency.path
        q |= Q(**{f"{prefix}agency__path__startswith": path}) | Q(
            **{f"{prefix}campaign__agency__path__startswith": path}
        )
    return q


class CaseFileReviewQuerySet(models.QuerySet["CaseFileReview"]):
    def visible_to(self, user: Any) -> CaseFileReviewQuerySet:
        return self.filter(review_scope_filter(user))


class CaseFileReview(models.Model):
    """The 评查 of one sampled case: scored against the campaign's rubric version, then locked."""

    campaign = models.ForeignKey("supervision.Campaign", on_delete=models.PROTECT, related_name="reviews")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name="案件")
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="被评查机构"
    )
    rubric = models.ForeignKey("supervision.Rubric", on_delete=models.PROTECT, verbose_name="评查标准")
    draw_order = models.PositiveIntegerField("抽取顺序", default=0)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="评查人员",
    )
    status = models.CharField(
        "状态", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    assigned_at = models.DateTimeField("分派时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    total = models.PositiveSmallIntegerField("得分", null=True, blank=True)
    grade = models.CharField("等次", max_length=10, choices=Grade.choices, blank=True)
    veto_hit = models.BooleanField("触及否决项", default=False)
    summary = models.TextField("评查意见", blank=True)
    objection = models.TextField("异议理由", blank=True)
    objected_at = models.DateTimeField("提出异议时间", null=True, blank=True)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rechecker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="复核人员",
    )
    recheck_opinion = models.TextField("复核意见", blank=True)
    rechecked_at = models.DateTimeField("复核时间", null=True, blank=True)
    first_total = models.PositiveSmallIntegerField("初评得分", null=True, blank=True)
    first_grade = models.CharField("初评等次", max_length=10, choices=Grade.choices, blank=True)
    excellent = models.BooleanField("优秀案卷", default=False)
    excellent_at = models.DateTimeField("评为优秀案卷时间", null=True, blank=True)

    objects = CaseFileReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["campaign_id", "draw_order", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "case"], name="uniq_review_campaign_case")]

    def __str__(self) -> str:
        return f"案卷评查 {self.case_id}"

    @property
    def locked(self) -> bool:
        return self.status in (ReviewStatus.SUBMITTED, ReviewStatus.FINAL) or (
            self.status == ReviewStatus.OBJECTED and self.rechecker_id is None
        )


class ReviewScore(models.Model):
    """One rubric item of one review: points awarded (or a veto hit), the finding and the document cited;
    ``premark`` holds the system's reading of the dossier until the reviewer confirms or overrides it."""

    review = models.ForeignKey(CaseFileReview, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey("supervision.RubricItem", on_delete=models.PROTECT, related_name="+")
    awarded = models.PositiveSmallIntegerField("得分", null=True, blank=True)
    veto_hit = models.BooleanField("触及否决项", default=False)
    finding = models.TextField("问题描述", blank=True)
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="涉及文书",
    )
    premark = models.BooleanField("系统预判存在问题", default=False)
    premark_reason = models.CharField("预判理由", max_length=500, blank=True)
    confirmed = models.BooleanField("评查人员已确认", default=False)

    class Meta:
        verbose_name = "评查打分"
        verbose_name_plural = "评查打分"
        ordering = ["review_id", "item__section__order", "item__order", "item_id"]
        constraints = [models.UniqueConstraint(fields=["review", "item"], name="uniq_review_item")]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.item_id}"


class SchemeCheckQuerySet(models.QuerySet["SchemeCheck"]):
    def visible_to(self, user: Any) -> SchemeCheckQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self.all()
        if user.agency_id is None:
            return self.filter(NOTHING)
        if user.sees_subtree:
            path = user.agency.path
            return self.filter(Q(agency__path__startswith=path) | Q(campaign__agency__path__startswith=path))
        return self.filter(agency_id=user.agency_id)


class SchemeCheck(models.Model):
    """One sampled 检查方案 (≥ 20 % of each agency's schemes): compliant, or returned with reasons."""

    campaign = models.ForeignKey(
        "supervision.Campaign", on_delete=models.PROTECT, related_name="scheme_checks"
    )
    scheme = models.ForeignKey("inspections.InspectionScheme", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    draw_order = models.PositiveIntegerField("抽取顺序", default=0)
    status = models.CharField(
        "结论", max_length=10, choices=SchemeCheckStatus.choices, default=SchemeCheckStatus.PENDING
    )
    reasons = models.TextField("退回理由", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField("审查时间", null=True, blank=True)

    objects = SchemeCheckQuerySet.as_manager()

    class Meta:
        verbose_name = "检查方案抽查"
        verbose_name_plural = "检查方案抽查"
        ordering = ["campaign_id", "draw_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "scheme"], name="uniq_check_campaign_scheme")
        ]

    def __str__(self) -> str:
        return f"检查方案抽查 {self.scheme_id}"
