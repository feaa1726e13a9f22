"""Audit trail (全过程记录): hash chain, append-only triggers, tamper detection, concurrent writers."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.models import AuditChainHead, AuditEvent
from enforcement.core.services.audit import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditChainError,
    _number_token,
    ensure_chain_head,
    event_hash,
    record_event,
    row_hash,
)
from enforcement.core.services.audit_verify import verify_chain
from tests.factories import EnterpriseFactory

FIXTURES = Path(__file__).parent / "fixtures"
pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers and jsonb")

AWKWARD = {
    "zeta": {"b": [1, 2, {"yy": None, "x": True}], "a": "甲乙丙", "": "empty key"},
    "amount": Decimal("12345.60"),  # DjangoJSONEncoder → "12345.60"
    "fine_yuan": "20000.00",
    "on": dt.date(2026, 3, 1),
    "at": dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    "big_float": 1e20,  # jsonb prints 100000000000000000000 → read back as int
    "tiny": 1e-07,  # jsonb prints 0.0000001
    "one_point_oh": 1.0,
    "neg_zero": -0.0,
    "third": 1 / 3,
    "huge_int": 2**63 + 1,
    "emoji": "隐患😀\u200b",
    "nul": "a\x00b",
    "法条": ["《安全生产法》第九十九条", "第一百零五条"],
    "long_key_" + "k" * 40: 1,
    7: "int key",
}


def _chain(personas, n: int = 5) -> list[AuditEvent]:
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                record_event(
                    f"enterprise.update{i}", actor=personas.officer1, obj=enterprise, data={"i": i, **AWKWARD}
                )
            )
    return events


@contextmanager
def as_db_superuser() -> Iterator[object]:
    """What an attacker with superuser rights does: switch triggers off for this transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        yield cursor
        cursor.execute("SET LOCAL session_replication_role = origin")


def _first_break() -> tuple[str, int | None]:
    report = verify_chain(chunk_size=2)
    assert not report.intact
    assert report.first_break is not None
    return report.first_break.kind, report.first_break.seq


# --- writing and canonical form ----------------------------------------------------------------------


@pytest.mark.django_db
def test_record_event_links_rows_and_moves_the_head(personas):
    events = _chain(personas, 3)
    rows = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in rows] == [1, 2, 3]
    assert [e.id for e in rows] == [e.id for e in events]
    assert rows[0].prev_hash == GENESIS_HASH
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (3, rows[2].hash)
    first = rows[0]
    assert first.actor_id == personas.officer1.id
    assert first.actor_name == "王执法"
    assert first.agency_id_ref == personas.agencies.district_a.id
    assert first.content_type.app_label == "core"
    assert first.content_type.model == "enterprise"


@pytest.mark.django_db
def test_awkward_data_read_back_from_the_database_still_verifies(personas):
    event = _chain(personas, 1)[0]
    stored = AuditEvent.objects.get(pk=event.pk)
    # What the hash covers is what comes back: the database normalised these values …
    assert stored.data["amount"] == "12345.60"
    assert stored.data["on"] == "2026-03-01"
    assert stored.data["at"] == "2026-03-01T09:30:15.123+08:00"
    assert stored.data["nul"] == "ab"
    assert stored.data["7"] == "int key"
    assert stored.data["huge_int"] == 2**63 + 1
    if connection.vendor == "postgresql":
        assert stored.data["big_float"] == 100000000000000000000
        assert isinstance(stored.data["big_float"], int)
        assert list(stored.data["zeta"]) == ["", "a", "b"]  # jsonb orders keys by length
    # … and the chain verifies anyway, from the stored row.
    assert event_hash(stored) == event.hash
    report = verify_chain()
    assert (report.intact, report.count, report.last_seq) == (True, 1, 1)


@pg_only
@pytest.mark.django_db
def test_chain_written_on_sqlite_verifies_on_postgresql(db):
    """The fixture is ``dumpdata --natural-foreign`` of 4 events written by record_event on the SQLite demo
    database (awkward data, an object's content type as a natural key); jsonb re-orders and re-prints it."""
    with as_db_superuser():  # the head row is overwritten by the load: a restore, not an append
        call_command("loaddata", str(FIXTURES / "audit_chain_from_sqlite.json"), verbosity=0)
    report = verify_chain()
    assert (report.intact, report.count) == (True, 4)
    assert report.head_hash == "222bb1d92d717a3a6b7483fa87b34d49048ebe6c9a9141fc7e2b557facda17eb"
    assert AuditEvent.objects.get(seq=2).content_type.model == "agency"
    record_event("calendar.update", actor=None)  # and the chain continues on PostgreSQL
    assert verify_chain().count == 5


