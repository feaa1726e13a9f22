"""期限 and 通知 — legal/internal due dates with reminders, and the in-app inbox."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class DayType(models.TextChoices):
    WORKING = "working", "工作日"
    CALENDAR = "calendar", "自然日"
    MONTHS = "months", "月"
    YEARS = "years", "年"
    HOURS = "hours", "小时"
    FIXED = "fixed", "固定日期"


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "进行中"
    MET = "met", "已完成"
    OVERDUE = "overdue", "已逾期"
    SUSPENDED = "suspended", "已中止"
    WAIVED = "waived", "已免除"


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def open(self) -> DeadlineQuerySet:
        return self.filter(status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE])

    def visible_to(self, user: object) -> DeadlineQuerySet:
        from ..access import deadline_scope_filter

        return self.filter(deadline_scope_filter(user))


class Deadline(models.Model):
    """期限: one due date on a business object, with its legal basis and reminder state."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField("期限类别", max_length=40)
    title = models.CharField("事项", max_length=200)
    basis = models.CharField("法律依据", max_length=200, blank=True)
    start_date = models.DateField("起算日")
    due_date = models.DateField("届满日")
    day_type = models.CharField("计算方式", max_length=10, choices=DayType.choices)
    length = models.IntegerField("期间长度", null=True, blank=True)
    provisional = models.BooleanField("临时（日历未录入）", default=False)
    status = models.CharField(
        "状态", max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    responsible = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="deadlines", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["agency", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.due_date}）"


class ReminderSent(models.Model):
    """One reminder stage sent to one recipient for one deadline — unique, so scans never double-send."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "stage", "recipient"], name="uniq_reminder_per_stage_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id}/{self.stage}/{self.recipient_id}"


class Notification(models.Model):
    """通知: an in-app inbox row for one user."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField(max_length=300, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title
