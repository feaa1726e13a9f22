"""情节 (circumstances), 首违不罚 lists and the 法制审核 criteria used by the calculator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from ..choices import (
    CircumstanceKind,
    Jurisdiction,
    MeasureKind,
    ReviewCriterionKind,
    SubjectGroup,
    Verification,
)
from .versions import BenchmarkVersion, version_scope_filter


def _in_force(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


class CircumstanceQuerySet(models.QuerySet["Circumstance"]):
    def visible_to(self, user: Any) -> CircumstanceQuerySet:
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(version__isnull=True) | version_scope_filter(user, "version__"))


class Circumstance(models.Model):
    """情节: a statutory (行政处罚法 Art 30–33, version NULL) or benchmark-specific circumstance."""

    version = models.ForeignKey(
        BenchmarkVersion,
        verbose_name="基准版本",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="circumstances",
        help_text="为空表示法定情节，适用于所有版本",
    )
    code = models.CharField("情节编码", max_length=40)
    name = models.CharField("情节", max_length=300)
    kind = models.CharField("效果", max_length=12, choices=CircumstanceKind.choices)
    statutory = models.BooleanField("法定情节", default=False)
    mandatory = models.BooleanField("应当适用", default=True, help_text="否则为“可以”")
    article = models.CharField("依据", max_length=200)
    verification = models.CharField("核实标记", max_length=2, choices=Verification.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = CircumstanceQuerySet.as_manager()

    class Meta:
        verbose_name = "裁量情节"
        verbose_name_plural = "裁量情节"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("version", Value(0)), "code", name="discretion_circumstance_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class FirstOffenceListQuerySet(models.QuerySet["FirstOffenceList"]):
    def in_force(self, on: dt.date) -> FirstOffenceListQuerySet:
        return self.filter(_in_force(on))


class FirstOffenceList(models.Model):
    """首违不罚清单 (行政处罚法 Art 33 ¶1 second sentence) with its own effective period and conditions."""

    code = models.CharField("清单编码", max_length=40, unique=True)
    name = models.CharField("清单名称", max_length=200)
    issuing_authority = models.CharField("制定机关", max_length=100)
    jurisdiction = models.CharField("适用层级", max_length=10, choices=Jurisdiction.choices)
    region = models.CharField("适用地区", max_length=50)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    conditions = models.JSONField("适用条件（结构化）", default=list)
    conditions_text = models.TextField("适用条件")
    verification = models.CharField("核实标记", max_length=2, choices=Verification.choices)
    basis_note = models.TextField("核实说明", blank=True)

    objects = FirstOffenceListQuerySet.as_manager()

    class Meta:
        verbose_name = "首违不罚清单"
        verbose_name_plural = "首违不罚清单"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class FirstOffenceEntry(models.Model):
    """One item of a 首违不罚 list, linked to catalogue violations by code, with its scope limits."""

    offence_list = models.ForeignKey(FirstOffenceList, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveSmallIntegerField("序号")
    description = models.CharField("违法行为", max_length=300)
    violation_codes = models.JSONField("对应违法行为编码", default=list, blank=True)
    scope_conditions = models.JSONField("范围限制（结构化）", default=list, blank=True)
    scope_text = models.CharField("范围限制", max_length=200, blank=True)
    verification = models.CharField("核实标记", max_length=2, choices=Verification.choices)

    class Meta:
        verbose_name = "首违不罚事项"
        verbose_name_plural = "首违不罚事项"
        ordering = ["offence_list", "number"]
        constraints = [
            models.UniqueConstraint(fields=["offence_list", "number"], name="discretion_first_offence_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description}"


class ReviewCriterionQuerySet(models.QuerySet["ReviewCriterion"]):
    def in_force(self, on: dt.date) -> ReviewCriterionQuerySet:
        return self.filter(_in_force(on))


class ReviewCriterion(models.Model):
    """重大执法决定 criterion (spec §7, §1.11): when a proposed penalty needs 法制审核, 集体讨论 or a hearing.

    Thresholds are data because they are set per jurisdiction (◐ 应急 practice: 较大数额 = individual
    ≥ 20,000 / unit ≥ 50,000, inclusive).
    """

    code = models.CharField("编码", max_length=40, unique=True)
    name = models.CharField("情形", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=ReviewCriterionKind.choices)
    subject_group = models.CharField(
        "对象", max_length=10, choices=SubjectGroup.choices, blank=True, help_text="仅用于较大数额罚款"
    )
    threshold = models.BigIntegerField("数额（含本数，元）", null=True, blank=True)
    measure_kind = models.CharField("处罚种类", max_length=20, choices=MeasureKind.choices, blank=True)
    legal_review = models.BooleanField("需法制审核", default=True)
    collective_discussion = models.BooleanField("需集体讨论", default=False)
    hearing = models.BooleanField("应告知听证权利", default=False)
    basis = models.CharField("依据", max_length=300)
    jurisdiction = models.CharField("适用层级", max_length=10, choices=Jurisdiction.choices)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    verification = models.CharField("核实标记", max_length=2, choices=Verification.choices)

    objects = ReviewCriterionQuerySet.as_manager()

    class Meta:
        verbose_name = "法制审核情形"
        verbose_name_plural = "法制审核情形"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
