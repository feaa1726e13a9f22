"""JSON request bodies with a nesting limit (deep nesting makes the decoder recurse until it fails)."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _depth_exceeds(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser, refusing (400) bodies nested deeper than ``MAX_DEPTH`` levels."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        too_deep = ParseError(f"JSON 嵌套层级过深（最多 {MAX_DEPTH} 层）")
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if _depth_exceeds(data, MAX_DEPTH):
            raise too_deep
        return data
