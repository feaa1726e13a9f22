"""The on-the-spot penalty of a summary case (简易程序, spec §1.13): what was decided where and when,
the cash collected on the spot and its hand-in (Art 68–71), and the 备案 with the agency (Art 52)."""

from __future__ import annotations

from django.db import models

from ..choices import SummaryPenalty


class SummaryDecision(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="summary_decision")
    penalty = models.CharField("处罚种类", max_length=10, choices=SummaryPenalty.choices)
    amount = models.PositiveIntegerField("罚款数额（元）", default=0)
    facts = models.TextField("违法事实")
    provision = models.CharField("违反的规定", max_length=300)
    basis = models.CharField("处罚依据", max_length=300)
    place = models.CharField("处罚地点", max_length=200)
    decided_at = models.DateTimeField("处罚时间")
    party_signed = models.BooleanField("当事人签收", default=True)
    refusal_note = models.CharField("拒绝签收情况", max_length=200, blank=True)
    document = models.ForeignKey(
        "core.Document", verbose_name="当场处罚决定书", null=True, blank=True, on_delete=models.PROTECT
    )
    # --- on-the-spot collection (Art 68–71) ---
    cash_collected = models.BooleanField("当场收缴罚款", default=False)
    cash_reason = models.CharField("当场收缴理由（事后难以执行）", max_length=300, blank=True)
    receipt_number = models.CharField("罚没款收据编号", max_length=60, blank=True)
    cash_handed_in_on = models.DateField("交至本机关日", null=True, blank=True)
    # --- filing back (备案, Art 52) ---
    filing_due = models.DateField("备案期限", null=True, blank=True)
    filed_back_on = models.DateField("备案日", null=True, blank=True)
    filed_back_note = models.CharField("备案说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "当场处罚决定"
        verbose_name_plural = "当场处罚决定"

    def __str__(self) -> str:
        return f"当场处罚 {self.case_id}"
