"""评查标准: a versioned scoring standard (sections, items with points, veto items, grade bands).

A published version is immutable (services refuse edits); a review keeps the version it was scored with.
"""

from __future__ import annotations

from django.db import models

from ..choices import AutoCheck, RubricStatus


class Rubric(models.Model):
    code = models.CharField("标准编码", max_length=40)
    version = models.PositiveSmallIntegerField("版本", default=1)
    name = models.CharField("名称", max_length=200)
    status = models.CharField("状态", max_length=10, choices=RubricStatus.choices, default=RubricStatus.DRAFT)
    basis_note = models.TextField("依据说明", blank=True)
    excellent_min = models.PositiveSmallIntegerField("优秀分数线", default=90)
    pass_min = models.PositiveSmallIntegerField("合格分数线", default=60)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "评查标准"
        verbose_name_plural = "评查标准"
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="uniq_rubric_version")]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def is_published(self) -> bool:
        return self.status != RubricStatus.DRAFT


class RubricSection(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField("编码", max_length=20)
    name = models.CharField("名称", max_length=100)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    is_veto = models.BooleanField("否决项（基本标准）", default=False)

    class Meta:
        verbose_name = "评查标准部分"
        verbose_name_plural = "评查标准部分"
        ordering = ["rubric_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class RubricItem(models.Model):
    section = models.ForeignKey(RubricSection, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("编码", max_length=20)
    text = models.CharField("评查内容", max_length=300)
    points = models.PositiveSmallIntegerField("分值", default=0)
    is_veto = models.BooleanField("否决项", default=False)
    auto_check = models.CharField(
        "系统预判", max_length=20, choices=AutoCheck.choices, default=AutoCheck.NONE, blank=True
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "评查项目"
        verbose_name_plural = "评查项目"
        ordering = ["section__order", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"
