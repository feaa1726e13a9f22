"""执法证 (enforcement certificate), its event history and its annual reviews (年审)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import CURRENT_STATUSES, CertificateAction, CertificateStatus, ReviewResult


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def visible_to(self, user: Any) -> CertificateQuerySet:
        from ..permissions import personal_record_filter

        return self.filter(personal_record_filter(user, holder_field="holder"))

    def current(self) -> CertificateQuerySet:
        return self.filter(status__in=CURRENT_STATUSES)

    def valid_on(self, on: dt.date) -> CertificateQuerySet:
        """Issued, not suspended, and ``on`` within [issued_on, expires_on] (the expiry day is still valid)."""
        return self.filter(Certificate.valid_q(on))

    def expiring_between(self, start: dt.date, end: dt.date) -> CertificateQuerySet:
        return self.filter(status=CertificateStatus.ISSUED, expires_on__gte=start, expires_on__lte=end)


class Certificate(models.Model):
    """执法证: 申领 → 核发 → 年审 → 换发 / 暂扣 / 收回 / 注销 (spec §9.1).

    The stored ``status`` never says "expired": a certificate is expired on a date after ``expires_on``.
    Changes go through ``training.services.certificates`` only; each writes a ``CertificateEvent`` and an
    ``AuditEvent``.
    """

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name="持证人"
    )
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="申领机构"
    )
    number = models.CharField("证号", max_length=40, unique=True, null=True, blank=True)
    issuing_authority = models.CharField("发证机关", max_length=100, blank=True)
    areas = models.CharField("执法区域", max_length=200, blank=True)
    categories = models.CharField("执法类别", max_length=200, blank=True, default="安全生产")
    status = models.CharField(
        "状态", max_length=12, choices=CertificateStatus.choices, default=CertificateStatus.APPLIED
    )
    applied_on = models.DateField("申领日期")
    issued_on = models.DateField("发证日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    exam = models.ForeignKey(
        "training.TrainingRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="执法资格考试记录",
    )
    suspended_from = models.DateField("暂扣起始", null=True, blank=True)
    suspended_until = models.DateField("暂扣期限至", null=True, blank=True)
    status_reason = models.CharField("状态原因", max_length=300, blank=True)
    status_changed_on = models.DateField("状态变更日期", null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="换发前证件",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "执法证"
        verbose_name_plural = "执法证"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["holder", "status"]),
            models.Index(fields=["agency", "status", "expires_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["holder"],
                condition=Q(status__in=["applied", "issued", "suspended"]),
                name="certificate_one_current_per_holder",
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expiry_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"执法证 {self.number or '（申领中）'}"

    def get_absolute_url(self) -> str:
        """The holder's record (certificate history and actions); reminders link here."""
        from django.urls import reverse

        return reverse("training:officer_detail", args=[self.holder_id])

    @staticmethod
    def valid_q(on: dt.date, prefix: str = "") -> Q:
        return Q(
            **{
                f"{prefix}status": CertificateStatus.ISSUED,
                f"{prefix}issued_on__lte": on,
                f"{prefix}expires_on__gte": on,
            }
        )

    def is_expired(self, on: dt.date) -> bool:
        return self.expires_on is not None and on > self.expires_on

    def display_status(self, on: dt.date) -> str:
        """Status label for a date: "已过期" is derived, never stored."""
        if self.status == CertificateStatus.ISSUED and self.is_expired(on):
            return "已过期"
        return str(self.get_status_display())


class CertificateEvent(models.Model):
    """One step in a certificate's history (the timeline on the officer page)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20, choices=CertificateAction.choices)
    from_status = models.CharField("原状态", max_length=12, blank=True)
    to_status = models.CharField("新状态", max_length=12)
    on_date = models.DateField("日期")
    reason = models.CharField("原因/说明", max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "执法证变更记录"
        verbose_name_plural = "执法证变更记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.get_action_display()} {self.on_date}"


class AnnualReview(models.Model):
    """年审 of one certificate for one calendar year, with its result."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="annual_reviews")
    year = models.PositiveSmallIntegerField("审验年度")
    result = models.CharField("结论", max_length=10, choices=ReviewResult.choices)
    reviewed_on = models.DateField("审验日期")
    remarks = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "年审记录"
        verbose_name_plural = "年审记录"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="annual_review_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度年审 {self.get_result_display()}"
