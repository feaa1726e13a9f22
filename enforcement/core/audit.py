"""Writing to the audit trail (全过程记录). Every service calls ``record_event`` inside its transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _normalise_data(data: dict[str, Any] | None) -> dict[str, Any]:
    """JSON round-trip so the stored value equals what the database gives back."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_bytes(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    content_type_id: int | None,
    object_id: int | None,
    object_repr: str,
    agency_id_ref: int | None,
    data: dict[str, Any],
    ip_address: str,
    prev_hash: str,
) -> bytes:
    """The canonical serialisation a row's hash is computed over (identical on SQLite and PostgreSQL)."""
    payload = {
        "seq": seq,
        "created_at": created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "content_type_id": content_type_id,
        "object_id": object_id,
        "object_repr": object_repr,
        "agency_id_ref": agency_id_ref,
        "data": data,
        "ip_address": ip_address,
        "prev_hash": prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(
        canonical_bytes(
            seq=event.seq,
            created_at=event.created_at,
            actor_id=event.actor_id,
            actor_name=event.actor_name,
            action=event.action,
            content_type_id=event.content_type_id,
            object_id=event.object_id,
            object_repr=event.object_repr,
            agency_id_ref=event.agency_id_ref,
            data=event.data,
            ip_address=event.ip_address,
            prev_hash=event.prev_hash,
        )
    ).hexdigest()


def _agency_of(obj: Any) -> int | None:
    if obj is None:
        return None
    for attr in ("agency_id", "deciding_agency_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    return None


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    agency_id: int | None = None,
    data: dict[str, Any] | None = None,
    ip_address: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction (atomic is re-entrant).

    Serialises appends by locking the chain-head row, so concurrent writers never fork the chain.
    """
    from django.contrib.contenttypes.models import ContentType

    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditChainHead.objects.get_or_create(pk=1)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        now = timezone.now()
        actor_obj = actor if (actor is not None and getattr(actor, "pk", None)) else None
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=now,
            actor=actor_obj,
            actor_name=(getattr(actor_obj, "display_name", "") or getattr(actor_obj, "username", ""))
            if actor_obj
            else "系统",
            action=action,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=obj.pk if obj is not None else None,
            object_repr=str(obj)[:200] if obj is not None else "",
            agency_id_ref=agency_id if agency_id is not None else _agency_of(obj),
            data=_normalise_data(data),
            ip_address=ip_address,
            prev_hash=head.last_hash,
        )
        event.hash = event_hash(event)
        event.save(force_insert=True)
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event
