"""Checks on the text officers see: maintainers' words and characters the bundled fonts cannot draw.

The bundled fonts are Debian's fonts-noto-cjk: Noto Sans CJK SC for pages (static/css/app.css) and
Noto Serif CJK SC for PDFs (templates/documents/_document.css). A character outside a font's cmap
shows as a box (✅, ◐ and ❓ among them).
"""

from __future__ import annotations

import re
from functools import cache

from fontTools.ttLib import TTCollection

SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

# Whole words only: "spec §" (not "inspections"), CONTRACT as a word, 开发者, the marks.
BANNED = re.compile(r"spec\s*§|\bCONTRACT\b|开发者|✅|◐")


@cache
def _cmap(path: str) -> frozenset[int]:
    collection = TTCollection(path, lazy=True)
    return frozenset(collection.fonts[0].getBestCmap())


def banned_words(text: str) -> list[str]:
    return sorted({m.group(0) for m in BANNED.finditer(text)})


def missing_glyphs(text: str, font: str = SANS) -> list[str]:
    """Characters of ``text`` (other than whitespace and controls) the font has no glyph for."""
    cmap = _cmap(font)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) >= 32 and ord(ch) not in cmap})
