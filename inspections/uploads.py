"""The on-site upload check: type by the file's bytes (not its name or the browser's word), size limit,
SHA-256 on arrival.

One function, ``check_upload``, so it can be swapped for the reusable core upload validator being built in
"Hardening" without touching the callers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from enforcement.core.exceptions import InvalidInput

MAX_BYTES = 15 * 1024 * 1024  # a phone photo fits; a video does not

# magic bytes → (content type, allowed extensions)
_SIGNATURES: tuple[tuple[bytes, int, str, tuple[str, ...]], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg", ("jpg", "jpeg")),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", ("png",)),
    (b"%PDF-", 0, "application/pdf", ("pdf",)),
    (b"WEBP", 8, "image/webp", ("webp",)),
    (b"ftypheic", 4, "image/heic", ("heic", "heif")),
    (b"ftypmif1", 4, "image/heic", ("heic", "heif")),
)


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes) -> tuple[str, tuple[str, ...]] | None:
    for magic, offset, ctype, exts in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if ctype == "image/webp" and not head.startswith(b"RIFF"):
                continue
            return ctype, exts
    return None


def check_upload(upload: Any, *, max_bytes: int = MAX_BYTES) -> CheckedUpload:
    """Refuse (InvalidInput, Chinese message, field ``file``) an empty, oversized or disguised file; return its
    sniffed content type, size and SHA-256. Reads the file once in chunks and rewinds it."""

    def refuse(message: str) -> InvalidInput:
        return InvalidInput(message, code="invalid_upload", fields={"file": [message]})

    if upload is None:
        raise refuse("请选择要上传的照片或文件")
    size = getattr(upload, "size", None) or 0
    name = getattr(upload, "name", "") or ""
    if size <= 0:
        raise refuse("上传的文件为空")
    if size > max_bytes:
        raise refuse(f"文件“{name}”大小为{size / 1024 / 1024:.1f}MB，超过{max_bytes // 1024 // 1024}MB上限")
    upload.seek(0)
    head = upload.read(16)
    found = sniff(head)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if found is None:
        raise refuse(f"文件“{name}”不是可接受的照片或PDF（仅限JPEG、PNG、WebP、HEIC、PDF）")
    ctype, exts = found
    if ext and ext not in exts:
        raise refuse(f"文件“{name}”的扩展名与实际内容（{ctype}）不符，已拒收")
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(content_type=ctype, size=size, sha256=digest.hexdigest())
