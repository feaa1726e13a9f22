"""现场检查记录 (spec §3.1, 安全生产法 Art 68): time, place, who of the enterprise was present, the checklist
results line by line, photos and attachments, signature or refusal to sign with the witness."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ..choices import CheckResult, InspectionStatus
from .scoped import ByAgencyQuerySet, ByInspectionAgencyQuerySet


class Inspection(models.Model):
    scheme = models.ForeignKey(
        "inspections.InspectionScheme", on_delete=models.PROTECT, related_name="inspections"
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="+")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="检查人员")
    status = models.CharField(
        "状态", max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    started_at = models.DateTimeField("检查开始时间")
    ended_at = models.DateTimeField("检查结束时间", null=True, blank=True)
    place = models.CharField("检查地点", max_length=200)
    main_person_present = models.CharField("主要负责人（在场）", max_length=50, blank=True)
    safety_managers_present = models.CharField("安全管理人员（在场）", max_length=200, blank=True)
    operators_present = models.CharField("岗位操作人员（在场）", max_length=200, blank=True)
    summary = models.TextField("检查情况", blank=True)
    handling = models.TextField("处理情况", blank=True)
    signed_by = models.CharField("被检查单位签字人", max_length=50, blank=True)
    signed_at = models.DateTimeField("签字时间", null=True, blank=True)
    refused_to_sign = models.BooleanField("拒绝签字", default=False)
    witness = models.CharField("见证人", max_length=50, blank=True)
    witness_id_number = models.CharField("见证人身份证件号", max_length=30, blank=True)
    record_document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="现场检查记录",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "现场检查"
        verbose_name_plural = "现场检查"
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-started_at"]),
            models.Index(fields=["enterprise", "started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="inspection_time_order",
            ),
            # a refusal to sign is recorded with a witness; a signature has no witness requirement
            models.CheckConstraint(
                condition=Q(refused_to_sign=False) | ~Q(witness=""), name="inspection_refusal_has_witness"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(refused_to_sign=True) | ~Q(signed_by=""),
                name="inspection_completed_signed_or_refused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.started_at:%Y-%m-%d}"


class InspectionCheck(models.Model):
    """The result of one checklist line (text and basis copied so a later template edit changes nothing)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checks")
    line = models.ForeignKey(
        "inspections.ChecklistLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("检查依据", max_length=300)
    violation_code = models.CharField("对应违法行为编码", max_length=40, blank=True)
    result = models.CharField("检查结果", max_length=12, choices=CheckResult.choices, blank=True)
    note = models.CharField("情况说明", max_length=500, blank=True)

    objects = ByInspectionAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "检查结果"
        ordering = ["inspection_id", "order"]
        constraints = [models.UniqueConstraint(fields=["inspection", "order"], name="uniq_inspection_check")]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class InspectionAttachment(models.Model):
    """A photo or file taken on site; SHA-256, size and sniffed content type recorded on arrival."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="attachments")
    hazard = models.ForeignKey(
        "inspections.Hazard", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(upload_to="inspections/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    caption = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ByInspectionAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "现场照片/附件"
        verbose_name_plural = "现场照片/附件"
        ordering = ["inspection_id", "id"]

    def __str__(self) -> str:
        return self.original_name
