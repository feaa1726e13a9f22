"""Download headers: Chinese file names that every browser shows (RFC 6266 with RFC 5987 encoding)."""

from __future__ import annotations

from urllib.parse import quote


def content_disposition(filename: str, ascii_fallback: str, *, inline: bool = False) -> str:
    """``attachment; filename="fallback.xlsx"; filename*=UTF-8''%E8%A3%81…`` for ``filename``. Pure.

    Browsers that read ``filename*`` (all current ones) save under the Chinese name; older clients
    use the ASCII fallback. Quotes and backslashes in the fallback become underscores.
    """
    kind = "inline" if inline else "attachment"
    fallback = "".join("_" if ch in '"\\' or not (32 <= ord(ch) < 127) else ch for ch in ascii_fallback)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
