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
