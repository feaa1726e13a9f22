"""Template helpers of the training pages: hours and shares without trailing zeros, who may import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from ..permissions import can_manage_some_agency

register = template.Library()


@register.filter
def hours(value: Any) -> str:
    """``Decimal("60.0")`` → ``"60"``, ``Decimal("7.5")`` → ``"7.5"``; None → "—"."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    return f"{number.normalize():f}" if number == number.to_integral() else f"{number:f}".rstrip("0")


@register.filter
def percent(value: Any) -> str:
    """A share in percent, or "—" when there is nobody to count."""
    return "—" if value is None else f"{value}%"


@register.filter
def can_import_training(user: Any) -> bool:
    """The XLSX import is for 系统管理员 and superusers (mirrors the view's check)."""
    return can_manage_some_agency(user)
