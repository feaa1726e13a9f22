"""行政裁量权基准 versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q

from ..choices import Jurisdiction, Verification, VersionStatus

# Roles allowed to maintain benchmarks (writes); everybody logged in may read them.
READABLE_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.REFERENCE)


def is_benchmark_admin(user: Any) -> bool:
    """Agency admins (系统管理员) and the platform superuser maintain the benchmarks."""
    from enforcement.core import roles

    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or user.has_role(roles.AGENCY_ADMIN))


def version_scope_filter(user: Any, prefix: str = "") -> Q:
    """Published and reference versions for every logged-in user; drafts for benchmark admins only."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Q(pk__in=[])
    if is_benchmark_admin(user):
        return Q()
    return Q(**{f"{prefix}status__in": READABLE_STATUSES})


class BenchmarkVersionQuerySet(models.QuerySet["BenchmarkVersion"]):
    def visible_to(self, user: Any) -> BenchmarkVersionQuerySet:
        return self.filter(version_scope_filter(user))

    def published(self) -> BenchmarkVersionQuerySet:
        return self.filter(status=VersionStatus.PUBLISHED)

    def in_force(self, on: dt.date) -> BenchmarkVersionQuerySet:
        return self.published().filter(
            Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        )


class BenchmarkVersion(models.Model):
    """行政裁量权基准 version: one published benchmark document (or a draft of the next one).

    A new version starts as a copy of the current one (services.create_version_copy); a published
    version is immutable, changes go into a draft that is published with its own effective dates.
    """

    code = models.CharField("版本编码", max_length=40, unique=True)
    name = models.CharField("基准名称", max_length=200)
    issuing_authority = models.CharField("制定机关", max_length=100)
    document_number = models.CharField("文号", max_length=60, blank=True)
    jurisdiction = models.CharField("适用层级", max_length=10, choices=Jurisdiction.choices)
    region = models.CharField("适用地区", max_length=50, default="全国")
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", verbose_name="复制自", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    verification = models.CharField(
        "核实标记", max_length=2, choices=Verification.choices, default=Verification.SECONDARY
    )
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BenchmarkVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "裁量基准版本"
        verbose_name_plural = "裁量基准版本"
        ordering = ["-effective_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="discretion_version_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["status", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.document_number or self.code}）"

    @property
    def label(self) -> str:
        return str(self)

    def in_force_on(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)