def test_number_tokens_equal_for_equal_values():
    assert _number_token(1e20) == _number_token(100000000000000000000) == "1e20"
    assert _number_token(1e-07) == _number_token(json.loads("0.0000001")) == "1e-7"
    assert _number_token(1.0) == _number_token(1) == "1e0"
    assert _number_token(-0.0) == _number_token(0) == "0"
    assert _number_token(2**63) != _number_token(2**63 + 1)
    assert _number_token(-12.5) == "-125e-1"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_token_survives_numeric_round_trip(value):
    """PostgreSQL jsonb keeps the exact decimal Python wrote and prints it without exponent."""
    printed = format(Decimal(repr(value)), "f")
    assert _number_token(json.loads(printed)) == _number_token(value)


@pytest.mark.django_db
def test_nan_is_refused_and_nothing_is_written(personas):
    with pytest.raises(ValueError):
        record_event("enterprise.update", actor=personas.officer1, data={"x": float("nan")})
    assert AuditEvent.objects.count() == 0
    assert AuditChainHead.objects.get(pk=1).last_seq == 0


@pytest.mark.django_db
def test_bad_action_codes_are_refused(db):
    for action in ("", "x" * 61):
        with pytest.raises(ValueError):
            record_event(action, actor=None)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_system_event_without_actor_or_object(personas):
    event = record_event("calendar.update", actor=None, agency_id=personas.agencies.city.id)
    assert (event.actor_id, event.actor_name, event.content_type_id, event.object_id) == (
        None,
        "系统",
        None,
        None,
    )
    assert event.agency_id_ref == personas.agencies.city.id


@pytest.mark.django_db
def test_agency_object_is_its_own_scope(personas):
    event = record_event("calendar.update", actor=personas.cityadmin, obj=personas.agencies.street_a)
    assert event.agency_id_ref == personas.agencies.street_a.id


@pg_only
@pytest.mark.django_db
def test_missing_head_refuses_to_write(personas):
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditchainhead")
    with pytest.raises(AuditChainError), transaction.atomic():
        record_event("calendar.update", actor=None)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_event_rolls_back_with_the_service_that_failed(personas):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event("enterprise.update", actor=personas.officer1)
        raise RuntimeError("guard failed after the event was written")
    assert AuditEvent.objects.count() == 0
    assert AuditChainHead.objects.get(pk=1).last_seq == 0
    assert record_event("enterprise.update", actor=personas.officer1).seq == 1


@pg_only
@pytest.mark.django_db
def test_ensure_chain_head_recreates_only_an_empty_chains_head(personas):
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditchainhead")
    ensure_chain_head()
    assert AuditChainHead.objects.values_list("pk", "last_seq", "last_hash").get() == (1, 0, GENESIS_HASH)
    record_event("calendar.update", actor=None)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditchainhead")
    ensure_chain_head()  # events exist: a missing head is for verify_audit to report, not to paper over
    assert not AuditChainHead.objects.exists()


# --- append-only triggers ----------------------------------------------------------------------------


@pg_only
@pytest.mark.django_db
def test_orm_update_and_delete_are_refused(personas):
    event = _chain(personas, 2)[0]
    for attempt in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(action="forged"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
        lambda: event.delete(),
        lambda: AuditChainHead.objects.filter(pk=1).update(last_seq=1),
        lambda: AuditChainHead.objects.filter(pk=1).delete(),
    ):
        with pytest.raises(DatabaseError, match="只能"), transaction.atomic():
            attempt()
    for table in ("core_auditevent", "core_auditchainhead"):
        with (
            pytest.raises(DatabaseError, match="TRUNCATE"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"TRUNCATE {table} CASCADE")
    assert AuditEvent.objects.get(pk=event.pk).action == "enterprise.update0"
    assert AuditChainHead.objects.get(pk=1).last_seq == 2
    assert verify_chain().intact


@pg_only
@pytest.mark.django_db
def test_head_can_only_move_to_an_appended_event(personas):
    _chain(personas, 2)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditChainHead.objects.filter(pk=1).update(last_seq=3, last_hash="f" * 64)
    assert AuditChainHead.objects.get(pk=1).last_seq == 2


# --- tamper detection (PostgreSQL, triggers bypassed like a DB superuser would) ------------------------


@pg_only
@pytest.mark.django_db
def test_edited_row_is_named(personas):
    _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("""UPDATE core_auditevent SET data = '{"i": 2, "amount": "1.00"}' WHERE seq = 3""")
    assert _first_break() == ("altered", 3)


@pg_only
@pytest.mark.django_db
def test_edit_with_trigger_disabled_and_recomputed_hash_breaks_the_next_link(personas):
    _chain(personas)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while FK checks are pending
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        forged = AuditEvent.objects.filter(seq=3).values("id", *HASHED_FIELDS).get()
        forged["actor_name"] = "别人"
        cursor.execute(
            "UPDATE core_auditevent SET actor_name = %s, hash = %s WHERE seq = 3", ["别人", row_hash(forged)]
        )
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
    assert _first_break() == ("relinked", 4)


@pg_only
@pytest.mark.django_db
def test_deleted_row_is_named_by_missing_seq_and_the_row_after(personas):
    events = _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 3")
    report = verify_chain()
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.seq, report.first_break.event_id) == (
        "missing",
        4,
        events[3].id,
    )
    assert "第 3 条缺失" in report.first_break.problem
    assert report.count == 2


