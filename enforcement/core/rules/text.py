"""Rules for stored text: no control characters, codes of code characters only, lengths checked in Python.

Pure functions (no ORM). Services call them at their boundary so that a stored value can always be
shown, put in a URL, exported to XLSX and hashed into the audit chain, and so that SQLite (which does not
enforce ``max_length``) and PostgreSQL refuse the same values. (In the package layout: ``rules/text.py``.)
"""

from __future__ import annotations

import re
import unicodedata

# Characters a code (事项编码, violation code, numbering pattern key) may have: it appears in URLs
# (/public/catalog/<code>/) and file names, so no "/", spaces or punctuation beyond "-", "_" and ".".
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_KEPT_IN_MULTILINE = {"\n", "\r", "\t"}


def _is_control(ch: str) -> bool:
    # Cc: C0/C1 controls (NUL breaks PostgreSQL, others break XLSX); Cs: lone surrogates; Co/Cn: unassigned
    return unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} or ch in "\u2028\u2029\ufeff"


def control_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The control characters in ``value`` (line breaks and tabs allowed in multi-line text)."""
    return [ch for ch in value if _is_control(ch) and not (multiline and ch in _KEPT_IN_MULTILINE)]


def strip_control_characters(value: str) -> str:
    """``value`` without control characters, keeping line breaks and tabs (for pasted documents)."""
    return "".join(ch for ch in value if not _is_control(ch) or ch in _KEPT_IN_MULTILINE)


def text_error(value: str, *, max_length: int, multiline: bool = False) -> str | None:
    """A Chinese message when ``value`` has control characters or is too long, else None."""
    bad = control_characters(value, multiline=multiline)
    if bad:
        shown = "、".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
        return f"含有不可见的控制字符（{shown}），请删除后重新输入"
    if len(value) > max_length:
        return f"不得超过{max_length}个字符（当前{len(value)}个）"
    return None


def code_error(value: str, *, max_length: int) -> str | None:
    """A Chinese message when ``value`` is not a valid code, else None."""
    if len(value) > max_length:
        return f"编码不得超过{max_length}个字符"
    if not CODE_PATTERN.fullmatch(value):
        return "编码只能包含英文字母、数字和“-”“_”“.”，且以字母或数字开头"
    return None
