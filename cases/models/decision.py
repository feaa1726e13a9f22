"""Decisions of a case: one row per party the decision concerns (spec §4.3, "one decision per party"):
the case's party (the unit or the natural person) and, under 一案双罚, each responsible person fined.
A 不予行政处罚决定 is one row for the party. Service, publication, payment and remedies after the
decision are tracked per row (cases part 2); the row exists whether or not its PDF was rendered."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DecisionKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚决定"
    NO_PENALTY = "no_penalty", "不予行政处罚决定"


class DecisionParty(models.TextChoices):
    PARTY = "party", "当事人"
    PERSON = "person", "责任人员（一案双罚）"


class CaseDecision(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField("决定类型", max_length=12, choices=DecisionKind.choices)
    party_role = models.CharField("被处罚人类别", max_length=8, choices=DecisionParty.choices)
    party_name = models.CharField("被处罚人", max_length=200)
    amount = models.BigIntegerField("罚款金额（元）", default=0)
    measures = models.JSONField("其他处罚", default=list, blank=True)
    decided_on = models.DateField("决定日")
    document = models.OneToOneField(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_decision",
        verbose_name="决定书",
    )
    number = models.CharField("决定书文号", max_length=100, blank=True)
    # after the decision (cases part 2): the day service counts (spec §1.12) starts the payment period and
    # the remedy windows; a remedy outcome may vary the amount or end the decision (revoked / voided).
    served_on = models.DateField("送达日（送达生效之日）", null=True, blank=True)
    original_amount = models.BigIntegerField("原决定罚款金额（元）", null=True, blank=True)
    ended_on = models.DateField("撤销/确认无效日", null=True, blank=True)
    ended_reason = models.CharField("撤销/确认无效理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "处罚决定"
        verbose_name_plural = "处罚决定"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["decided_on"], name="cases_decision_on_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.party_name}"

    @property
    def in_force(self) -> bool:
        return self.ended_on is None


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class RemedyOutcome(models.TextChoices):
    PENDING = "", "审理中"
    UPHELD = "upheld", "维持"
    VARIED = "varied", "变更"
    REVOKED = "revoked", "撤销"
    REVOKED_REDO = "revoked_redo", "撤销并责令重新作出"
    ILLEGAL = "illegal", "确认违法"
    VOID = "void", "确认无效"
    SETTLED = "settled", "调解/和解结案"
    WITHDRAWN = "withdrawn", "申请人撤回"


class CaseRemedy(models.Model):
    """A party's 行政复议 or 行政诉讼 against one decision (spec §1.16). While it runs the late-payment
    surcharge is not counted (行政处罚法 Art 73 ¶3): from ``received_on`` to ``outcome_on``."""

    decision = models.ForeignKey(CaseDecision, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField("救济类型", max_length=16, choices=RemedyKind.choices)
    body = models.CharField("复议机关/人民法院", max_length=200, blank=True)
    received_on = models.DateField("收到申请书/起诉状副本日")
    answer_due = models.DateField("答复/答辩期限", null=True, blank=True)
    answered_on = models.DateField("提交答复/答辩日", null=True, blank=True)
    outcome = models.CharField("结果", max_length=16, choices=RemedyOutcome.choices, blank=True)
    outcome_on = models.DateField("结果作出日", null=True, blank=True)
    new_amount = models.BigIntegerField("变更后罚款金额（元）", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "行政复议/诉讼"
        verbose_name_plural = "行政复议/诉讼"
        ordering = ["decision_id", "received_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_id}"
