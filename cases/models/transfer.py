"""A transfer (移送) of a case and its follow-up: one row per transfer, kept for 行刑衔接 supervision
(spec §11, 国务院令第310号): who it went to, when, the receipt, the police decision and what followed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import TransferOutcome, TransferTo


class CaseTransfer(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="transfers")
    to = models.CharField("移送对象", max_length=20, choices=TransferTo.choices)
    receiving_body = models.CharField("接收机关", max_length=200)
    reason = models.TextField("移送理由")
    from_status = models.CharField("移送前状态", max_length=30)
    transferred_on = models.DateField("移送日")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    reporting_officers = models.JSONField("移送报告人员", default=list)
    document = models.ForeignKey(
        "core.Document", verbose_name="移送书", null=True, blank=True, on_delete=models.PROTECT
    )
    evidence_count = models.PositiveIntegerField("随附证据数", default=0)
    received_on = models.DateField("接收日", null=True, blank=True)
    receipt_by = models.CharField("回执签收人", max_length=100, blank=True)
    outcome = models.CharField(
        "受理情况",
        max_length=10,
        choices=TransferOutcome.choices,
        default=TransferOutcome.PENDING,
        blank=True,
    )
    outcome_on = models.DateField("受理决定日", null=True, blank=True)
    outcome_reason = models.TextField("不予受理理由", blank=True)
    handed_over_on = models.DateField("移交涉案物品日", null=True, blank=True)
    follow_up = models.TextField("不予受理后的处理", blank=True)
    resumed_on = models.DateField("恢复办理日", null=True, blank=True)

    class Meta:
        verbose_name = "案件移送"
        verbose_name_plural = "案件移送（行刑衔接）"
        ordering = ["-transferred_on", "-id"]
        indexes = [models.Index(fields=["to", "transferred_on"], name="case_transfer_to_on")]

    def __str__(self) -> str:
        return f"移送 {self.case_id} → {self.receiving_body}"
