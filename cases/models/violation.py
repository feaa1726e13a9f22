"""One violation of a case with the calculator's snapshot and the amounts proposed and decided."""

from __future__ import annotations

from django.db import models


class CaseViolation(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="violations")
    position = models.PositiveSmallIntegerField(default=1)
    violation_code = models.CharField("违法行为代码", max_length=60)
    violation_name = models.CharField("违法行为", max_length=300)
    enforcement_item_code = models.CharField("执法事项编码", max_length=60, blank=True)
    circumstances = models.JSONField("情节", default=list, blank=True)
    facts = models.JSONField("事实要素", default=dict, blank=True)
    stage = models.CharField("阶段", max_length=10, default="first")
    snapshot = models.JSONField("裁量计算快照", default=dict)
    # [{"subject", "person", "amount", "recommended", "min", "max", "statutory_min", "statutory_max"}]
    fines = models.JSONField("拟处罚款", default=list)
    notified_fines = models.JSONField("告知罚款", default=list, blank=True)
    decided_fines = models.JSONField("决定罚款", default=list, blank=True)
    other_measures = models.JSONField("其他处罚", default=list, blank=True)
    outside_reason = models.TextField("偏离推荐值的理由", blank=True)
    outside_recommendation = models.BooleanField("偏离推荐值", default=False)

    class Meta:
        verbose_name = "违法行为"
        verbose_name_plural = "违法行为"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["violation_code"], name="case_violation_code")]

    def __str__(self) -> str:
        return f"{self.violation_code} {self.violation_name}"

    @property
    def total(self) -> int:
        return sum(int(f["amount"]) for f in (self.decided_fines or self.fines))
