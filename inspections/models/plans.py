"""年度监督检查计划 (spec §3.2): the plan, its versions (each adjustment keeps the previous one), the
capacity inputs and quotas, and the yearly frequency caps per sector and class (data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from enforcement.core.models.enterprise import Sector

from ..choices import PlanStatus, QuotaKind
from .scoped import ByAgencyQuerySet, ByPlanAgencyQuerySet, ByVersionPlanAgencyQuerySet


class AnnualPlan(models.Model):
    """One agency's plan for one year. The figures live in its versions; ``current_version`` is the one in
    force (a new version per adjustment, the old ones kept)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    status = models.CharField("状态", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    current_version = models.ForeignKey(
        "inspections.AnnualPlanVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="现行版本",
    )
    approved_by = models.CharField("批准机关", max_length=100, blank=True)  # 同级人民政府
    approved_on = models.DateField("批准日期", null=True, blank=True)
    approval_ref = models.CharField("批准文号", max_length=100, blank=True)
    filed_with = models.CharField("备案机关", max_length=100, blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "年度监督检查计划"
        verbose_name_plural = "年度监督检查计划"
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="uniq_plan_agency_year")]

    def __str__(self) -> str:
        return self.title


class AnnualPlanVersion(models.Model):
    """The capacity inputs and planned numbers of one version (spec §3.2 work-day arithmetic)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    reason = models.TextField("调整理由", blank=True)  # required from version 2 on (the service checks)
    working_days = models.PositiveIntegerField("国家法定工作日")  # from the core calendar
    officers = models.PositiveIntegerField("执法人员数")
    other_enforcement_days = models.PositiveIntegerField("其他执法工作日", default=0)
    non_enforcement_days = models.PositiveIntegerField("非执法工作日", default=0)
    key_days = models.PositiveIntegerField("重点检查工作日", default=0)
    days_per_inspection = models.DecimalField("每次检查所需工作日", max_digits=5, decimal_places=2, default=2)
    planned_key = models.PositiveIntegerField("计划重点检查家次", default=0)
    planned_general = models.PositiveIntegerField("计划一般检查家次", default=0)
    publish_draws_within_days = models.PositiveIntegerField("抽查结果公示期限（日）", default=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByPlanAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "计划版本"
        verbose_name_plural = "计划版本"
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_version"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_version_from_1"),
            models.CheckConstraint(
                condition=Q(days_per_inspection__gt=0), name="plan_days_per_inspection_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"


class PlanQuota(models.Model):
    """A target of one version: key enterprises (全覆盖), 双随机 quotas by sector and class, campaigns."""

    version = models.ForeignKey(AnnualPlanVersion, on_delete=models.CASCADE, related_name="quotas")
    kind = models.CharField("类型", max_length=10, choices=QuotaKind.choices)
    sector = models.CharField("行业", max_length=20, choices=Sector.choices, blank=True)
    class_label = models.CharField("类别", max_length=30, blank=True)  # e.g. 标准化二级 / 守信
    ratio_percent = models.DecimalField(
        "抽查比例（%）", max_digits=5, decimal_places=2, null=True, blank=True
    )
    count = models.PositiveIntegerField("计划家次", default=0)
    month = models.PositiveSmallIntegerField("计划月份", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    objects = ByVersionPlanAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "计划指标"
        verbose_name_plural = "计划指标"
        ordering = ["version_id", "kind", "sector", "class_label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12), name="quota_month_1_12"
            ),
            models.CheckConstraint(
                condition=Q(ratio_percent__isnull=True) | Q(ratio_percent__gte=0, ratio_percent__lte=100),
                name="quota_ratio_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.count}"


class FrequencyCap(models.Model):
    """Yearly cap of enforcement inspections per enterprise (国办发〔2024〕54号; spec §3.2 table as data).
    ``jurisdiction`` is a region-code prefix ("14" = 山西; "" = everywhere); inspections by every level of
    the 应急 system on the same enterprise count towards it."""

    jurisdiction = models.CharField("适用区划代码前缀", max_length=12, blank=True)
    sector_group = models.CharField("行业类别", max_length=40)  # e.g. 危险化学品和金属冶炼 / 非高危行业
    sectors = models.JSONField("包含行业", default=list)  # Sector codes the group covers
    class_label = models.CharField("企业分类", max_length=30)  # e.g. 标准化一级 / A类
    max_per_year = models.PositiveSmallIntegerField("每年执法检查上限")
    basis = models.CharField("依据", max_length=200)
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)

    class Meta:
        verbose_name = "检查频次上限"
        verbose_name_plural = "检查频次上限"
        ordering = ["jurisdiction", "sector_group", "class_label"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "sector_group", "class_label", "effective_from"],
                name="uniq_frequency_cap",
            ),
            models.CheckConstraint(condition=Q(max_per_year__gte=1), name="cap_at_least_1"),
        ]

    def __str__(self) -> str:
        return f"{self.sector_group} {self.class_label} ≤{self.max_per_year}次/年"
