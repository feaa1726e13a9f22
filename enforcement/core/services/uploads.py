"""Uploaded files (证明材料, inspection photos, case evidence): checked, stored, delivered safely.

One service for every use. ``check_upload`` reads the file's bytes against the use's ``UploadPolicy``
(allowed kinds, size limit; ``rules.uploads.detect``) and ``stored_file`` gives it a generated name with
the extension of what it really is, so a FileField saves it under ``MEDIA_ROOT``, which no URL serves.
``download_response`` is the only way a file leaves: the caller's scoped view has already decided that
the user may see the record; the answer is an attachment (inline only for images and PDF) with
``nosniff`` and a sandboxing CSP, so even a file that slipped through could not run in the browser.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import filetype
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from ..rules.uploads import Detected, UploadRefused, detect, kind_of

MB = 1024 * 1024
INLINE_KINDS = frozenset({"image", "pdf"})
SANDBOX_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@dataclass(frozen=True)
class UploadPolicy:
    """What one use accepts: the kinds of content and the largest size in bytes."""

    label: str
    kinds: frozenset[str]
    max_bytes: int


QUALIFICATION_EVIDENCE = UploadPolicy("职业资格证明材料", frozenset({"image", "pdf"}), 10 * MB)
INSPECTION_PHOTO = UploadPolicy("检查照片", frozenset({"image"}), 20 * MB)
INSPECTION_ATTACHMENT = UploadPolicy("现场检查照片或附件", frozenset({"image", "pdf"}), 20 * MB)
CASE_EVIDENCE = UploadPolicy("案件证据", frozenset({"image", "pdf", "office", "audio", "video"}), 200 * MB)


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    detected: Detected
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        """The hash taken on arrival (chain of custody)."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def content_type(self) -> str:
        return self.detected.mime


def check_upload(upload: Any, policy: UploadPolicy, *, field: str = "file") -> CheckedUpload:
    """Read ``upload`` (a Django UploadedFile or any file object) and check it against ``policy``.

    Raises ``UploadRefused`` (400, the reason in Chinese under ``fields[field]``) when it is too large,
    of a kind the policy does not allow, markup or script, or carries active content.
    """
    size = getattr(upload, "size", None)
    limit_text = f"{policy.max_bytes // MB} MB"
    if upload is None:
        _refuse(f"请选择要上传的{policy.label}", field)
    if size is not None and size > policy.max_bytes:
        _refuse(f"文件过大（{size / MB:.1f} MB），{policy.label}不得超过 {limit_text}", field)
    upload.seek(0)
    content = upload.read(policy.max_bytes + 1)
    if len(content) > policy.max_bytes:
        _refuse(f"文件过大，{policy.label}不得超过 {limit_text}", field)
    try:
        detected = detect(content, policy.kinds)
    except UploadRefused as exc:
        _refuse(exc.message, field)
    name = str(getattr(upload, "name", "") or "")
    return CheckedUpload(content=content, detected=detected, original_name=name.rsplit("/", 1)[-1][:200])


def _refuse(reason: str, field: str) -> Any:
    raise UploadRefused(reason, fields={field: [reason]})


def stored_file(checked: CheckedUpload) -> ContentFile:
    """The content under a generated name (random, with the detected type's extension) for a FileField."""
    return ContentFile(checked.content, name=f"{uuid.uuid4().hex}.{checked.detected.extension}")


def download_response(file: FieldFile, *, download_name: str = "") -> FileResponse:
    """Deliver a stored upload to a user the calling view has already scoped; 404 when the file is gone."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404("文件缺失") from None
    head = handle.read(8192)
    handle.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess is not None else "application/octet-stream"
    inline = kind_of(mime) in INLINE_KINDS
    name = download_name or str(file.name).rsplit("/", 1)[-1]
    response = FileResponse(handle, filename=name, as_attachment=not inline, content_type=mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    return response
