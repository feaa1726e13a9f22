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


SUBJECT_SHORT = {
    "unit": "单位",
    "responsible_person": "责任人员",
    "main_person": "主要负责人",
    "individual": "个人",
}
STAGE_SHORT = {"first": "首次", "overdue": "逾期"}


@register.filter
def subject_short(code: str) -> str:
    return SUBJECT_SHORT.get(code, code)


@register.filter
def stage_short(code: str) -> str:
    return STAGE_SHORT.get(code, code)


@register.filter
def money(value: int | None) -> str:
    return "—" if value is None else yuan(value)


@register.simple_tag
def money_range(
    lo: int | None, hi: int | None, lower_inclusive: bool = True, upper_inclusive: bool = True
) -> str:
    """A fine band as the statute writes it: “10万元以下” has no minimum (spec §2.3: 以上/以下 include the
    number for statutory ranges; a tier bound may exclude it — then “（不含）”)."""
    low = "" if lower_inclusive else "（不含）"
    high = "" if upper_inclusive else "（不含）"
    if lo is None and hi is None:
        return "未设数额"
    if lo is None or lo == 0 and hi is not None:
        return f"{yuan(hi)}以下{high}"
    if hi is None:
        return f"{yuan(lo)}以上{low}"
    if lo == hi:
        return yuan(lo)
    return f"{yuan(lo)}{low}至{yuan(hi)}{high}"


@register.filter
def conditions_text(raw: list[dict[str, object]]) -> str:
    try:
        return describe_conditions(parse_conditions(raw)) if raw else ""
    except ValueError:
        return str(raw)


@register.filter
def percent(value: object) -> str:
    return "" if value is None else f"{float(str(value)) * 100:g}%"


@register.filter
def officer(text: str | None) -> str:
    """A source or note as officers read it (maintainers' verification notes left out)."""
    from ..officer_text import officer_text

    return officer_text(text)


@register.filter
def plain_status(verification: str) -> str:
    from ..officer_text import plain_status as status

    return status(verification)


@register.filter
def party_label(code: str) -> str:
    from ..choices import PartyType

    return str(dict(PartyType.choices).get(code, code))
