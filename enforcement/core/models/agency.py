"""执法机构 — the tree of enforcing bodies and the powers each holds."""

from __future__ import annotations

import datetime as dt

from django.db import models


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "区县级"
    STREET = "street", "乡镇街道"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def subtree_of(self, agency: Agency) -> AgencyQuerySet:
        return self.filter(path__startswith=agency.path)

    def visible_to(self, user: object) -> AgencyQuerySet:
        """Reference data: every logged-in, active user sees every agency; anonymous users none."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return self.none()
        return self.all()


class Agency(models.Model):
    """执法机构: an enforcing body. Tree 省 › 市 › 区县 › 乡镇街道, stored with a materialised path."""

    code = models.CharField(
        "区划代码", max_length=12, unique=True, help_text="GB/T 2260 六位代码；乡镇街道用9位统计用区划代码"
    )
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("文号简称", max_length=20, help_text="文书编号中的机关代字，如“宁”“浦”")
    level = models.CharField("层级", max_length=10, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    reconsideration_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="受理对本机构决定的行政复议申请的机关（行政复议法第24条，2024-01-01起为同级人民政府）",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    is_active = models.BooleanField("有效", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "执法机构"
        verbose_name_plural = "执法机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.pk:
            super().save(*args, **kwargs)  # type: ignore[arg-type]  # need a pk before the path
            kwargs = {k: v for k, v in kwargs.items() if k != "force_insert"}
        self.path = (self.parent.path if self.parent else "/") + f"{self.pk}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def is_within(self, other: Agency) -> bool:
        """True when self is other or below it."""
        return self.path.startswith(other.path)


class PowerSource(models.TextChoices):
    STATUTORY = "statutory", "法定职权"
    EMPOWERED = "empowered", "赋权"
    ENTRUSTED = "entrusted", "委托"


class AgencyPowerQuerySet(models.QuerySet["AgencyPower"]):
    def visible_to(self, user: object) -> AgencyPowerQuerySet:
        """Powers are reference data like the agencies: readable by every logged-in user."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return self.none()
        return self.all()

    def in_force(self, on: dt.date) -> AgencyPowerQuerySet:
        return self.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on), valid_from__lte=on)


class AgencyPower(models.Model):
    """An agency's power to act on one enforcement item, held by law, 赋权 or 委托, for a period."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="powers", verbose_name="机构")
    item = models.ForeignKey(
        "core.EnforcementItem", on_delete=models.CASCADE, related_name="powers", verbose_name="执法事项"
    )
    source = models.CharField("权力来源", max_length=12, choices=PowerSource.choices)
    entrusting_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_powers",
        verbose_name="委托机关",
    )
    basis_document = models.CharField("依据文件", max_length=200, blank=True)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)

    objects = AgencyPowerQuerySet.as_manager()

    class Meta:
        verbose_name = "机构执法权限"
        verbose_name_plural = "机构执法权限"
        indexes = [models.Index(fields=["agency", "item", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="agencypower_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.item} ({self.get_source_display()})"

    def covers(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
