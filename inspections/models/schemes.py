"""检查方案 (spec §3.4): target, time window, items from checklist templates, team (≥ 2 officers who pass
``require_enforcing_officers(item=…)``) plus experts who never count, approval by the head."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ..choices import MemberRole, SchemeStatus
from .scoped import ByAgencyQuerySet, BySchemeAgencyQuerySet


class InspectionScheme(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    enterprise = models.ForeignKey(
        "core.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name="检查对象"
    )
    item = models.ForeignKey(
        "core.EnforcementItem", on_delete=models.PROTECT, related_name="+", verbose_name="执法事项"
    )
    plan = models.ForeignKey(
        "inspections.AnnualPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="schemes"
    )
    draw = models.ForeignKey(
        "inspections.RandomDraw", null=True, blank=True, on_delete=models.PROTECT, related_name="schemes"
    )
    joint = models.ForeignKey(
        "inspections.JointInspection", null=True, blank=True, on_delete=models.PROTECT, related_name="schemes"
    )
    title = models.CharField("方案名称", max_length=200)
    window_start = models.DateField("检查时间起")
    window_end = models.DateField("检查时间止")
    method = models.CharField("检查方式", max_length=200, default="启动会＋现场检查＋总结会")
    content = models.TextField("检查内容", blank=True)
    templates = models.ManyToManyField(
        "inspections.ChecklistTemplate", related_name="+", verbose_name="检查表"
    )
    status = models.CharField("状态", max_length=12, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("报批时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_opinion = models.CharField("审批意见", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "检查方案"
        verbose_name_plural = "检查方案"
        ordering = ["-window_start", "-id"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["enterprise", "window_start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="scheme_window_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SchemeMember(models.Model):
    """An officer of the team; checked by ``require_enforcing_officers(item=…)`` when added and approved."""

    scheme = models.ForeignKey(InspectionScheme, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField("分工", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)

    objects = BySchemeAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "检查组成员"
        verbose_name_plural = "检查组成员"
        constraints = [models.UniqueConstraint(fields=["scheme", "user"], name="uniq_scheme_member")]

    def __str__(self) -> str:
        return f"{self.scheme_id}:{self.user_id}"


class SchemeExpert(models.Model):
    """An expert (专家) on the team: named, never a user, never counted as an officer."""

    scheme = models.ForeignKey(InspectionScheme, on_delete=models.CASCADE, related_name="experts")
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("单位", max_length=100, blank=True)
    speciality = models.CharField("专业", max_length=50, blank=True)

    objects = BySchemeAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "检查专家"
        verbose_name_plural = "检查专家"

    def __str__(self) -> str:
        return self.name
