"""法制审核 rounds of a case (Art 58): who it was sent to, who took it, the outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CaseReview(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="case_reviews"
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField("送审日")
    taken_on = models.DateField("领取日", null=True, blank=True)
    completed_on = models.DateField("审核完成日", null=True, blank=True)
    outcome = models.CharField("审核结论", max_length=10, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    reasons = models.JSONField("送审理由", default=list, blank=True)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"法制审核 {self.case_id} #{self.pk}"
