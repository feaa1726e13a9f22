"""Document-number patterns (spec §4.2): placeholders, bracket normalisation, validation and formatting. Pure.

Placeholders: ``{short}`` agency short name (宁), ``{year}``, ``{seq}`` (format specs such as
``{seq:03d}`` are allowed) and ``{code}`` the kind's 文书代字 (罚). Full-width brackets （）〔〕 are used
on output; half-width ``()`` / ``[]`` (and 【】﹝﹞) are accepted on input and normalised.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError

from ..exceptions import InvalidInput

PLACEHOLDERS = frozenset({"short", "year", "seq", "code"})

# Half-width and look-alike brackets → the full-width forms official documents use (spec §4.2).
_BRACKETS = str.maketrans(
    {"(": "（", ")": "）", "[": "〔", "]": "〕", "【": "〔", "】": "〕", "﹝": "〔", "﹞": "〕"}
)


def normalise_brackets(text: str) -> str:
    """``(宁)应急罚[2026]12号`` → ``（宁）应急罚〔2026〕12号``."""
    return text.translate(_BRACKETS)


def pattern_fields(pattern: str) -> set[str]:
    """The placeholder names used in ``pattern``; raises ``ValueError`` on a malformed pattern."""
    names: set[str] = set()
    for _literal, field, _spec, _conv in string.Formatter().parse(pattern):
        if field is not None:
            names.add(field)
    return names


def check_pattern(pattern: str) -> None:
    """Raise ``InvalidInput`` unless ``pattern`` is well formed, uses known placeholders and has ``{seq}``."""
    try:
        names = pattern_fields(pattern)
    except ValueError:
        raise InvalidInput(f"编号格式“{pattern}”的花括号不配对", code="invalid_pattern")
    unknown = names - PLACEHOLDERS
    if unknown:
        raise InvalidInput(
            f"编号格式“{pattern}”含未知占位符：{'、'.join(sorted(unknown))}（可用 short、year、seq、code）",
            code="invalid_pattern",
        )
    if "seq" not in names:
        raise InvalidInput(f"编号格式“{pattern}”缺少序号占位符 {{seq}}", code="invalid_pattern")


def validate_pattern(pattern: str) -> None:
    """Model-field validator wrapping :func:`check_pattern`."""
    try:
        check_pattern(pattern)
    except InvalidInput as exc:
        raise ValidationError(exc.message)


def format_number(pattern: str, *, short: str, year: int, seq: int, code: str = "") -> str:
    """Fill a numbering pattern. Pure.

    >>> format_number("({short})应急罚[{year}]{seq}号", short="宁", year=2026, seq=12)
    '（宁）应急罚〔2026〕12号'
    """
    check_pattern(pattern)
    try:
        text = pattern.format(short=short, year=year, seq=seq, code=code)
    except (ValueError, IndexError) as exc:  # a bad format spec such as {seq:x3}
        raise InvalidInput(f"编号格式“{pattern}”无法使用：{exc}", code="invalid_pattern")
    return normalise_brackets(text)
