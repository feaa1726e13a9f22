"""统一社会信用代码 (GB 32100-2015) validation."""

from __future__ import annotations

from django.core.exceptions import ValidationError

# The 31 characters allowed, in the order that gives each its numeric value (I, O, Z, S, V are excluded).
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_CHARS)}
# Position weights W_i = 3^(i-1) mod 31 for the first 17 characters.
_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code_check_char(first17: str) -> str:
    """The 18th (check) character for the first 17 characters (GB 32100-2015 §4.3)."""
    total = sum(_VALUES[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def make_credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


def validate_credit_code(value: str) -> None:
    """Raise ValidationError with a Chinese message when ``value`` is not a valid credit code."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(n)d位。", code="credit_code_length", params={"n": len(code)}
        )
    bad = [c for c in code if c not in _VALUES]
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符：%(c)s（不使用I、O、Z、S、V）。",
            code="credit_code_chars",
            params={"c": "".join(bad)},
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误：第18位应为%(e)s，实为%(a)s，请核对。",
            code="credit_code_check",
            params={"e": expected, "a": code[17]},
        )
