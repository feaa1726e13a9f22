"""全过程记录 — the append-only, hash-chained audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user: object) -> AuditEventQuerySet:
        from ..access import audit_scope_filter

        return self.filter(audit_scope_filter(user))


class AuditEvent(models.Model):
    """One recorded act. Append-only: each row stores the previous row's hash and its own."""

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=100, blank=True)
    action = models.CharField(max_length=60)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    agency_id_ref = models.BigIntegerField(null=True, blank=True, db_index=True)
    data = models.JSONField(default=dict)
    ip_address = models.CharField(max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "全过程记录"
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "seq"]),
            models.Index(fields=["actor", "seq"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditChainHead(models.Model):
    """Single row (pk=1) locked while appending: serialises writers and records the last seq/hash."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self) -> str:
        return f"head #{self.last_seq}"


class VerificationStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "校验中"
    DONE = "done", "已完成"
    FAILED = "failed", "未能完成"


class AuditVerification(models.Model):
    """One run of 校验审计链, requested from the audit page and walked by a background task.

    The task writes its progress (``checked`` of ``total`` events) as it goes; the page polls it. The
    whole chain is always checked; who sees which part of the outcome is decided when it is shown.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="发起时间")
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name="完成时间")
    status = models.CharField(
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.QUEUED,
        verbose_name="状态",
    )
    total = models.PositiveBigIntegerField(default=0, verbose_name="应校验条数")
    checked = models.PositiveBigIntegerField(default=0, verbose_name="已校验条数")
    intact = models.BooleanField(null=True, verbose_name="链完整")
    head_hash = models.CharField(max_length=64, blank=True, verbose_name="链头哈希")
    break_kind = models.CharField(max_length=20, blank=True, verbose_name="断点类别")
    break_seq = models.PositiveBigIntegerField(null=True, blank=True, verbose_name="断点序号")
    break_event_id = models.BigIntegerField(null=True, blank=True, verbose_name="断点事件")
    break_problem = models.TextField(blank=True, verbose_name="问题说明")

    class Meta:
        verbose_name = "审计链校验"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"审计链校验 #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (VerificationStatus.DONE, VerificationStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return min(99, self.checked * 100 // self.total) if self.total else 0
