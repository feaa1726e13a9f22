"""Decisions of a case: one row per party the decision concerns (spec §4.3, "one decision per party"):
the case's party (the unit or the natural person) and, under 一案双罚, each responsible person fined.
A 不予行政处罚决定 is one row for the party. Service, publication, payment and remedies after the
decision are tracked per row (cases part 2); the row exists whether or not its PDF was rendered."""

from __future__ import annotations

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

    class Meta:
        verbose_name = "处罚决定"
        verbose_name_plural = "处罚决定"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["decided_on"], name="cases_decision_on_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.party_name}"
