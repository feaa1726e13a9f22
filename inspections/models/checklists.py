"""Per-sector checklist templates (each line cites its legal basis and, where one exists, the discretion
violation *code* it leads to — never an import of discretion) and the major-hazard judging standard items."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from enforcement.core.models.enterprise import Sector

from ..choices import StandardGroup


class HazardStandardItem(models.Model):
    """One item of a 重大事故隐患判定标准 (e.g. 工贸 应急管理部令第10号, 64 items in 3 groups)."""

    standard = models.CharField("判定标准", max_length=100)
    code = models.CharField("条款编号", max_length=30)  # e.g. 10号令-4(1)
    group = models.CharField("类别", max_length=12, choices=StandardGroup.choices)
    sector = models.CharField("适用行业/领域", max_length=40, blank=True)
    text = models.TextField("判定情形")
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("废止日期", null=True, blank=True)

    class Meta:
        verbose_name = "重大事故隐患判定标准条款"
        verbose_name_plural = "重大事故隐患判定标准条款"
        ordering = ["standard", "code"]
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="uniq_standard_item")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:30]}"


class ChecklistTemplate(models.Model):
    """检查表 for a sector or a special field (粉尘涉爆, 有限空间, 危化品…); shared data, visible to all."""

    code = models.CharField("编码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100)
    sector = models.CharField("行业", max_length=20, choices=Sector.choices, blank=True)
    field = models.CharField("专项领域", max_length=40, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "检查表模板"
        verbose_name_plural = "检查表模板"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ChecklistLine(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("检查依据", max_length=300)
    violation_code = models.CharField("对应违法行为编码", max_length=40, blank=True)
    standard_item = models.ForeignKey(
        HazardStandardItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="对应重大隐患条款",
    )

    class Meta:
        verbose_name = "检查表条目"
        verbose_name_plural = "检查表条目"
        ordering = ["template_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="uniq_checklist_line_order"),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="checklist_line_has_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"
