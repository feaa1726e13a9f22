"""工作日历 — statutory holidays and 调休 make-up working days."""

from __future__ import annotations

from django.db import models


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班日"


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday default: a rest day on a weekday or a make-up workday."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """A year whose holiday schedule is known (entered). Dates in unknown years are provisional."""

    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=50, default="chinesecalendar")
    basis = models.CharField(
        "依据", max_length=200, blank=True, help_text="国务院办公厅关于某年部分节假日安排的通知"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every calendar service that changes this year's days; the per-process cache of the
    # calendar (enforcement.core.services.calendar) is keyed on (count of years, sum of revisions).
    revision = models.PositiveIntegerField("修订次数", default=1)

    class Meta:
        verbose_name = "已录入年度"
        verbose_name_plural = "已录入年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
