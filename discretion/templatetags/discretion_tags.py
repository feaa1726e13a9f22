from __future__ import annotations

from django import template

from ..rules.calculator import STAGE_LABEL, SUBJECT_LABEL, yuan
from ..rules.facts import describe_conditions, parse_conditions

register = template.Library()


@register.filter
def subject_label(code: str) -> str:
    return SUBJECT_LABEL.get(code, code)


@register.filter
def stage_label(code: str) -> str:
    return STAGE_LABEL.get(code, code)


@register.filter
def money(value: int | None) -> str:
    return "—" if value is None else yuan(value)


@register.filter
def conditions_text(raw: list[dict[str, object]]) -> str:
    try:
        return describe_conditions(parse_conditions(raw)) if raw else ""
    except ValueError:
        return str(raw)


@register.filter
def percent(value: object) -> str:
    return "" if value is None else f"{float(str(value)) * 100:g}%"
