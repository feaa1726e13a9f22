"""整改通知: a submitted review's findings go back to the agency with a deadline; the agency answers
with evidence; the supervisor accepts or returns it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from ..choices import RectificationStatus
from .review import review_scope_filter


class RectificationQuerySet(models.QuerySet["Rectification"]):
    def visible_to(self, user: Any) -> RectificationQuerySet:
        """As the review is; plus the heads of the agency that must rectify (they answer)."""
        return self.filter(review_scope_filter(user, "review__"))


class Rectification(models.Model):
    review = models.OneToOneField(
        "supervision.CaseFileReview", on_delete=models.PROTECT, related_name="rectification"
    )
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="整改机构"
    )
    findings = models.TextField("需整改的问题")
    issued_on = models.DateField("通知日")
    due_date = models.DateField("整改期限")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    answer = models.TextField("整改情况", blank=True)
    answered_on = models.DateField("报送日", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("审核意见", blank=True)
    rounds = models.PositiveSmallIntegerField("报送次数", default=0)
    deadline = models.ForeignKey(
        "core.Deadline", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = "评查整改"
        verbose_name_plural = "评查整改"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"评查整改 {self.review_id}"


class RectificationEvidence(models.Model):
    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to="supervision/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
