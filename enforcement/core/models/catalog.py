"""执法事项目录 — the catalog of enforcement powers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
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

    @property
    def kind_label(self) -> str:
        return CHANGE_KIND_LABELS.get(self.change_kind, self.change_kind)

    def display_lines(self) -> list[str]:
        """The diff in Chinese, one line per field: "状态：有效 → 暂停" (choice codes become labels).

        A creation or an import of a new item lists only the values filled in, without the empty "from" side.
        """
        lines = []
        # jsonb keeps keys in its own order (shortest first); show them in the form's order, extras last.
        order = {f.name: i for i, f in enumerate(EnforcementItem._meta.get_fields())}
        for field, pair in sorted(self.diff.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
            old, new = (list(pair) + [None, None])[:2]
            label = _field_label(field)
            if old is None:
                if new not in (None, ""):
                    lines.append(f"{label}：{_value_label(field, new)}")
                continue
            lines.append(f"{label}：{_value_label(field, old)} → {_value_label(field, new)}")
        return lines


CHANGE_KIND_LABELS = {"created": "新增", "updated": "修改", "status": "状态变更", "imported": "导入"}
_CHOICE_FIELDS: dict[str, type[models.TextChoices]] = {
    "kind": ItemKind,
    "level": ItemLevel,
    "status": ItemStatus,
}


# Diff keys that are not fields of the item (the reason given for a status change).
_EXTRA_LABELS = {"reason": "原因"}


def _field_label(name: str) -> str:
    if name in _EXTRA_LABELS:
        return _EXTRA_LABELS[name]
    try:
        return str(getattr(EnforcementItem._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field removed since the change was logged keeps its stored name
        return name


def _value_label(field: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    choices = _CHOICE_FIELDS.get(field)
    if choices is not None and isinstance(value, str) and value in choices.values:
        return str(choices(value).label)
    return str(value)
