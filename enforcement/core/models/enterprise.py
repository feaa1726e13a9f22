"""生产经营单位 — the regulated units."""

from __future__ import annotations

from django.db import models


class Sector(models.TextChoices):
    HAZARDOUS_CHEMICALS = "hazchem", "危险化学品"
    FIREWORKS = "fireworks", "烟花爆竹"
    MINING = "mining", "矿山"
    METALLURGY = "metallurgy", "冶金"
    NONFERROUS = "nonferrous", "有色"
    BUILDING_MATERIALS = "building_materials", "建材"
    MACHINERY = "machinery", "机械"
    LIGHT_INDUSTRY = "light_industry", "轻工"
    TEXTILES = "textiles", "纺织"
    TOBACCO = "tobacco", "烟草"
    TRADE = "trade", "商贸"
    OTHER = "other", "其他"


class Scale(models.TextChoices):
    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


class RiskClass(models.TextChoices):
    MAJOR = "major", "重大风险"
    HIGH = "high", "较大风险"
    GENERAL = "general", "一般风险"
    LOW = "low", "低风险"


class StandardizationLevel(models.TextChoices):
    NONE = "none", "未达标"
    LEVEL1 = "level1", "一级"
    LEVEL2 = "level2", "二级"
    LEVEL3 = "level3", "三级"
    SMALL = "small", "小微企业达标"


class CreditStatus(models.TextChoices):
    NORMAL = "normal", "正常"
    WATCH = "watch", "重点关注"
    DISHONEST = "dishonest", "严重失信"


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def visible_to(self, user: object) -> EnterpriseQuerySet:
        from ..access import agency_scope_filter

        return self.filter(agency_scope_filter(user, "agency"))


class Enterprise(models.Model):
    """生产经营单位: a regulated unit, identified by its 统一社会信用代码."""

    name = models.CharField("单位名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    sector = models.CharField("行业", max_length=20, choices=Sector.choices, default=Sector.OTHER)
    scale = models.CharField("规模", max_length=10, choices=Scale.choices, default=Scale.SMALL)
    address = models.CharField("地址", max_length=200, blank=True)
    region_code = models.CharField("所在区划代码", max_length=12, blank=True)
    agency = models.ForeignKey(
        "core.Agency", verbose_name="监管机构", on_delete=models.PROTECT, related_name="enterprises"
    )
    risk_class = models.CharField(
        "风险等级", max_length=10, choices=RiskClass.choices, default=RiskClass.GENERAL
    )
    is_key = models.BooleanField("重点检查企业", default=False)
    standardization_level = models.CharField(
        "安全生产标准化等级",
        max_length=10,
        choices=StandardizationLevel.choices,
        default=StandardizationLevel.NONE,
    )
    credit_status = models.CharField(
        "信用状况", max_length=10, choices=CreditStatus.choices, default=CreditStatus.NORMAL
    )
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    main_person = models.CharField("主要负责人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    employees = models.PositiveIntegerField("从业人员数", null=True, blank=True)
    is_active = models.BooleanField("在营", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = "生产经营单位"
        verbose_name_plural = "生产经营单位"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["agency", "id"]),
            models.Index(fields=["sector"]),
            models.Index(fields=["risk_class"]),
        ]

    def __str__(self) -> str:
        return self.name
