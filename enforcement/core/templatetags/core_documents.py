"""Template filters for 文书 templates: ``{% load core_documents %}``."""

from __future__ import annotations

import datetime as dt

from django import template

from ..pdf import chinese_date as _chinese_date

register = template.Library()


@register.filter
def chinese_date(value: dt.date | dt.datetime | None) -> str:
    """``{{ issued_on|chinese_date }}`` → 二〇二六年十一月二十五日 (datetimes in local time)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localdate(value)
    return _chinese_date(value)
