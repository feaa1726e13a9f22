"""Choice values of the discretion app (行政裁量权基准)."""

from __future__ import annotations

from django.db import models


class Jurisdiction(models.TextChoices):
    NATIONAL = "national", "全国"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    # Published elsewhere (another province) and kept for comparison; never used by the calculator.
    REFERENCE = "reference", "参考（不参与计算）"


class Subject(models.TextChoices):
    """Who a fine falls on (CONTRACT.md)."""

    UNIT = "unit", "生产经营单位"
    RESPONSIBLE_PERSON = "responsible_person", "直接负责的主管人员和其他直接责任人员"
    MAIN_PERSON = "main_person", "主要负责人"
    INDIVIDUAL = "individual", "个人"


class PartyType(models.TextChoices):
    """Who the case is against."""

    UNIT = "unit", "单位"
    INDIVIDUAL = "individual", "个人"


class Stage(models.TextChoices):
    FIRST = "first", "首次处罚"
    OVERDUE = "overdue", "逾期未改正（拒不改正）"


class CircumstanceKind(models.TextChoices):
    NO_PENALTY = "no_penalty", "不予处罚"
    LIGHTER = "lighter", "从轻处罚"
    REDUCED = "reduced", "减轻处罚"
    HEAVIER = "heavier", "从重处罚"


class MeasureKind(models.TextChoices):
    """Penalties other than fines (行政处罚法 Art 9) and the orders that go with them."""

    ORDER_CORRECTION = "order_correction", "责令改正（不属行政处罚）"
    WARNING = "warning", "警告"
    CONFISCATION = "confiscation", "没收违法所得、非法财物"
    SUSPENSION = "suspension", "暂扣、暂停许可证件或资格"
    PRODUCTION_HALT = "production_halt", "责令停产停业（整顿）、停止建设"
    REVOCATION = "revocation", "吊销许可证件、资格"
    CLOSURE = "closure", "关闭"
    OTHER = "other", "其他"


class Verification(models.TextChoices):
    """Verification marks of the domain spec §0."""

    # Labels are plain text: the marks have no glyph in the CJK fonts of PDFs and many bureau PCs.
    VERIFIED = "✅", "已核对原文"
    SECONDARY = "◐", "官方通知或两个独立来源"
    UNVERIFIED = "❓", "未核实"


class ReviewCriterionKind(models.TextChoices):
    FINE_AMOUNT = "fine_amount", "较大数额罚款"
    MEASURE = "measure", "特定处罚种类"
    REDUCTION = "reduction", "减轻处罚（低于法定最低限）"


class SubjectGroup(models.TextChoices):
    """Which fine subjects a 较大数额 threshold compares against."""

    UNIT = "unit", "单位"
    PERSON = "person", "个人（含主要负责人、直接责任人员）"
