"""检查方案抽查: each sampled scheme is found compliant or returned with reasons."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event

from ..choices import SchemeCheckStatus
from ..models import SchemeCheck
from .campaigns import may_manage


def check_scheme(check: SchemeCheck, *, actor: Any, compliant: bool, reasons: str = "") -> SchemeCheck:
    """Record the conclusion; a returned scheme needs the reasons. Once only."""
    if not compliant and not reasons.strip():
        raise InvalidInput("退回须说明理由", fields={"reasons": ["请填写退回理由"]})
    with transaction.atomic():
        locked = SchemeCheck.objects.select_for_update().select_related("campaign__agency").get(pk=check.pk)
        if not may_manage(actor, locked.campaign):
            raise NotAllowed("只有组织抽查的执法监督人员可以审查检查方案")
        if locked.status != SchemeCheckStatus.PENDING:
            raise InvalidTransition("该检查方案已审查")
        locked.status = SchemeCheckStatus.COMPLIANT if compliant else SchemeCheckStatus.RETURNED
        locked.reasons = reasons.strip()
        locked.checked_by = actor
        locked.checked_at = timezone.now()
        locked.save(update_fields=["status", "reasons", "checked_by", "checked_at"])
        record_event(
            "supervision.scheme_check",
            actor=actor,
            obj=locked,
            data={"scheme": locked.scheme_id, "result": locked.status, "reason": locked.reasons},
        )
    return locked
