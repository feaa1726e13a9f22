"""Evidence measures with a legal clock: 先行登记保存 (行政处罚法 Art 56) and 查封/扣押 (行政强制法 Art 24–28).
Both are asked for by the handlers and approved by the head before they take effect; the approval opens the
deadline (7 working days / 30 days), the handling decision or the release closes it
(``cases.services.measures``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .records import RecordBase


class MeasureStatus(models.TextChoices):
    REQUESTED = "requested", "待负责人批准"
    REFUSED = "refused", "未批准"
    IN_FORCE = "in_force", "执行中"
    ENDED = "ended", "已处理/解除"


class MeasureBase(RecordBase):
    items = models.JSONField("物品清单", default=list)  # [{"name", "spec", "quantity", "batch"}]
    place = models.CharField("地点", max_length=200)
    reason = models.CharField("理由", max_length=300)
    status = models.CharField(
        "状态", max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.REQUESTED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_opinion = models.CharField("负责人意见", max_length=300, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    deadline = models.ForeignKey(
        "core.Deadline", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField("处理/解除日期", null=True, blank=True)
    end_document = models.ForeignKey(
        "core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(RecordBase.Meta):
        abstract = True


class PreservationHandling(models.TextChoices):
    RETURN = "return", "解除先行登记保存，退还当事人"
    SEIZE = "seize", "依法采取查封、扣押措施"
    TRANSFER = "transfer", "移送有关机关处理"
    CONFISCATE = "confiscate", "依法予以没收"
    APPRAISE = "appraise", "送交检验、检测、鉴定"


class Preservation(MeasureBase):
    """先行登记保存: the items, the head's approval, the 通知书; the handling decision within 7 working days."""

    handling = models.CharField("处理决定", max_length=12, choices=PreservationHandling.choices, blank=True)
    handling_note = models.CharField("处理说明", max_length=300, blank=True)

    class Meta(MeasureBase.Meta):
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"

    def __str__(self) -> str:
        return f"先行登记保存（{self.place}）"


class SeizureMeasure(models.TextChoices):
    SEAL = "seal", "查封"
    SEIZE = "seize", "扣押"


class Seizure(MeasureBase):
    """查封/扣押: items, the 决定书, the 30-day limit, one extension of ≤ 30 days by the head, the release."""

    measure = models.CharField("措施", max_length=8, choices=SeizureMeasure.choices)
    extension_days = models.PositiveSmallIntegerField("延长日数", default=0)
    extension_reason = models.CharField("延长理由", max_length=300, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extension_document = models.ForeignKey(
        "core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_reason = models.CharField("解除理由", max_length=300, blank=True)

    class Meta(MeasureBase.Meta):
        verbose_name = "查封扣押"
        verbose_name_plural = "查封扣押"

    def __str__(self) -> str:
        return f"{self.get_measure_display()}（{self.place}）"
