"""培训: courses, training records and each agency's yearly training requirement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from ..choices import TrainingKind, TrainingResult


class CourseQuerySet(models.QuerySet["Course"]):
    def visible_to(self, user: Any) -> CourseQuerySet:
        """Courses of the agencies in the user's scope (own agency; subtree for subtree roles)."""
        from enforcement.core.access import agency_scope_filter

        return self.filter(agency_scope_filter(user, "agency"))


class Course(models.Model):
    """培训班: a course an agency organises; attendance is recorded as training records pointing at it."""

    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="主办机构"
    )
    title = models.CharField("课程名称", max_length=200)
    kind = models.CharField("培训类别", max_length=20, choices=TrainingKind.choices)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    start_on = models.DateField("开始日期")
    end_on = models.DateField("结束日期", null=True, blank=True)
    organiser = models.CharField("承办单位", max_length=100, blank=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "培训课程"
        verbose_name_plural = "培训课程"
        ordering = ["-start_on", "id"]

    def __str__(self) -> str:
        return self.title


class TrainingRecordQuerySet(models.QuerySet["TrainingRecord"]):
    def visible_to(self, user: Any) -> TrainingRecordQuerySet:
        from ..permissions import personal_record_filter

        return self.filter(personal_record_filter(user, holder_field="officer"))

    def counting(self) -> TrainingRecordQuerySet:
        """Records whose hours count towards the yearly requirement (anything not failed)."""
        return self.exclude(result=TrainingResult.FAILED)


class TrainingRecord(models.Model):
    """培训记录: one officer's attendance of a course or exam, with hours and result."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name="人员",
    )
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="所属机构"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="records", verbose_name="课程"
    )
    kind = models.CharField("培训类别", max_length=20, choices=TrainingKind.choices)
    title = models.CharField("培训名称", max_length=200)
    start_on = models.DateField("培训日期")
    hours = models.DecimalField(
        "学时", max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    result = models.CharField("考核结果", max_length=10, choices=TrainingResult.choices)
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    remarks = models.CharField("备注", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "培训记录"
        verbose_name_plural = "培训记录"
        ordering = ["-start_on", "-id"]
        indexes = [
            models.Index(fields=["officer", "start_on"]),
            models.Index(fields=["agency", "kind", "start_on"]),
        ]
        constraints = [models.CheckConstraint(condition=Q(hours__gte=0), name="training_hours_not_negative")]

    def __str__(self) -> str:
        return f"{self.title}（{self.start_on}）"


class TrainingRequirement(models.Model):
    """年度培训要求, per agency (inherited by the subtree) or platform-wide (agency empty), from a year on.

    Training hours are ❓ unverified (spec §9.2, §14 item 8): always configurable data, never code.
    """

    agency = models.ForeignKey(
        "core.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="适用机构",
        help_text="留空为全平台默认；下级机构未设置时沿用上级",
    )
    from_year = models.PositiveSmallIntegerField("起始年度")
    annual_hours = models.DecimalField("每年应训学时", max_digits=5, decimal_places=1)
    rotation_start = models.DateField("全员轮训起始", null=True, blank=True)
    rotation_deadline = models.DateField("全员轮训完成期限", null=True, blank=True)
    review_due = models.CharField(
        "年审截止（月-日）",
        max_length=5,
        default="12-31",
        validators=[RegexValidator(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", "格式为MM-DD")],
    )
    qualification_target_pct = models.PositiveSmallIntegerField(
        "相关学历/资格人员占比目标（%）",
        default=75,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = "年度培训要求"
        verbose_name_plural = "年度培训要求"
        ordering = ["agency_id", "-from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "from_year"],
                condition=Q(agency__isnull=False),
                name="training_requirement_agency_year",
            ),
            models.UniqueConstraint(
                fields=["from_year"],
                condition=Q(agency__isnull=True),
                name="training_requirement_default_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency or '全平台'} {self.from_year}年起 {self.annual_hours}学时"
