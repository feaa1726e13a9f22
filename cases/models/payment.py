"""Payment and execution of a decision (spec §1.14): payments received, 延期/分期 applications and their
approval, and the execution steps (催告书 served, application to the court), each per decision. The payment
status is derived from these rows (``cases.services.payment_ledger``), never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CasePayment(models.Model):
    """A payment received against one decision (罚缴分离: the bank's receipt, Art 67). ``amount`` is the fine
    paid (whole yuan); ``surcharge`` the 加处罚款 paid with it, recorded separately (yuan and fen)."""

    decision = models.ForeignKey("cases.CaseDecision", on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("缴款日")
    amount = models.BigIntegerField("缴纳罚款（元）")
    surcharge = models.DecimalField("缴纳加处罚款（元）", max_digits=14, decimal_places=2, default=0)
    note = models.CharField("说明（票据号等）", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "缴款记录"
        verbose_name_plural = "缴款记录"
        ordering = ["decision_id", "paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cases_payment_amount_ge_0")
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.paid_on} {self.amount}"


class DeferralKind(models.TextChoices):
    DEFER = "defer", "延期缴纳"
    INSTALMENTS = "instalments", "分期缴纳"


class DeferralStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"


class CaseDeferral(models.Model):
    """The party's application for 延期/分期 缴纳罚款 (行政处罚法 Art 66 ¶2) and the head's decision on it.
    ``schedule``: ``[{"due": "YYYY-MM-DD", "amount": int}]`` — asked for, then as approved."""

    decision = models.ForeignKey("cases.CaseDecision", on_delete=models.PROTECT, related_name="deferrals")
    kind = models.CharField("方式", max_length=12, choices=DeferralKind.choices)
    applied_on = models.DateField("申请日")
    reason = models.TextField("申请理由（经济困难情况）")
    requested = models.JSONField("申请的缴款计划", default=list)
    status = models.CharField(
        "状态", max_length=10, choices=DeferralStatus.choices, default=DeferralStatus.PENDING
    )
    schedule = models.JSONField("批准的缴款计划", default=list, blank=True)
    decided_on = models.DateField("审批日", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("审批意见", blank=True)
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="批准书",
    )

    class Meta:
        verbose_name = "延期（分期）缴纳罚款"
        verbose_name_plural = "延期（分期）缴纳罚款"
        ordering = ["decision_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_id}"


class ExecutionStepKind(models.TextChoices):
    DEMAND = "demand", "催告"
    COURT = "court", "申请人民法院强制执行"


class CaseExecutionStep(models.Model):
    """A 催告书 served (行政强制法 Art 35) or an application to the court (Art 53–55) for one decision, with the
    figures of the day (outstanding fine, surcharge accrued) as the document states them."""

    decision = models.ForeignKey(
        "cases.CaseDecision", on_delete=models.PROTECT, related_name="execution_steps"
    )
    kind = models.CharField("事项", max_length=8, choices=ExecutionStepKind.choices)
    on_date = models.DateField("送达/申请日")
    outstanding = models.BigIntegerField("未缴罚款（元）")
    surcharge = models.DecimalField("加处罚款（元）", max_digits=14, decimal_places=2, default=0)
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="文书",
    )
    court = models.CharField("受理法院", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "催告/强制执行申请"
        verbose_name_plural = "催告/强制执行申请"
        ordering = ["decision_id", "on_date", "id"]
        indexes = [models.Index(fields=["kind", "decision"], name="cases_exec_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_id}"


class PaymentDeadline(models.Model):
    """Which core deadline of the case belongs to which decision (a case with two parties has two payment
    periods), so a payment closes its own decision's deadline."""

    decision = models.ForeignKey("cases.CaseDecision", on_delete=models.PROTECT, related_name="+")
    deadline = models.OneToOneField("core.Deadline", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "缴款期限关联"
        verbose_name_plural = "缴款期限关联"

    def __str__(self) -> str:
        return f"{self.decision_id} → {self.deadline_id}"
