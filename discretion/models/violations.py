"""违法行为 with their statutory ranges, tiers (裁量阶次) and other measures."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from ..choices import MeasureKind, Stage, Subject, Verification
from .versions import BenchmarkVersion, version_scope_filter


class ViolationQuerySet(models.QuerySet["Violation"]):
    def visible_to(self, user: Any) -> ViolationQuerySet:
        return self.filter(version_scope_filter(user, "version__"))

    def with_details(self) -> ViolationQuerySet:
        return self.select_related("version", "enforcement_item").prefetch_related(
            "statutory_ranges", "measures", "tiers__ranges"
        )


class Violation(models.Model):
    """违法行为: one catalogued violation of one benchmark version.

    One row per (law, article, paragraph, item) of the penalty basis (处罚依据, CONTRACT.md).
    ``act_code`` groups rows describing the same conduct under successive laws (e.g. 危险化学品安全
    管理条例 until 2026-04-30 and 危险化学品安全法 from 2026-05-01); the calculator compares them under
    从旧兼从轻 (行政处罚法 Art 37). ``law_effective_from``/``law_effective_to`` bound the period in
    which the penalty provision applies to acts.
    """

    version = models.ForeignKey(
        BenchmarkVersion, verbose_name="基准版本", on_delete=models.CASCADE, related_name="violations"
    )
    code = models.CharField("违法行为编码", max_length=40)
    act_code = models.CharField(
        "行为编码", max_length=40, help_text="同一违法行为在新旧法律下的各行共用此编码；默认同违法行为编码"
    )
    name = models.CharField("违法行为", max_length=500)
    law = models.CharField(
        "法律法规简称", max_length=60, help_text="不含《》和“中华人民共和国”，如“安全生产法”"
    )
    law_full_name = models.CharField("法律法规全称", max_length=100)
    article = models.PositiveSmallIntegerField("条")
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)
    violated_provision = models.CharField("违法条款（法律规定）", max_length=300)
    penalty_text = models.TextField("处罚依据条文摘要", blank=True)
    enforcement_item = models.ForeignKey(
        "core.EnforcementItem",
        verbose_name="执法事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="violations",
    )
    keywords = models.CharField("关键词", max_length=300, blank=True, help_text="以空格或逗号分隔")
    law_effective_from = models.DateField("罚则施行日期", null=True, blank=True)
    law_effective_to = models.DateField("罚则失效日期", null=True, blank=True)
    verification = models.CharField("核实标记", max_length=2, choices=Verification.choices)
    basis_note = models.TextField("核实说明", blank=True)
    order = models.PositiveIntegerField("排序", default=0)
    search_text = models.TextField(editable=False, default="")

    objects = ViolationQuerySet.as_manager()

    class Meta:
        verbose_name = "违法行为"
        verbose_name_plural = "违法行为"
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="discretion_violation_code_unique"),
            # NULL paragraph/item count as "absent" and must not repeat (portable to SQLite).
            models.UniqueConstraint(
                "version",
                "law",
                "article",
                Coalesce("paragraph", 0),
                Coalesce("item", 0),
                name="discretion_violation_provision_unique",
            ),
            models.CheckConstraint(
                condition=Q(law_effective_to__isnull=True)
                | Q(law_effective_from__isnull=True)
                | Q(law_effective_to__gte=models.F("law_effective_from")),
                name="discretion_violation_law_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["law", "article", "paragraph", "item"], name="discretion_viol_provision"),
            models.Index(fields=["version", "act_code"], name="discretion_viol_act"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def provision_label(self) -> str:
        from ..rules.numerals import provision_label

        return provision_label(self.law_full_name, self.article, self.paragraph, self.item)


class StatutoryRange(models.Model):
    """法定处罚幅度 for one subject and stage, exactly as the statute writes it.

    ``min_amount``/``max_amount`` are NULL where the law sets no money bound ("五万元以下" has no
    minimum). Income-based fines (安全生产法 Art 95) set ``income_share_*``; gains-based fines
    (Art 103) set ``gains_multiple_*``. ``conditions`` (structured facts) select between alternative
    rows, e.g. illegal gains ≥ 100,000 or not.
    """

    violation = models.ForeignKey(Violation, on_delete=models.CASCADE, related_name="statutory_ranges")
    subject = models.CharField("处罚对象", max_length=20, choices=Subject.choices)
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices, default=Stage.FIRST)
    min_amount = models.BigIntegerField("最低罚款（元）", null=True, blank=True)
    max_amount = models.BigIntegerField("最高罚款（元）", null=True, blank=True)
    income_share_min = models.DecimalField(
        "上一年年收入比例下限", max_digits=5, decimal_places=4, null=True, blank=True
    )
    income_share_max = models.DecimalField(
        "上一年年收入比例上限", max_digits=5, decimal_places=4, null=True, blank=True
    )
    gains_multiple_min = models.DecimalField(
        "违法所得倍数下限", max_digits=6, decimal_places=2, null=True, blank=True
    )
    gains_multiple_max = models.DecimalField(
        "违法所得倍数上限", max_digits=6, decimal_places=2, null=True, blank=True
    )
    conditions = models.JSONField("适用条件", default=list, blank=True)
    basis = models.CharField("条文表述", max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "法定处罚幅度"
        verbose_name_plural = "法定处罚幅度"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(max_amount__gte=models.F("min_amount")),
                name="discretion_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True) | Q(min_amount__gte=0),
                name="discretion_range_min_nonneg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.get_stage_display()} {self.basis}"


class Tier(models.Model):
    """裁量阶次 of one violation: applicability conditions (structured facts) and ranges per subject/stage."""

    violation = models.ForeignKey(Violation, on_delete=models.CASCADE, related_name="tiers")
    code = models.CharField("阶次编码", max_length=20)
    name = models.CharField("阶次名称", max_length=100)
    conditions = models.JSONField("适用条件", default=list, blank=True)
    conditions_text = models.CharField("适用条件说明", max_length=300, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    verification = models.CharField(
        "核实标记", max_length=2, choices=Verification.choices, default=Verification.SECONDARY
    )
    note = models.TextField("备注", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["violation", "code"], name="discretion_tier_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TierRange(models.Model):
    """Amount band of a tier for one subject and stage; bounds inclusive or not (spec §2.3)."""

    tier = models.ForeignKey(Tier, on_delete=models.CASCADE, related_name="ranges")
    subject = models.CharField("处罚对象", max_length=20, choices=Subject.choices)
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices, default=Stage.FIRST)
    min_amount = models.BigIntegerField("下限（元）", null=True, blank=True)
    max_amount = models.BigIntegerField("上限（元）", null=True, blank=True)
    lower_inclusive = models.BooleanField("含下限", default=True)
    upper_inclusive = models.BooleanField("含上限", default=True)

    class Meta:
        verbose_name = "阶次幅度"
        verbose_name_plural = "阶次幅度"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(max_amount__gte=models.F("min_amount")),
                name="discretion_tier_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.stage} {self.min_amount}–{self.max_amount}"


class OtherMeasure(models.Model):
    """Penalties other than a fine (责令停产停业整顿, 吊销, 关闭 …) for one stage, optionally conditional."""

    violation = models.ForeignKey(Violation, on_delete=models.CASCADE, related_name="measures")
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices, default=Stage.FIRST)
    kind = models.CharField("种类", max_length=20, choices=MeasureKind.choices)
    text = models.CharField("表述", max_length=200)
    conditions = models.JSONField("适用条件", default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "其他处罚措施"
        verbose_name_plural = "其他处罚措施"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text
