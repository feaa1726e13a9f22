"""Spot-check campaigns (案卷评查 / 检查方案抽查): scope, sampling rule, and the stored draw record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from enforcement.core.access import NOTHING
from enforcement.core.models import AgencyLevel

from ..choices import DEFAULT_SAMPLE_STATUSES, CampaignKind, CampaignStatus


def _default_statuses() -> list[str]:
    return list(DEFAULT_SAMPLE_STATUSES)


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: Any) -> CampaignQuerySet:
        """Supervisors, heads and agency admins: campaigns organised in their subtree; superusers all."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self.all()
        if user.agency_id is None or not user.sees_subtree:
            return self.filter(NOTHING)
        return self.filter(Q(agency__path__startswith=user.agency.path))


class Campaign(models.Model):
    """A 评查 round: which agencies, which period and kind of files, how many, and the draw that chose them.

    The draw record (``seed``, the ordered ``pool`` snapshot, ``pool_hash`` and ``sample_hash``) lets anyone
    re-derive the sample (``services.campaigns.verify_campaign``)."""

    kind = models.CharField(
        "类别", max_length=12, choices=CampaignKind.choices, default=CampaignKind.CASE_FILES
    )
    name = models.CharField("名称", max_length=200)
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="组织机构"
    )
    agencies = models.ManyToManyField("core.Agency", related_name="+", verbose_name="被评查机构")
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    statuses = models.JSONField("案卷范围（案件状态）", default=_default_statuses)
    decision_kinds = models.JSONField("决定类型", default=list, blank=True)
    ratio = models.DecimalField("抽取比例（%）", max_digits=5, decimal_places=2, default=Decimal("30"))
    min_per_agency = models.PositiveSmallIntegerField("每个机构最少抽取数", default=1)
    rubric = models.ForeignKey(
        "supervision.Rubric", null=True, blank=True, on_delete=models.PROTECT, verbose_name="评查标准"
    )
    due_date = models.DateField("评查完成期限")
    status = models.CharField(
        "状态", max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    seed = models.CharField("随机种子", max_length=64, blank=True)
    pool = models.JSONField("抽取池快照", default=list, blank=True)
    pool_hash = models.CharField("抽取池哈希", max_length=64, blank=True)
    sample_hash = models.CharField("抽取结果哈希", max_length=64, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "评查活动"
        verbose_name_plural = "评查活动"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class AnnualQuota(models.Model):
    """Yearly minimum number of files an agency level reviews (seed 004 江西 2020 ◐ as local rules)."""

    level = models.CharField("层级", max_length=10, choices=AgencyLevel.choices, unique=True)
    files_per_year = models.PositiveIntegerField("每年最少评查案卷数")
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = "年度评查数量要求"
        verbose_name_plural = "年度评查数量要求"
        ordering = ["level"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ≥ {self.files_per_year}"
