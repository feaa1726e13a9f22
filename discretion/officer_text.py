"""Legal content as officers read it: the maintainers' verification notes taken out.

The seed benchmark carries notes written for the people who maintain it ("spec §6.5 #13 …",
"开发者按条文对应", "按 CONTRACT 一款一行…", the marks ✅ ◐ ❓ and what follows a mark in brackets).
Officers see the source of a rule and a plain status; the notes stay on the admin side.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .choices import Verification
from .rules.types import Recommendation

# A clause (split at "；") naming one of these is a note to maintainers and is left out entirely.
_NOTE_WORDS = re.compile(r"spec|CONTRACT|开发者|❓|#\d")
# A mark with the bracket that qualifies it: "◐（31号令/广东市级规则）", "✅ 条文", "❓".
_MARK = re.compile(r"\s*[✅◐❓](?:\s*(?:（[^（）]*）|\([^()]*\)|条文|施行日期))?")
# A bracket that holds a maintainer note: "（spec §7）", "（◐）".
_NOTE_BRACKET = re.compile(r"[（(][^（）()]*(?:spec|CONTRACT|开发者|[✅◐❓])[^（）()]*[）)]")

VERIFIED_LABEL = "已核对原文"
PENDING_LABEL = "待核对"


def officer_text(text: str | None) -> str:
    """``text`` without maintainers' notes and verification marks. Pure.

    >>> officer_text("河北省应急管理裁量基准 ◐（spec §6.3）；全国基准是否采用❓")
    '河北省应急管理裁量基准'
    """
    if not text:
        return ""
    text = _NOTE_BRACKET.sub("", text)
    clauses = [c for c in re.split(r"[；;]", text) if not _NOTE_WORDS.search(c)]
    cleaned = [_MARK.sub("", c).strip(" ，,、。") for c in clauses]
    return "；".join(c for c in cleaned if c)


def plain_status(verification: str) -> str:
    """已核对原文 for a statute-text verification, 待核对 for everything else."""
    return VERIFIED_LABEL if verification == Verification.VERIFIED else PENDING_LABEL


def status_line(verification: str, on: dt.date | None) -> str:
    """The status an officer sees, with the date it stands at: ``待核对（截至2026-12-05）``."""
    label = plain_status(verification)
    return f"{label}（截至{on:%Y-%m-%d}）" if on else label


def officer_recommendation(result: Recommendation) -> Recommendation:
    """The calculator's answer with its explanation, basis and review lines as officers read them."""

    def clean(lines: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for t in (officer_text(line) for line in lines) if t)

    return replace(
        result,
        basis=clean(result.basis),
        explanation=clean(result.explanation),
        review_reasons=clean(result.review_reasons),
    )
