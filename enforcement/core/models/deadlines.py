"""期限 and 通知 — legal/internal due dates with reminders, and the in-app inbox."""

from __future__ import annotations

import datetime as dt
import uuid

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


# Statuses in which a deadline is still running (reminders go out, the dashboard lists it).
RUNNING_STATUSES = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
# Statuses that end a deadline; ``close_deadlines`` accepts only these.
CLOSED_STATUSES = (DeadlineStatus.MET, DeadlineStatus.WAIVED)


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def open(self) -> DeadlineQuerySet:
        """Running deadlines: open or already overdue (not suspended, met or waived)."""
        return self.filter(status__in=RUNNING_STATUSES)

    def overdue(self, on: dt.date) -> DeadlineQuerySet:
        """Running deadlines whose due date is before ``on``."""
        return self.open().filter(due_date__lt=on)

    def responsible_for(self, user: object) -> DeadlineQuerySet:
        """Deadlines the user is responsible for (a subquery, so no duplicate rows)."""
        user_id = getattr(user, "pk", None)
        if user_id is None:
            return self.none()
        links = Deadline.responsible.through.objects.filter(user_id=user_id).values("deadline_id")
        return self.filter(pk__in=links)

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
    # Calendar days added to the due date by ended suspensions (DeadlineSuspension), kept for display.
    suspended_days = models.PositiveIntegerField("中止天数", default=0)
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

    def days_left(self, today: dt.date) -> int:
        """Calendar days from ``today`` to the due date; negative once overdue."""
        return (self.due_date - today).days

    def urgency(self, today: dt.date) -> str:
        """Bootstrap colour for lists: red when overdue or due within a day, amber within three days."""
        if self.status not in RUNNING_STATUSES:
            return "secondary"
        left = self.days_left(today)
        if left <= 1:
            return "danger"
        if left <= 3:
            return "warning"
        return "success"


class DeadlineSuspension(models.Model):
    """期限中止: a period that does not count towards a deadline (spec §1.9), with its basis.

    ``start_date`` is the first day not counted; ``end_date`` is the day counting resumes (null while
    the suspension lasts). The deadline's due date moves by ``end_date - start_date`` calendar days.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="suspensions")
    start_date = models.DateField("中止日")
    end_date = models.DateField("恢复日", null=True, blank=True)
    basis = models.CharField("中止依据", max_length=200)
    reason = models.TextField("中止事由", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline"],
                condition=models.Q(end_date__isnull=True),
                name="one_running_suspension_per_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="suspension_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} 中止 {self.start_date}–{self.end_date or ''}"

    @property
    def days(self) -> int | None:
        return (self.end_date - self.start_date).days if self.end_date else None


class ReminderSent(models.Model):
    """One reminder stage sent to one recipient for one deadline — unique, so scans never double-send.

    ``stage`` is ``d-N`` (N days before due), ``d0`` (due today), ``overdue`` (first day after due) or
    ``d+N`` (N days after due); see ``enforcement.core.rules.reminders``. ``batch`` identifies the scan
    chunk that inserted the row: a scan reads back its own batch to learn which inserts won.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)
    batch = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

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
