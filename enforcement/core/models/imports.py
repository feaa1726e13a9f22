"""导入任务 — a spreadsheet import run by a Celery worker, with its progress and its report."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def visible_to(self, user: object) -> ImportJobQuerySet:
        """Whoever started the job sees it (its report names rows of their file); nobody else does."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(created_by_id=getattr(user, "pk", None))


class ImportJob(models.Model):
    """One import: the uploaded file (deleted when the job ends), how far the worker got, the report."""

    kind = models.CharField("导入类别", max_length=40)
    label = models.CharField("名称", max_length=100)
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("文件名", max_length=200)
    file = models.FileField(upload_to="imports/", blank=True)
    params = models.JSONField(default=dict, blank=True)
    ip_address = models.CharField(max_length=45, blank=True)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    done_rows = models.PositiveIntegerField("已处理行数", default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField("失败原因", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label}：{self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.done_rows * 100 // self.total_rows)
