"""Party identity checks (pure)."""

from __future__ import annotations

import datetime as dt

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_number_refusal(value: str, *, today: dt.date | None = None) -> str | None:
    """None when ``value`` is a well-formed 18-digit 公民身份号码 (GB 11643): 17 digits, a valid birth date
    not in the future, and the right check character; else a Chinese message."""
    v = (value or "").strip().upper()
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "身份证号码应为18位（前17位数字，末位数字或X）"
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return "身份证号码中的出生日期无效"
    if born < dt.date(1900, 1, 1) or (today is not None and born > today):
        return "身份证号码中的出生日期无效"
    if id_check_char(v[:17]) != v[17]:
        return "身份证号码校验码错误（GB 11643）"
    return None