@pg_only
@pytest.mark.django_db
def test_deleted_first_row_is_noticed(personas):
    _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 1")
    assert _first_break() == ("missing", 2)


@pg_only
@pytest.mark.django_db
def test_swapped_row_contents_are_reported_as_reordered(personas):
    _chain(personas)
    columns = [f for f in HASHED_FIELDS if f != "seq"] + ["hash"]
    assignments = ", ".join(f"{c} = b.{c}" for c in columns)
    with as_db_superuser() as cursor:
        cursor.execute(
            f"UPDATE core_auditevent a SET {assignments} FROM core_auditevent b "
            "WHERE (a.seq, b.seq) IN ((3, 4), (4, 3))"
        )
    report = verify_chain()
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.seq, report.first_break.action) == (
        "reordered",
        3,
        "enterprise.update3",
    )
    assert "原属第 4 条" in report.first_break.problem


@pg_only
@pytest.mark.django_db
def test_swapped_seq_numbers_are_reported_as_reordered(personas):
    _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("UPDATE core_auditevent SET seq = 1000 WHERE seq = 3")
        cursor.execute("UPDATE core_auditevent SET seq = 3 WHERE seq = 4")
        cursor.execute("UPDATE core_auditevent SET seq = 4 WHERE seq = 1000")
    assert _first_break() == ("reordered", 3)


@pg_only
@pytest.mark.django_db
def test_cut_tail_is_noticed_through_the_head(personas):
    events = _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq >= 4")
    report = verify_chain()
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.seq, report.first_break.event_id) == (
        "truncated",
        3,
        events[2].id,
    )
    assert "第 4–5 条被截去" in report.first_break.problem
    assert report.count == 3


@pg_only
@pytest.mark.django_db
def test_whole_chain_deleted_is_noticed(personas):
    _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    report = verify_chain()
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.seq, report.count) == ("truncated", None, 0)


@pg_only
@pytest.mark.django_db
def test_replaced_last_row_is_noticed_through_the_head_hash(personas):
    _chain(personas)
    with as_db_superuser() as cursor:
        forged = AuditEvent.objects.filter(seq=5).values("id", *HASHED_FIELDS).get()
        forged["action"] = "enterprise.delete"
        cursor.execute(
            "UPDATE core_auditevent SET action = %s, hash = %s WHERE seq = 5",
            ["enterprise.delete", row_hash(forged)],
        )
    assert _first_break() == ("head_mismatch", 5)


@pg_only
@pytest.mark.django_db
def test_row_appended_behind_the_lock_is_noticed(personas):
    events = _chain(personas)
    forged = AuditEvent(
        seq=6,
        created_at=events[-1].created_at,
        actor_name="系统",
        action="enterprise.update",
        data={},
        prev_hash=events[-1].hash,
    )
    forged.hash = event_hash(forged)
    AuditEvent.objects.bulk_create([forged])  # INSERT is allowed; the head was not moved
    assert _first_break() == ("beyond_head", 6)


@pg_only
@pytest.mark.django_db
def test_deleted_head_is_noticed(personas):
    _chain(personas, 2)
    with as_db_superuser() as cursor:
        cursor.execute("DELETE FROM core_auditchainhead")
    assert _first_break() == ("head_missing", 2)


# --- the command -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verify_audit_exits_zero_with_summary(personas, capsys):
    _chain(personas, 3)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "审计链完整：3 条" in out
    assert "audit chain intact: 3 events" in out


@pytest.mark.django_db
def test_verify_audit_on_an_empty_chain(db, capsys):
    call_command("verify_audit")
    assert "审计链完整：0 条" in capsys.readouterr().out


@pg_only
@pytest.mark.django_db
def test_verify_audit_exits_one_naming_the_first_broken_event(personas, capsys):
    events = _chain(personas)
    with as_db_superuser() as cursor:
        cursor.execute("""UPDATE core_auditevent SET object_repr = 'x' WHERE seq IN (2, 4)""")
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit", chunk_size=2)
    assert excinfo.value.returncode == 1
    out = capsys.readouterr().out
    assert f"seq=2, id={events[1].id}, action=enterprise.update1" in out
    assert "[altered]" in out
    assert "seq=4" not in out


# --- concurrency -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_one_verifiable_chain():
    writers, per_writer = 8, 6
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(per_writer):
                with transaction.atomic():
                    record_event("test.concurrent", actor=None, data={"writer": n, "i": i})
                    time.sleep(0.002)  # hold the lock a little: the others queue on it
        except BaseException as exc:  # noqa: BLE001  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    total = writers * per_writer
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    for n in range(writers):
        mine = AuditEvent.objects.filter(data__writer=n).order_by("seq").values_list("data__i", flat=True)
        assert list(mine) == list(range(per_writer))
    report = verify_chain()
    assert (report.intact, report.count, report.head_seq) == (True, total, total)
