"""Verifying the audit chain (全过程记录): used by ``manage.py verify_audit`` and the audit page.

``verify_chain`` walks the events in ``seq`` order in chunks and stops at the first broken one:

- a gap in ``seq`` → rows deleted (names the missing seq and the row after the gap);
- a row whose recomputed hash differs from the stored one → the row was altered; if its content hashes
  correctly under another seq it was moved (rows reordered / contents swapped);
- a row whose ``prev_hash`` is not the previous row's hash → rows re-linked (inserted, reordered, or the
  previous row rewritten together with its hash);
- the chain head (``AuditChainHead``) ahead of the last row → rows cut from the end; head hash different
  from the last row's → the last row replaced; rows beyond the head → rows appended behind the lock.

What a hash chain without a secret cannot notice: someone with database superuser rights who rewrites
a row *and* recomputes every later hash and the head. Record the head hash printed by ``verify_audit``
somewhere else (a ticket, a signed report) to anchor it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Max

from ..models import AuditChainHead, AuditEvent
from .audit import GENESIS_HASH, HASHED_FIELDS, HEAD_PK, row_hash

REORDER_WINDOW = 50


@dataclass(frozen=True)
class ChainBreak:
    """The first broken place in the chain.

    ``kind``: missing | altered | reordered | relinked | truncated | head_mismatch | beyond_head | head_missing.
    ``seq``/``event_id``/``action`` name the event where the break shows (``None`` when no row remains).
    """

    kind: str
    seq: int | None
    event_id: int | None
    action: str
    problem: str

    def describe(self) -> str:
        where = (
            f"第 {self.seq} 条（seq={self.seq}, id={self.event_id}, action={self.action}）"
            if self.seq is not None
            else "（无剩余事件）"
        )
        return f"{where} [{self.kind}] {self.problem}"


@dataclass(frozen=True)
class ChainReport:
    """Outcome of ``verify_chain``. ``count`` = events checked before stopping."""

    intact: bool
    count: int
    last_seq: int
    last_hash: str
    head_seq: int | None
    head_hash: str | None
    first_break: ChainBreak | None
    seconds: float

    @property
    def summary(self) -> str:
        if self.intact:
            return (
                f"审计链完整：{self.count} 条 / audit chain intact: {self.count} events "
                f"(head seq={self.head_seq}, hash={self.head_hash})"
            )
        assert self.first_break is not None
        return f"审计链已被破坏 / audit chain BROKEN: {self.first_break.describe()}"


def _moved_from(row: Mapping[str, Any]) -> int | None:
    """The seq under which this row's content does hash to its stored hash, if near its current seq."""
    seq = int(row["seq"])
    for candidate in range(max(1, seq - REORDER_WINDOW), seq + REORDER_WINDOW + 1):
        if candidate != seq and row_hash({**row, "seq": candidate}) == row["hash"]:
            return candidate
    return None


def _check_row(
    row: Mapping[str, Any], prev: Mapping[str, Any] | None, expected_seq: int
) -> ChainBreak | None:
    seq, event_id, action = int(row["seq"]), int(row["id"]), str(row["action"])

    def brk(kind: str, problem: str) -> ChainBreak:
        return ChainBreak(kind, seq, event_id, action, problem)

    if seq != expected_seq:
        missing = f"第 {expected_seq} 条" if seq == expected_seq + 1 else f"第 {expected_seq}–{seq - 1} 条"
        return brk(
            "missing",
            f"{missing}缺失（被删除），缺口之后的一条是第 {seq} 条 / "
            f"seq {expected_seq}..{seq - 1} missing (deleted) before this event",
        )
    if row_hash(row) != row["hash"]:
        origin = _moved_from(row)
        if origin is not None:
            return brk(
                "reordered",
                f"该行内容原属第 {origin} 条，记录顺序被调换 / content belongs at seq {origin}: rows reordered",
            )
        return brk(
            "altered",
            "按存储内容重算的哈希与存储的哈希不符，记录被篡改 / recomputed hash differs: row altered",
        )
    expected_prev = prev["hash"] if prev is not None else GENESIS_HASH
    if row["prev_hash"] != expected_prev:
        before = f"第 {prev['seq']} 条" if prev is not None else "创世值"
        return brk(
            "relinked",
            f"prev_hash 与{before}的哈希不符（记录被插入、调换，或前一条被改写并重算哈希） / "
            "prev_hash does not match the previous event's hash",
        )
    return None


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the whole chain and report the first broken event (read-only; no audit event is written).

    Reads the head first and only walks events up to it, so events appended meanwhile are not
    mistaken for breaks; rows beyond a head read afterwards are reported.
    """
    started = time.monotonic()
    head = AuditChainHead.objects.filter(pk=HEAD_PK).values("last_seq", "last_hash").first()
    head_seq = int(head["last_seq"]) if head else None
    head_hash = str(head["last_hash"]) if head else None

    rows = AuditEvent.objects.order_by("seq").values("id", "hash", *HASHED_FIELDS)
    if head_seq is not None:
        rows = rows.filter(seq__lte=head_seq)

    count = 0
    prev: dict[str, Any] | None = None
    first_break: ChainBreak | None = None
    # PostgreSQL streams through a server-side cursor only inside a transaction; SQLite (demo) would
    # take its write lock for an IMMEDIATE transaction, and its iterator streams anyway.
    with transaction.atomic() if connection.vendor == "postgresql" else nullcontext():
        for row in rows.iterator(chunk_size=chunk_size):
            first_break = _check_row(row, prev, (int(prev["seq"]) + 1) if prev is not None else 1)
            if first_break is not None:
                break
            count += 1
            prev = row

    last_seq = int(prev["seq"]) if prev is not None else 0
    last_hash = str(prev["hash"]) if prev is not None else GENESIS_HASH
    if first_break is None:
        first_break = _check_head(prev, last_seq, last_hash, head_seq, head_hash)
    return ChainReport(
        intact=first_break is None,
        count=count,
        last_seq=last_seq,
        last_hash=last_hash,
        head_seq=head_seq,
        head_hash=head_hash,
        first_break=first_break,
        seconds=time.monotonic() - started,
    )


def _check_head(
    last: Mapping[str, Any] | None, last_seq: int, last_hash: str, head_seq: int | None, head_hash: str | None
) -> ChainBreak | None:
    seq = int(last["seq"]) if last is not None else None
    event_id = int(last["id"]) if last is not None else None
    action = str(last["action"]) if last is not None else ""
    if head_seq is None:
        if last is None and not AuditEvent.objects.exists():
            return None
        return ChainBreak(
            "head_missing",
            seq,
            event_id,
            action,
            "审计链头缺失，无法确认链尾是否被截断 / chain head row missing",
        )
    if last_seq < head_seq:
        return ChainBreak(
            "truncated",
            seq,
            event_id,
            action,
            f"链头记录到第 {head_seq} 条，表中最后一条为第 {last_seq} 条：第 {last_seq + 1}–{head_seq} 条被截去 / "
            f"events {last_seq + 1}..{head_seq} cut from the end",
        )
    if last_hash != head_hash:
        return ChainBreak(
            "head_mismatch",
            seq,
            event_id,
            action,
            "最后一条的哈希与链头记录不符（最后一条被替换） / last event's hash differs from the chain head",
        )
    # Max first, head second: a writer commits its event and the head together, so an honest head read
    # later is never behind an event read earlier.
    max_seq = AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0
    now_head = AuditChainHead.objects.filter(pk=HEAD_PK).values_list("last_seq", flat=True).first() or 0
    if max_seq > now_head:
        extra = (
            AuditEvent.objects.filter(seq__gt=now_head).order_by("seq").values("seq", "id", "action").first()
        )
        if extra is not None:
            return ChainBreak(
                "beyond_head",
                int(extra["seq"]),
                int(extra["id"]),
                str(extra["action"]),
                f"该事件位于链头（第 {now_head} 条）之后，未经加锁追加 / event beyond the chain head",
            )
    return None
