"""Amounts on 文书 (spec §4.3): figures and Chinese capitals, e.g. 人民币贰万元整（￥20,000.00）."""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")


def _group(n: int) -> str:
    """Capitals of 0 < n < 10000, with inner zeros (no leading or trailing 零)."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
            out += DIGITS[d] + UNITS[pos]
            zero = False
    return out


def yuan_capitals(amount: int) -> str:
    """Whole yuan in capitals: 20000 → 人民币贰万元整; 100500 → 人民币壹拾万零伍佰元整; 0 → 人民币零元整."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    if amount == 0:
        return "人民币零元整"
    parts: list[str] = []
    groups = []
    n = amount
    while n:
        groups.append(n % 10000)
        n //= 10000
    need_zero = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or g < 1000):
            parts.append("零")
        parts.append(_group(g) + GROUPS[i])
        need_zero = False
    return "人民币" + "".join(parts) + "元整"


def yuan_figures(amount: int) -> str:
    return f"￥{amount:,.2f}"


def yuan_both(amount: int) -> str:
    return f"{yuan_capitals(amount)}（{yuan_figures(amount)}）"
