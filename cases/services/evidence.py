"""Evidence uploads and their chain of custody (spec §1.8; 行政处罚法 Art 46–47)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event
from enforcement.core.services.uploads import CASE_EVIDENCE, check_upload, stored_file

from ..choices import CaseStatus
from ..models import Case, CaseEvent, CaseEvidence, EvidenceDownload, EvidenceKind
from .common import is_handler

CLOSED = (CaseStatus.REJECTED, CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.TRANSFERRED)


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
    checked = check_upload(file, CASE_EVIDENCE)  # by its bytes: no markup, script or active content
    ctype, size, sha = checked.content_type, checked.size, checked.sha256
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        item = CaseEvidence.objects.create(
            case=locked,
            kind=kind,
            description=description.strip()[:300],
            file=stored_file(checked),  # a generated name, delivered only by the scoped download view
            original_name=checked.original_name,
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
        locked = CaseEvidence.objects.select_for_update().select_related("case").get(pk=item.pk)
        if locked.case.status == CaseStatus.ARCHIVED:
            raise InvalidTransition("案卷已归档，证据材料不得变更", code="case_frozen")
        if locked.superseded_at is not None:
            raise InvalidInput("该证据已作废")
        locked.superseded_at, locked.superseded_reason = timezone.now(), reason.strip()[:300]
        locked.superseded_by = actor
        locked.save(update_fields=["superseded_at", "superseded_reason", "superseded_by"])
        CaseEvent.objects.create(
            case=locked.case,
            action="supersede_evidence",
            from_status=locked.case.status,
            to_status=locked.case.status,
            on_date=timezone.localdate(),
            actor=actor,
            summary=f"作废证据：{locked.description}（理由：{locked.superseded_reason}）"[:300],
            data={"evidence": locked.pk},
        )
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
