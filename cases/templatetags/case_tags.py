"""Template helpers of the case pages."""

from __future__ import annotations

from typing import Any

from django import template

from enforcement.core import roles

register = template.Library()


@register.filter
def may_create_case(user: Any) -> bool:
    """Officers and heads of an agency register cases (预立案)."""
    return bool(getattr(user, "agency_id", None)) and user.has_role(roles.OFFICER, roles.HEAD)
