"""Strict parsing of query parameters: ASCII digits only, 64-bit integers, years 1–9999.

Python's ``int()`` and ``Decimal()`` accept other scripts' digits ("١٢") and any length; the database
does not, and a year outside 1–9999 has no dates at all. Views and filters parse through here so that
every such value is a 400 with the contract's JSON error, never a 500.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms

from ..exceptions import InvalidInput

INT64_MAX = 2**63 - 1
_ASCII_INT = re.compile(r"[+-]?[0-9]{1,19}")


def parse_int(
    raw: str,
    field: str,
    *,
    label: str = "",
    code: str = "invalid_integer",
    minimum: int = -INT64_MAX,
    maximum: int = INT64_MAX,
) -> int:
    """``raw`` as an integer within [minimum, maximum]; InvalidInput (400) naming ``field`` otherwise."""
    text = raw.strip()
    if not _ASCII_INT.fullmatch(text):
        raise InvalidInput(
            f"{label or '参数' + field}“{raw}”应为整数", code=code, fields={field: ["应为整数"]}
        )
    value = int(text)
    if not minimum <= value <= maximum:
        message = f"应在 {minimum} 到 {maximum} 之间"
        raise InvalidInput(f"参数 {field} {message}", code="out_of_range", fields={field: [message]})
    return value


def parse_year(raw: str, field: str = "year") -> int:
    return parse_int(raw, field, label="年份", code="invalid_year", minimum=1, maximum=9999)


class StrictIntegerField(forms.IntegerField):
    """A form integer of ASCII digits within the 64-bit range (and the given min/max)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -INT64_MAX)
        kwargs.setdefault("max_value", INT64_MAX)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if not _ASCII_INT.fullmatch(str(value).strip()):
            raise forms.ValidationError("应为整数（半角数字）", code="invalid")
        return int(str(value).strip())


class IntegerFilter(django_filters.NumberFilter):
    """``NumberFilter`` for ids and counts: whole ASCII numbers within 64 bits."""

    field_class = StrictIntegerField


class YearFilter(django_filters.NumberFilter):
    """A year (1–9999) matched against a date field's year."""

    field_class = StrictIntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)
