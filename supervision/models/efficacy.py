"""执法效能评估 (half-yearly efficacy evaluation): one evaluation per supervising agency and half-year, one
row per agency of its subtree holding every figure's numerator and denominator (the page, the trends and
the drill-downs read these stored parts). A published evaluation is frozen. Written only by
``supervision.services.efficacy``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from enforcement.core import roles
from enforcement.core.access import NOTHING


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class EfficacyEvaluationQuerySet(models.QuerySet["EfficacyEvaluation"]):
    def visible_to(self, user: Any) -> EfficacyEvaluationQuerySet:
        """Supervisors and heads see the evaluations of agencies in their subtree (as the 年报), and the
        published evaluations of the bureaus above them that rank their agency (the 通报 of the results goes
        to the agencies evaluated; a draft stays with the evaluating side); superusers all; everyone else
        (officers, legal reviewers, admins) none — an evaluation ranks agencies against each other and is a
        supervision instrument, not an officer's page (documented reading)."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self
        if user.agency_id is None or not user.has_role(roles.SUPERVISOR, roles.HEAD):
            return self.filter(NOTHING)
        path = user.agency.path
        above = [path[: i + 1] for i in range(1, len(path) - 1) if path[i] == "/"]  # "/1/2/3/" → /1/, /1/2/
        return self.filter(
            Q(agency__path__startswith=path) | Q(status=EvaluationStatus.PUBLISHED, agency__path__in=above)
        )


class EfficacyEvaluation(models.Model):
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="评估机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    half = models.PositiveSmallIntegerField("半年", choices=[(1, "上半年"), (2, "下半年")])
    status = models.CharField(
        "状态", max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    as_of = models.DateField("数据截止日")
    built_at = models.DateTimeField("生成时间", null=True, blank=True)
    trend = models.JSONField("趋势数据", default=dict, blank=True)
    pdf = models.FileField("PDF", upload_to="reports/efficacy/", blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EfficacyEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = "执法效能评估"
        verbose_name_plural = "执法效能评估"
        ordering = ["-year", "-half", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "half"], name="uniq_efficacy_agency_half"),
            models.CheckConstraint(condition=models.Q(half__in=[1, 2]), name="efficacy_half_1_2"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年执法效能评估"

    @property
    def period(self) -> Any:
        from ..rules.efficacy import Period

        return Period(self.year, self.half)

    @property
    def interim(self) -> bool:
        """Built while the half-year was still running (期中数据): may be rebuilt, not published."""
        return bool(self.as_of <= self.period.end)

    @property
    def published(self) -> bool:
        return self.status == EvaluationStatus.PUBLISHED


class EfficacyRow(models.Model):
    """One agency's figures in an evaluation: ``parts`` = {figure key: [numerator, denominator]}
    (denominator null for counts); ``lagging`` = {figure key: [reasons]}; score and rank of the ranking."""

    evaluation = models.ForeignKey(EfficacyEvaluation, on_delete=models.CASCADE, related_name="rows")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    depth = models.PositiveSmallIntegerField("层级", default=0)
    parts = models.JSONField("各项指标分子分母", default=dict)
    lagging = models.JSONField("落后指标", default=dict, blank=True)
    score = models.DecimalField("综合得分", max_digits=5, decimal_places=1, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("排名", null=True, blank=True)

    class Meta:
        verbose_name = "执法效能评估明细"
        verbose_name_plural = "执法效能评估明细"
        ordering = ["evaluation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "agency"], name="uniq_efficacy_row_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.agency_id}"
