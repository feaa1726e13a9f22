"""执法事项目录 — the catalog of enforcement powers."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ItemKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COMPULSION = "compulsion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LICENSING = "licensing", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    PAYMENT = "payment", "行政给付"
    OTHER = "other", "其他"


class ItemStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂停"
    CANCELLED = "cancelled", "取消"


class ItemLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "县级"
    STREET = "street", "乡镇街道"
    ALL = "all", "省市县三级"


class EnforcementItemQuerySet(models.QuerySet["EnforcementItem"]):
    def visible_to(self, user: object) -> EnforcementItemQuerySet:
        """The catalog is reference data: every logged-in, active user reads all of it."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return self.none()
        return self.all()

    def published(self) -> EnforcementItemQuerySet:
        """What /public/ shows: items in force or suspended (cancelled items are kept out)."""
        return self.exclude(status=ItemStatus.CANCELLED)


class EnforcementItem(models.Model):
    """执法事项: one enforcement power in the catalog, with its legal basis."""

    code = models.CharField("事项编码", max_length=40, unique=True)
    name = models.CharField("事项名称", max_length=300)
    kind = models.CharField("事项类别", max_length=15, choices=ItemKind.choices)
    legal_basis = models.TextField("设定依据")
    level = models.CharField("行使层级", max_length=10, choices=ItemLevel.choices, default=ItemLevel.ALL)
    status = models.CharField("状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE)
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnforcementItemQuerySet.as_manager()

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项目录"
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EnforcementItemChange(models.Model):
    """Change history of a catalog item: who changed which fields from what to what."""

    item = models.ForeignKey(EnforcementItem, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    change_kind = models.CharField(max_length=20)  # created / updated / status / imported
    diff = models.JSONField(default=dict)  # {"field": [old, new]}

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.change_kind}"
