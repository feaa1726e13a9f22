"""公示 of decisions (spec §1.15): the agency's disclosure policy (data) and one ``Publication`` row per
time a decision was put on /public/. The row keeps the masked text that went public, who published it and,
once withdrawn, who, when and why — the page disappears, the record stays."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

# Default publication periods: the spec's local retention example (◐ Hebei district rule, spec §1.15):
# removed after 5 years for organisations, 2 years for natural persons. Credit display (spec §12, ◐
# Shenzhen implementation of 58号令): safety-production penalty information at least 1 year before a repair
# may end it, at most 3 years.
DEFAULT_UNIT_MONTHS = 60
DEFAULT_PERSON_MONTHS = 24
DEFAULT_CREDIT_DISPLAY_MONTHS = 36
DEFAULT_REPAIR_AFTER_MONTHS = 12


class DisclosurePolicy(models.Model):
    """Per agency: how long a published decision stays on /public/ and how long penalty information is shown
    as credit information (``DisclosurePolicy`` / ``CreditDisplayRule`` of spec §1.15, §12)."""

    agency = models.OneToOneField("core.Agency", on_delete=models.CASCADE, related_name="disclosure_policy")
    unit_months = models.PositiveSmallIntegerField("公示期限：单位/组织（月）", default=DEFAULT_UNIT_MONTHS)
    person_months = models.PositiveSmallIntegerField("公示期限：自然人（月）", default=DEFAULT_PERSON_MONTHS)
    credit_display_months = models.PositiveSmallIntegerField(
        "行政处罚信息信用公示期（月）", default=DEFAULT_CREDIT_DISPLAY_MONTHS
    )
    repair_after_months = models.PositiveSmallIntegerField(
        "最短公示期（满后可申请信用修复，月）", default=DEFAULT_REPAIR_AFTER_MONTHS
    )

    class Meta:
        verbose_name = "公示设置"
        verbose_name_plural = "公示设置"

    def __str__(self) -> str:
        return f"公示设置 {self.agency_id}"


class WithdrawalKind(models.TextChoices):
    MANUAL = "manual", "依申请/依职权撤回"
    PERIOD_END = "period_end", "公示期满"
    CREDIT_REPAIR = "credit_repair", "信用修复"
    DECISION_CHANGED = "decision_changed", "决定被变更、撤销或确认无效"


class PublicationQuerySet(models.QuerySet["Publication"]):
    def live(self) -> PublicationQuerySet:
        """On /public/ now: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def visible_to(self, user: Any) -> PublicationQuerySet:
        """Inside the system: as the decision's case is visible (the public pages use ``live`` only)."""
        from .case import case_scope_filter

        return self.filter(case_scope_filter(user, prefix="decision__case__"))


class Publication(models.Model):
    decision = models.ForeignKey("cases.CaseDecision", on_delete=models.PROTECT, related_name="publications")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("决定年度")
    # the public text (masked when published; the case keeps the original)
    title = models.CharField("公示标题", max_length=300)
    party = models.CharField("被处罚人（公示）", max_length=200)
    number = models.CharField("决定书文号", max_length=100, blank=True)
    facts = models.TextField("主要违法事实（公示）")
    basis = models.TextField("处罚依据", blank=True)
    penalty = models.TextField("处罚种类和数额")
    amount = models.BigIntegerField("公示时罚款金额（元）", default=0)
    agency_name = models.CharField("处罚机关", max_length=200)
    decided_on = models.DateField("处罚决定日期")
    published_on = models.DateField("公示日期")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="公示人"
    )
    ends_on = models.DateField("公示期满日")
    withdrawn_on = models.DateField("撤回日", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="撤回人（空为系统）",
    )
    withdrawal_kind = models.CharField("撤回类别", max_length=20, choices=WithdrawalKind.choices, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "处罚决定公示"
        verbose_name_plural = "处罚决定公示"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"], condition=Q(withdrawn_at__isnull=True), name="publication_live_once"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "year", "-id"], name="publication_agency_year"),
            models.Index(
                fields=["ends_on"], condition=Q(withdrawn_at__isnull=True), name="publication_live_end"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def live(self) -> bool:
        return self.withdrawn_at is None
