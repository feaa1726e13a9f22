"""“Verify this draw” (spec §3.3): re-run a draw from its record (seed, snapshots, parameters) with the pure
algorithm, compare the hashes with the record and with the audit trail's ``draw.run`` event, and compare the
snapshot with the live 名录库 (a changed pool is reported, the record still verifies)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from enforcement.core.exceptions import InvalidTransition
from enforcement.core.models import AuditEvent
from enforcement.core.services.audit import record_event

from ..choices import DrawStatus
from ..models import RandomDraw, RandomDrawSnapshot
from ..rules import draws as rules
from .draw_pools import live_pool
from .draws import quotas_of


@dataclass(frozen=True)
class DrawCheck:
    """What "verify this draw" found: the re-run from the record, the audit trail, and the live pool."""

    verification: rules.Verification
    audit_ok: bool
    live: rules.PoolDiff

    @property
    def ok(self) -> bool:
        return self.verification.ok and self.audit_ok

    def as_json(self) -> dict[str, Any]:
        v = self.verification
        return {
            "ok": self.ok,
            "reproduced": v.result_ok,
            "pool_hash_matches": v.pool_hash_ok,
            "officer_pool_hash_matches": v.officer_hash_ok,
            "audit_matches": self.audit_ok,
            "pool_unchanged": self.live.unchanged,
            "pool_added": len(self.live.added),
            "pool_removed": len(self.live.removed),
            "pool_changed": len(self.live.changed),
            "error": v.error,
        }

    def messages(self) -> list[str]:
        v = self.verification
        lines = [
            "按记录中的种子和快照重新抽取，结果一致" if v.result_ok else "按记录重新抽取的结果与记录不一致",
            "名录库快照哈希一致" if v.pool_hash_ok else "名录库快照与记录的哈希不一致（快照被改动）",
            "人员库快照哈希一致" if v.officer_hash_ok else "人员库快照与记录的哈希不一致（快照被改动）",
            "与全过程记录中的抽取事件一致" if self.audit_ok else "与全过程记录中的抽取事件不一致",
        ]
        if self.live.unchanged:
            lines.append("当前名录库与抽取时一致")
        else:
            lines.append(
                f"当前名录库已变化：新增{len(self.live.added)}家、减少{len(self.live.removed)}家、"
                f"类别变化{len(self.live.changed)}家（不影响按快照复核）"
            )
        if v.error:
            lines.append(v.error)
        return lines


def check_draw(draw: RandomDraw) -> DrawCheck:
    """Re-run ``draw`` from its record (pure), compare with the audit event and with the live pool."""
    snapshot = RandomDrawSnapshot.objects.get(draw=draw)
    candidates = rules.candidates_from_json(snapshot.candidates)
    verification = rules.verify(
        seed=draw.seed,
        candidates=candidates,
        officers=snapshot.officers,
        quotas=quotas_of(draw.parameters),
        team_size=int(draw.parameters.get("team_size", 2)),
        stored_pool_hash=draw.pool_hash,
        stored_officer_hash=draw.officer_pool_hash,
        stored_result=rules.selections_from_json(draw.result),
    )
    event = (
        AuditEvent.objects.filter(action="draw.run", object_id=draw.pk, content_type__model="randomdraw")
        .order_by("-seq")
        .values_list("data", flat=True)
        .first()
    )
    audit_ok = isinstance(event, dict) and all(
        str(event.get(k)) == str(getattr(draw, k))
        for k in ("seed", "pool_hash", "officer_pool_hash", "result_hash")
    )
    assert draw.drawn_at is not None
    live = rules.pool_diff(candidates, live_pool(draw, draw.drawn_at))
    return DrawCheck(verification, audit_ok, live)


def verify_draw(draw: RandomDraw, *, actor: Any) -> DrawCheck:
    """ "Verify this draw" for anyone who may see it; records who verified and what was found."""
    if draw.status == DrawStatus.DRAFT:
        raise InvalidTransition("该抽查任务尚未抽取，无可复核的结果", code="draw.not_drawn")
    check = check_draw(draw)
    with transaction.atomic():
        record_event("draw.verify", actor=actor, obj=draw, data=check.as_json())
    return check
