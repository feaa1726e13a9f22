"""Evidence uploads and their chain of custody (spec §1.8; 行政处罚法 Art 46–47)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.services.audit import record_event
from inspections.uploads import sniff

from ..choices import CaseStatus
from ..models import Case, CaseEvent, CaseEvidence, EvidenceDownload, EvidenceKind
from .common import is_handler

MAX_BYTES = 200 * 1024 * 1024  # a short video fits
# audio/video beyond the photo and PDF types the on-site upload knows
_MEDIA: tuple[tuple[bytes, int, str, tuple[str, ...]], ...] = (
    (b"ftyp", 4, "video/mp4", ("mp4", "m4v", "mov", "m4a")),
    (b"ID3", 0, "audio/mpeg", ("mp3",)),
    (b"\xff\xfb", 0, "audio/mpeg", ("mp3",)),
    (b"WAVE", 8, "audio/wav", ("wav",)),
)
CLOSED = (CaseStatus.REJECTED, CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.TRANSFERRED)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, code="invalid_upload", fields={"file": [message]})


def check_evidence_file(upload: Any) -> tuple[str, int, str]:
    """(content type by the bytes, size, SHA-256); refuses empty, oversized or disguised files."""
    if upload is None:
        raise _refuse("请选择证据文件")
    size = getattr(upload, "size", 0) or 0
    name = getattr(upload, "name", "") or ""
    if size <= 0:
        raise _refuse("上传的文件为空")
    if size > MAX_BYTES:
        raise _refuse(f"文件“{name}”超过{MAX_BYTES // 1024 // 1024}MB上限")
    upload.seek(0)
    head = upload.read(16)
    found = sniff(head)
    if found is None:
        for magic, offset, ctype, exts in _MEDIA:
            if head[offset : offset + len(magic)] == magic and (
                ctype != "audio/wav" or head.startswith(b"RIFF")
            ):
                found = (ctype, exts)
                break
    if found is None:
        raise _refuse(f"文件“{name}”不是可接受的照片、PDF、音频或视频")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext and ext not in found[1]:
        raise _refuse(f"文件“{name}”的扩展名与实际内容（{found[0]}）不符，已拒收")
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return found[0], size, digest.hexdigest()


def add_evidence(
    case: Case,
    *,
    actor: Any,
    file: Any,
    kind: str,
    description: str,
    collected_at: dt.datetime | None = None,
    place: str = "",
) -> CaseEvidence:
    if not is_handler(actor, case):
        raise NotAllowed("只有本案承办人可以登记证据")
    if case.status in CLOSED:
        raise InvalidInput("本案已终结，不能再登记证据")
    if kind not in EvidenceKind.values:
        raise InvalidInput("请选择证据种类", fields={"kind": ["请选择证据种类"]})
    if not (description or "").strip():
        raise InvalidInput("请填写证明内容", fields={"description": ["请填写证明内容"]})
    if collected_at is not None and collected_at > timezone.now():
        raise InvalidInput("取证时间不能晚于现在", fields={"collected_at": ["取证时间不能晚于现在"]})
    ctype, size, sha = check_evidence_file(file)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        item = CaseEvidence.objects.create(
            case=locked,
            kind=kind,
            description=description.strip()[:300],
            file=file,
            original_name=(getattr(file, "name", "") or "")[:200],
            content_type=ctype,
            size=size,
            sha256=sha,
            collected_at=collected_at,
            place=place.strip()[:200],
            collector=actor,
        )
        CaseEvent.objects.create(
            case=locked,
            action="add_evidence",
            from_status=locked.status,
            to_status=locked.status,
            on_date=timezone.localdate(),
            actor=actor,
            summary=f"登记证据：{item.get_kind_display()} {item.description}"[:300],
            data={"evidence": item.pk, "sha256": sha},
        )
        record_event(
            "case.add_evidence",
            actor=actor,
            obj=locked,
            data={"evidence": item.pk, "sha256": sha, "size": size, "kind": kind},
        )
    return item


def supersede_evidence(item: CaseEvidence, *, actor: Any, reason: str) -> CaseEvidence:
    """Evidence is never deleted once the case is filed: it is marked superseded, with the reason."""
    if not is_handler(actor, item.case):
        raise NotAllowed("只有本案承办人可以作废证据")
    if not (reason or "").strip():
        raise InvalidInput("请写明作废理由", fields={"reason": ["请写明作废理由"]})
    with transaction.atomic():
        locked = CaseEvidence.objects.select_for_update().get(pk=item.pk)
        if locked.superseded_at is not None:
            raise InvalidInput("该证据已作废")
        locked.superseded_at, locked.superseded_reason = timezone.now(), reason.strip()[:300]
        locked.save(update_fields=["superseded_at", "superseded_reason"])
        record_event(
            "case.supersede_evidence",
            actor=actor,
            obj=locked.case,
            data={"evidence": locked.pk, "reason": reason},
        )
    return locked


def log_download(item: CaseEvidence, *, user: Any) -> None:
    with transaction.atomic():
        EvidenceDownload.objects.create(evidence=item, user=user)
        record_event("case.download_evidence", actor=user, obj=item.case, data={"evidence": item.pk})
