"""Marking matched words in a displayed text, HTML-safe."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import normalise


def highlight_html(text: str, words: Sequence[str]) -> SafeString:
    """Escape every piece of ``text`` and wrap occurrences of ``words`` (compared in normalised form:
    simplified, half-width, lower case) in <mark>. Nothing of ``text`` reaches the page unescaped."""
    wanted = sorted({w for w in words if w}, key=len, reverse=True)
    folded = normalise(text)
    if not wanted or len(folded) != len(text):
        # NFKC changed the length (rare ligatures): fall back to plain escaped text
        return mark_safe(escape(text))  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(w) for w in wanted))
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(folded):
        out.append(escape(text[pos : m.start()]))
        out.append(f"<mark>{escape(text[m.start() : m.end()])}</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped
