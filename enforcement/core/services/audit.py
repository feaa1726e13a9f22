"""Writing to the audit trail (全过程记录). Every service calls ``record_event`` inside its transaction.

The chain
---------
Each ``AuditEvent`` stores ``prev_hash`` (the previous event's hash) and ``hash`` =
SHA-256 over a *canonical serialisation* of its own columns (including ``seq`` and ``prev_hash``).
Appends are serialised by locking the single ``AuditChainHead`` row (pk=1, created by migration
``core/0002_audit_chain_head``), which also records the last seq and hash so that rows cut from the end
of the chain are noticed by ``verify_chain`` (``enforcement.core.services.audit_verify``).

Canonical serialisation (version 1)
-----------------------------------
The hash is computed over values *as the database gives them back*, so that an intact chain verifies
the same on SQLite and PostgreSQL and after a dump/restore between them:

- ``created_at``: UTC, microseconds, ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (written truncated to whole
  milliseconds, which every serialisation of a datetime keeps: SQLite text, PostgreSQL timestamptz,
  ``dumpdata`` JSON);
- ``content_type``: ``"app_label.model"`` rather than the numeric id (ids differ between databases;
  the natural key survives ``dumpdata``/``loaddata``);
- ``data``: the JSON value after a JSON round trip (``DjangoJSONEncoder``: Decimal → string,
  date → ISO string), written with sorted keys (PostgreSQL ``jsonb`` reorders keys) and every number
  as its shortest exact decimal ``<digits>e<exponent>`` (``jsonb`` stores numbers as ``numeric`` and
  prints ``1e+20`` as ``100000000000000000000``, ``1e-07`` as ``0.0000001``; both read back to the
  same value, hence the same token). ``1`` and ``1.0`` are the same JSON number and hash the same;
- strings lose NUL characters and unpaired surrogates before they are stored (PostgreSQL refuses
  them), so what is hashed is what is stored.

``record_event`` additionally reads the inserted row back and refuses (rolls back) if its recomputed
hash differs, so a value the database normalises in some unforeseen way fails at write time instead of
breaking the chain later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

from ..middleware.request_context import current_context
from ..models import Agency, AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
HEAD_PK = 1
CANONICAL_VERSION = 1
ACTION_MAX_LENGTH = 60  # AuditEvent.action

# Columns a row's hash covers, in the order ``verify_chain`` reads them.
HASHED_FIELDS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_name",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "agency_id_ref",
    "data",
    "ip_address",
    "prev_hash",
)


class AuditChainError(RuntimeError):
    """The chain cannot be appended to (head row missing, or a stored row does not hash back)."""


# --- canonical serialisation -------------------------------------------------------------------------


def _clean_str(value: str) -> str:
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # unpaired surrogates: PostgreSQL refuses them, so never store them
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, dict):
        return {_clean_str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def diff_value(value: Any) -> Any:
    """A field value as services put it in an audit diff ``{field: [old, new]}``: a related row as its
    primary key, a date as ISO text, anything else unchanged."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def normalise_data(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """The JSON object as the database will give it back (JSON round trip, cleaned strings).

    Raises ``ValueError`` for NaN/Infinity (not JSON; PostgreSQL refuses them) and ``TypeError`` for
    values ``DjangoJSONEncoder`` cannot encode.
    """
    if data is not None and not isinstance(data, Mapping):
        raise TypeError("audit data must be a mapping (JSON object)")
    text = json.dumps(dict(data or {}), cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False)
    result = _clean(json.loads(text))
    assert isinstance(result, dict)
    return result


def _number_token(value: int | float) -> str:
    """Shortest exact decimal as ``<digits>e<exp>`` (``0`` for zero): one token per numeric value."""
    if isinstance(value, int):
        sign, digits, exponent = value < 0, str(abs(value)), 0
    else:
        number = Decimal(repr(value))
        if not number.is_finite():
            raise ValueError("non-finite number in audit data")
        sign_bit, digits_t, exp = number.as_tuple()
        assert isinstance(exp, int)
        sign, digits, exponent = bool(sign_bit), "".join(map(str, digits_t)), exp
    digits = digits.lstrip("0")
    if not digits:
        return "0"
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    return f"{'-' if sign else ''}{stripped}e{exponent}"


# ``json.dumps(s, ensure_ascii=False)`` for a str, without building an encoder per call.
_quote = json.encoder.encode_basestring


def _canonical_json(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return _number_token(value)
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical_json(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(((str(k), v) for k, v in value.items()), key=lambda kv: kv[0])
        return "{" + ",".join(f"{_quote(k)}:{_canonical_json(v)}" for k, v in items) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def content_type_label(content_type_id: int | None) -> str | None:
    """``app_label.model`` for a content type id (cached by ContentType's manager)."""
    if content_type_id is None:
        return None
    ct = ContentType.objects.get_for_id(content_type_id)
    return f"{ct.app_label}.{ct.model}"


def _utc_text(value: dt.datetime) -> str:
    if timezone.is_naive(value):
        raise ValueError("audit timestamps must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(row: Mapping[str, Any]) -> bytes:
    """The canonical serialisation a row's hash is computed over (see the module docstring).

    ``row`` maps every name in ``HASHED_FIELDS`` to the stored value.
    """
    payload = {
        "v": CANONICAL_VERSION,
        "seq": row["seq"],
        "created_at": _utc_text(row["created_at"]),
        "actor_id": row["actor_id"],
        "actor_name": row["actor_name"],
        "action": row["action"],
        "content_type": content_type_label(row["content_type_id"]),
        "object_id": row["object_id"],
        "object_repr": row["object_repr"],
        "agency_id_ref": row["agency_id_ref"],
        "data": row["data"],
        "ip_address": row["ip_address"],
        "prev_hash": row["prev_hash"],
    }
    return _canonical_json(payload).encode("utf-8")


def row_hash(row: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(row)).hexdigest()


def event_hash(event: AuditEvent) -> str:
    """Hash of an event from its current attribute values."""
    return row_hash({name: getattr(event, name) for name in HASHED_FIELDS})


# --- appending ---------------------------------------------------------------------------------------


def _agency_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Agency):
        return int(obj.pk)
    for attr in ("agency_id", "deciding_agency_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    return None


def ensure_chain_head(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Create the chain-head row if it is missing and the chain is empty (post_migrate, e.g. after flush).

    Never re-creates a head for a non-empty chain: that is tampering, for ``verify_audit`` to report.
    """
    if AuditChainHead._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards past the audit tables
    heads = AuditChainHead.objects.using(using)
    if heads.filter(pk=HEAD_PK).exists() or AuditEvent.objects.using(using).exists():
        return
    heads.bulk_create([AuditChainHead(pk=HEAD_PK)], ignore_conflicts=True)


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    agency_id: int | None = None,
    data: Mapping[str, Any] | None = None,
    ip_address: str = "",
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction.

    Preconditions: the chain-head row exists (migration ``core/0002_audit_chain_head``).
    Effects: locks the head row (``select_for_update``: concurrent writers queue, the chain never forks),
    inserts the event with ``seq = head.last_seq + 1`` and ``prev_hash = head.last_hash``, reads it back,
    moves the head. ``agency_id`` defaults to ``obj``'s agency (``agency_id``/``deciding_agency_id``,
    or the object itself when it is an Agency); it decides who may see the event.
    Raises ``AuditChainError`` when the head row is missing or the stored row does not hash back,
    ``ip_address`` defaults to the current request's client address (``middleware.request_context``).
    ``ValueError``/``TypeError`` for data that is not JSON (NaN, arbitrary objects). Any failure rolls
    back the caller's transaction too (no savepoint): a state change without its event never commits.
    """
    if not action or len(action) > ACTION_MAX_LENGTH:
        raise ValueError(f"audit action code must be 1–60 characters: {action!r}")
    actor_obj = actor if (actor is not None and getattr(actor, "pk", None) is not None) else None
    event = AuditEvent(
        actor=actor_obj,
        actor_name=(actor_obj.display_name if hasattr(actor_obj, "display_name") else str(actor_obj))[:100]
        if actor_obj is not None
        else "系统",
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=int(obj.pk) if obj is not None else None,
        object_repr=_clean_str(str(obj))[:200] if obj is not None else "",
        agency_id_ref=agency_id if agency_id is not None else _agency_of(obj),
        data=normalise_data(data),
        ip_address=_clean_str(ip_address or current_context().ip_address)[:45],
    )
    event.actor_name = _clean_str(event.actor_name)
    with transaction.atomic(savepoint=False):
        head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
        if head is None:
            raise AuditChainError(
                "审计链头缺失（core_auditchainhead pk=1），请运行 migrate 并执行 verify_audit"
            )
        event.seq = head.last_seq + 1
        event.prev_hash = head.last_hash
        now = timezone.now()
        # Whole milliseconds: Django's JSON serialiser (dumpdata, DjangoJSONEncoder) keeps only
        # milliseconds, so a chain moved between databases with dumpdata/loaddata still verifies.
        event.created_at = now.replace(microsecond=now.microsecond // 1000 * 1000)
        event.hash = event_hash(event)
        event.save(force_insert=True)
        stored = AuditEvent.objects.filter(pk=event.pk).values(*HASHED_FIELDS).get()
        if row_hash(stored) != event.hash:
            raise AuditChainError(f"审计事件 #{event.seq} 写入后读回的内容与哈希不一致，已拒绝写入")
        AuditChainHead.objects.filter(pk=HEAD_PK).update(last_seq=event.seq, last_hash=event.hash)
    return event
