"""回避: an officer declared barred from inspecting an enterprise; 双随机 draws never give them that enterprise."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import Enterprise, User
from enforcement.core.services.audit import record_event

from ..models import OfficerRecusal
from .common import is_head_of, is_officer_of


def declare_recusal(*, actor: Any, officer: User, enterprise: Enterprise, reason: str) -> OfficerRecusal:
    """登记回避: the officer themself or the head of their agency; the enterprise must be of that agency."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请写明回避事由", fields={"reason": ["请写明回避事由"]})
    if officer.agency_id is None or not (
        (getattr(actor, "pk", None) == officer.pk and is_officer_of(actor, officer.agency_id))
        or is_head_of(actor, officer.agency_id)
    ):
        raise NotAllowed("只有执法人员本人或本机构负责人可以登记回避")
    if enterprise.agency_id != officer.agency_id:
        raise InvalidInput(
            "只能对本机构监管的企业登记回避", fields={"enterprise": ["只能对本机构监管的企业登记回避"]}
        )
    with transaction.atomic():
        if OfficerRecusal.objects.active().filter(officer=officer, enterprise=enterprise).exists():
            raise InvalidTransition("该执法人员已对该企业登记回避", code="recusal.exists")
        recusal = OfficerRecusal.objects.create(
            agency_id=officer.agency_id,
            officer=officer,
            enterprise=enterprise,
            reason=reason,
            created_by=actor,
        )
        record_event(
            "draw.recusal",
            actor=actor,
            obj=recusal,
            data={"officer": officer.pk, "enterprise": enterprise.pk, "reason": reason},
        )
    return recusal
