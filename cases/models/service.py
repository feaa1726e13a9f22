"""送达 records (spec §1.12): one row per document served — a decision of one party, the 行政处罚告知书, or
another issued 文书 of the case — with the method, the act's date, the recipient, what the method needs
(witnesses for 留置, the postal receipt date, the party's prior consent for electronic service, the
publication for 公告送达), the 送达回执 as evidence, and the day service counts (``effective_on``,
computed by ``cases.rules.service.effective_date``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ServiceMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class ServedKind(models.TextChoices):
    DECISION = "decision", "处罚决定书"
    NOTICE = "notice", "行政处罚告知书"
    OTHER = "other", "其他文书"


class CaseService(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="services")
    served_kind = models.CharField("送达文书类别", max_length=10, choices=ServedKind.choices)
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_services",
        verbose_name="文书",
    )
    decision = models.ForeignKey(
        "cases.CaseDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name="处罚决定",
    )
    method = models.CharField("送达方式", max_length=16, choices=ServiceMethod.choices)
    served_date = models.DateField("送达日期（交付、留置、交邮、发送或公告之日）")
    recipient = models.CharField("受送达人/签收人", max_length=100)
    recipient_relation = models.CharField("签收人身份", max_length=50, blank=True)
    place = models.CharField("送达地点", max_length=200, blank=True)
    witnesses = models.JSONField("见证人（留置送达）", default=list, blank=True)
    refusal_note = models.CharField("拒收情况（留置送达）", max_length=300, blank=True)
    receipt_date = models.DateField("邮件回执签收日", null=True, blank=True)
    tracking_number = models.CharField("邮件号", max_length=50, blank=True)
    consent_ref = models.CharField("送达地址确认书（电子送达同意）", max_length=200, blank=True)
    consent_on = models.DateField("同意电子送达日", null=True, blank=True)
    electronic_address = models.CharField("电子送达地址", max_length=200, blank=True)
    arrived_on = models.DateField("到达受送达人特定系统日", null=True, blank=True)
    entrusted_to = models.CharField("受托送达机关", max_length=200, blank=True)
    published_on = models.DateField("公告发布日", null=True, blank=True)
    publication_medium = models.CharField("公告载体", max_length=200, blank=True)
    public_notice_reason = models.CharField("公告送达理由", max_length=300, blank=True)
    receipt = models.ForeignKey(
        "cases.CaseEvidence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="送达回执",
    )
    effective_on = models.DateField("送达生效日")
    basis = models.CharField("送达生效日依据", max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"
        ordering = ["case_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision"], name="case_service_decision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.recipient} {self.effective_on}"
