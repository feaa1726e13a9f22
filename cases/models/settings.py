"""Per-agency case settings (data, not code): the order of 告知 and 法制审核, the defence window, the
hearing thresholds per party type (spec §1.11, ◐ 15号令 practice) and the legal-review period."""

from __future__ import annotations

from django.db import models

DEFAULT_HEARING_UNIT = 50_000
DEFAULT_HEARING_PERSON = 20_000


class CaseSettings(models.Model):
    agency = models.OneToOneField("core.Agency", on_delete=models.CASCADE, related_name="case_settings")
    review_before_notice = models.BooleanField(
        "先法制审核后告知", default=False, help_text="不选则先告知、听证，后法制审核（听证后须审核）"
    )
    defence_days = models.PositiveSmallIntegerField("陈述申辩期限（工作日）", default=3)
    review_days = models.PositiveSmallIntegerField("法制审核期限（工作日）", default=10)
    hearing_threshold_unit = models.PositiveIntegerField(
        "较大数额罚款：单位（元，含）", default=DEFAULT_HEARING_UNIT
    )
    hearing_threshold_person = models.PositiveIntegerField(
        "较大数额罚款：个人（元，含）", default=DEFAULT_HEARING_PERSON
    )
    summary_filing_days = models.PositiveSmallIntegerField(
        "当场处罚备案期限（日）", default=5, help_text="行政处罚法第五十二条：当场处罚决定报所属机关备案"
    )
    payment_bank = models.CharField("罚没款缴款银行", max_length=100, blank=True, default="")
    payment_account_name = models.CharField("收款户名", max_length=100, blank=True, default="")
    payment_account = models.CharField("收款账号", max_length=50, blank=True, default="")
    payment_online = models.CharField(
        "电子缴款方式", max_length=200, blank=True, default="可通过“江苏省非税收入电子缴款平台”缴纳"
    )

    class Meta:
        verbose_name = "办案设置"
        verbose_name_plural = "办案设置"

    def __str__(self) -> str:
        return f"办案设置 {self.agency_id}"
