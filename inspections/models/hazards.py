"""隐患 (spec §3.5): 认定 → 责令整改 → 复查 without gaps; extensions; re-checks; the case link is a generic
(content type, id) reference filled through the core registry, never a FK to cases."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from ..choices import ExtensionDecision, HazardAction, HazardLevel, HazardStatus, RecheckResult
from .scoped import ByAgencyQuerySet, ByHazardAgencyQuerySet


class Hazard(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="hazards", verbose_name="发现于检查"
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("隐患级别", max_length=10, choices=HazardLevel.choices)
    description = models.TextField("隐患描述")
    location = models.CharField("部位", max_length=200, blank=True)
    standard_item = models.ForeignKey(
        "inspections.HazardStandardItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="判定标准条款",
    )
    found_at_check = models.ForeignKey(
        "inspections.InspectionCheck",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hazards",
    )
    violation_code = models.CharField("对应违法行为编码", max_length=40, blank=True)
    status = models.CharField("状态", max_length=20, choices=HazardStatus.choices, default=HazardStatus.FOUND)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="承办人"
    )
    onsite_measures = models.TextField("现场处理措施", blank=True)
    order_document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="责令整改指令书",
    )
    measures_document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="现场处理措施决定书",
    )
    ordered_on = models.DateField("责令整改日期", null=True, blank=True)
    original_deadline = models.DateField("原整改期限", null=True, blank=True)
    deadline = models.DateField("整改期限", null=True, blank=True)
    recheck_due = models.DateField("复查期限", null=True, blank=True)
    recheck_result = models.CharField("复查结论", max_length=16, choices=RecheckResult.choices, blank=True)
    rechecked_on = models.DateField("复查日期", null=True, blank=True)
    escalated_at = models.DateTimeField("报告负责人时间", null=True, blank=True)
    case_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    case = GenericForeignKey("case_content_type", "case_object_id")
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "隐患"
        verbose_name_plural = "隐患"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["enterprise", "level"]),
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            # a major hazard cites the judging standard's item (安全生产法 Art 118 ¶2)
            models.CheckConstraint(
                condition=~Q(level="major") | Q(standard_item__isnull=False),
                name="major_hazard_cites_standard",
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(ordered_on__isnull=False),
                name="hazard_deadline_needs_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}：{self.description[:30]}"


class HazardEvent(models.Model):
    """One move of the hazard loop (the timeline); the audit event is written beside it."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=24, choices=HazardAction.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    on_date = models.DateField()
    data = models.JSONField(default=dict)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ByHazardAgencyQuerySet.as_manager()

    class Meta:
        ordering = ["hazard_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.hazard_id} {self.action} {self.on_date}"

    @property
    def label(self) -> str:
        """认定 is recorded as ``record`` (not a move of the table); the others are hazard actions."""
        return "认定隐患" if self.action == "record" else HazardAction(self.action).label


class HazardExtension(models.Model):
    """The unit's written extension request (≥ 10 days before the deadline) and the agency's decision."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="extensions")
    requested_on = models.DateField("申请日期")
    reason = models.TextField("申请理由")
    requested_deadline = models.DateField("申请延至")
    decide_by = models.DateField("答复期限")
    decision = models.CharField(
        "审查结论", max_length=10, choices=ExtensionDecision.choices, default=ExtensionDecision.PENDING
    )
    decided_on = models.DateField("审查日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.CharField("审查意见", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ByHazardAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "延期整改申请"
        verbose_name_plural = "延期整改申请"
        ordering = ["hazard_id", "requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hazard"], condition=Q(decision="pending"), name="one_pending_extension_per_hazard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hazard_id} 延期至{self.requested_deadline}"


class HazardRecheck(models.Model):
    """复查 and its 整改复查意见书."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="rechecks")
    on_date = models.DateField("复查日期")
    result = models.CharField("复查结论", max_length=16, choices=RecheckResult.choices)
    opinion = models.TextField("复查意见", blank=True)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="复查人员")
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="整改复查意见书",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByHazardAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "复查"
        verbose_name_plural = "复查"
        ordering = ["hazard_id", "on_date", "id"]

    def __str__(self) -> str:
        return f"{self.hazard_id} 复查 {self.on_date}"
