"""The 行政执法统计年报 (annual statistics report) as built: figures, narrative, PDF and XLSX with hashes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from enforcement.core import roles
from enforcement.core.access import NOTHING


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "未能完成"


class AnnualReportQuerySet(models.QuerySet["AnnualReport"]):
    def visible_to(self, user: Any) -> AnnualReportQuerySet:
        """Supervisors and heads see the reports of agencies in their subtree; superusers all; others none."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self
        if user.agency_id is None or not user.has_role(roles.SUPERVISOR, roles.HEAD):
            return self.filter(NOTHING)
        return self.filter(agency__path__startswith=user.agency.path)


class AnnualReport(models.Model):
    """One build of the 行政执法统计年报 of ``agency`` (rolled up over its subtree) for ``year``, from
    what was known on ``as_of``. Written only by ``supervision.services.report``."""

    year = models.PositiveSmallIntegerField("统计年度")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    as_of = models.DateField("数据截止日")
    status = models.CharField(
        "状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    step = models.PositiveSmallIntegerField("已完成步骤", default=0)
    steps = models.PositiveSmallIntegerField("步骤总数", default=4)
    figures = models.JSONField("统计数据", default=dict, blank=True)
    narrative = models.TextField("行政执法情况说明", blank=True)
    pdf = models.FileField("PDF", upload_to="reports/annual/", blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    xlsx = models.FileField("XLSX", upload_to="reports/annual/", blank=True)
    xlsx_sha256 = models.CharField("XLSX SHA-256", max_length=64, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = "行政执法统计年报"
        verbose_name_plural = "行政执法统计年报"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["agency", "year"], name="annual_report_agency_year")]

    def __str__(self) -> str:
        return f"{self.year}年度行政执法统计年报"

    @property
    def finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.status == ReportStatus.DONE else int(100 * self.step / max(self.steps, 1))

    @property
    def headline(self) -> dict[str, Any]:
        rows = self.figures.get("agencies") or []
        return rows[0]["total"] if rows else {}
