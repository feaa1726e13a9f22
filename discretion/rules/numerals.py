"""Chinese numerals and citation wording (第九十七条第七项), and search-text normalisation. Pure."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_CN_DIGIT = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def int_to_cn(n: int) -> str:
    """Write 0 ≤ n < 10000 as statute text does: 10 → 十, 15 → 十五, 105 → 一百零五, 114 → 一百一十四."""
    if n < 0 or n >= 10000:
        raise ValueError("numeral out of range")
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    parts: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_DIGITS[digit] + unit)
    return "".join(parts)


def cn_to_int(text: str) -> int:
    """Parse a Chinese numeral (十一, 二十, 九十九, 一百零五, 一百一十四) or Arabic digits."""
    if text.isdigit():
        return int(text)
    total = 0
    current = 0
    for ch in text:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[ch]
            current = 0
        else:
            raise ValueError(f"不是中文数字：{text}")
    return total + current


def provision_label(law_full_name: str, article: int, paragraph: int | None, item: int | None) -> str:
    """《中华人民共和国安全生产法》第九十七条第七项 — citation wording used in decisions."""
    text = f"《{law_full_name}》第{int_to_cn(article)}条"
    if paragraph:
        text += f"第{int_to_cn(paragraph)}款"
    if item:
        text += f"第{int_to_cn(item)}项"
    return text


def short_provision(law: str, article: int, paragraph: int | None, item: int | None) -> str:
    """安全生产法 Art 97(7) style, compact for lists."""
    text = f"{law}第{article}条"
    if paragraph:
        text += f"第{paragraph}款"
    if item:
        text += f"第{item}项"
    return text


_CN_CITATION = re.compile(rf"第?([{CN_NUMERAL_CHARS}]+)(条|款|项)")
_ARABIC_CITATION = re.compile(r"第(\d+)(条|款|项)")
_PAREN_ITEM = re.compile(rf"[（(]([{CN_NUMERAL_CHARS}]+|\d+)[）)]")
_STRIP = re.compile(r"[《》“”\"'·]|中华人民共和国")
_SPLIT = re.compile(r"[\s,，、;；]+")


def _cn_citation(match: re.Match[str]) -> str:
    try:
        return f"{cn_to_int(match.group(1))}{match.group(2)}"
    except ValueError:
        return match.group(0)


def normalise_text(text: str) -> str:
    """Canonical form shared by the search column and the query: 第九十九条 → 99条, （七） → (7)."""
    text = _STRIP.sub("", text).lower()
    text = _CN_CITATION.sub(_cn_citation, text)
    text = _ARABIC_CITATION.sub(r"\1\2", text)
    text = _PAREN_ITEM.sub(lambda m: f"({cn_to_int(m.group(1))})", text)
    return text


def query_tokens(query: str) -> list[str]:
    """Split a typed query into normalised tokens (all must match)."""
    return [t for t in (normalise_text(part) for part in _SPLIT.split(query.strip())) if t]


def build_search_text(
    *,
    code: str,
    name: str,
    law: str,
    article: int,
    paragraph: int | None,
    item: int | None,
    keywords: str,
    violated_provision: str,
    enforcement_item: str = "",
) -> str:
    """The text a violation is found by: name, keywords, article forms (99条, 安全生产法99条, 97条7项,
    97(7)), violated provision, enforcement item code and name."""
    cite = f"{article}条"
    forms = [f"{law}{cite}", cite]
    if paragraph:
        forms.append(f"{law}{cite}{paragraph}款")
        forms.append(f"{cite}{paragraph}款")
    if item:
        tail = f"{paragraph}款{item}项" if paragraph else f"{item}项"
        forms += [f"{law}{cite}{tail}", f"{cite}{tail}", f"{article}({item})", f"{law}{article}({item})"]
    parts = [code, name, keywords, law, *forms, violated_provision, enforcement_item]
    return " | ".join(normalise_text(p) for p in parts if p)
