"""Django admin for the 工作日历: read-only; changes go through the calendar services on /calendar/days/."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from ..models import CalendarDay, CalendarYear

PAGE_HINT = (
    "请在“期限计算 › 工作日历”页面（/calendar/days/）录入年度或更正单日，以便记录审计日志并重新计算期限。"
    "chinesecalendar 已知年度可用 manage.py seed_calendar 导入。"
)


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]  # one base for two models; not subscriptable at run time
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        messages.info(request, PAGE_HINT)
        return super().changelist_view(request, extra_context)


@admin.register(CalendarDay)
class CalendarDayAdmin(_ReadOnly):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(_ReadOnly):
    list_display = ["year", "source", "basis", "entered_at", "revision"]
