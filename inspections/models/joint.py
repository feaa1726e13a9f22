"""综合联检 (1 + N): a lead department and participants share one schedule and one visit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from enforcement.core.access import agency_scope_filter

from ..choices import JointStatus
from .scoped import AgencyScopedQuerySet, ByJointLeadAgencyQuerySet


class JointInspectionQuerySet(AgencyScopedQuerySet):
    """The lead department's scope, and every participating platform agency's (one shared schedule)."""

    agency_field = "lead_agency"

    def visible_to(self, user: Any) -> Any:
        participating = JointParticipant.objects.filter(agency_scope_filter(user, "agency")).values(
            "joint_id"
        )
        return self.filter(agency_scope_filter(user, "lead_agency") | models.Q(pk__in=participating))


class JointInspection(models.Model):
    lead_agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="牵头部门"
    )
    title = models.CharField("联检名称", max_length=200)
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="+")
    scheduled_on = models.DateField("计划日期")
    status = models.CharField("状态", max_length=12, choices=JointStatus.choices, default=JointStatus.PLANNED)
    note = models.TextField("说明", blank=True)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="联合现场检查",
    )  # the one visit, recorded by the lead department
    done_on = models.DateField("实施日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JointInspectionQuerySet.as_manager()

    class Meta:
        verbose_name = "综合联检"
        verbose_name_plural = "综合联检"
        ordering = ["-scheduled_on", "-id"]
        indexes = [models.Index(fields=["lead_agency", "scheduled_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def visits_avoided(self) -> int:
        """Separate visits the participants would have made on their own (one per participant)."""
        return self.participants.count() if self.status == JointStatus.DONE else 0


class JointParticipant(models.Model):
    """A participating department (N): another 应急 agency on the platform or an outside department."""

    joint = models.ForeignKey(JointInspection, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.CharField("参与部门", max_length=100)
    contact = models.CharField("联系人", max_length=50, blank=True)

    objects = ByJointLeadAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "联检参与部门"
        verbose_name_plural = "联检参与部门"
        constraints = [models.UniqueConstraint(fields=["joint", "department"], name="uniq_joint_department")]

    def __str__(self) -> str:
        return self.department
