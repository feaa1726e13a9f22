"""PostgreSQL triggers that make the audit trail append-only (no-op on SQLite).

- ``core_auditevent``: any UPDATE or DELETE (row trigger) and TRUNCATE (statement trigger) raises;
- ``core_auditchainhead``: the head only moves forward one event at a time, to the hash of the event
  stored under that seq; DELETE and TRUNCATE raise. So cutting events from the end of the chain and
  winding the head back needs the triggers switched off, which only an owner/superuser can do — and
  ``verify_audit`` still notices the cut unless the head is rewritten too.

Kept in its own file so it survives a regeneration of core's schema migrations.
"""

from django.db import migrations

FORWARD_SQL = """
CREATE OR REPLACE FUNCTION core_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '全过程记录只能追加，不能修改或删除（% on %）', TG_OP, TG_TABLE_NAME
        USING HINT = 'core_auditevent is append-only';
END;
$$;

CREATE OR REPLACE FUNCTION core_auditchainhead_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.last_seq = OLD.last_seq + 1
       AND NEW.last_hash = (SELECT e.hash FROM core_auditevent e WHERE e.seq = NEW.last_seq) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '审计链头只能随新事件前移（% on %）', TG_OP, TG_TABLE_NAME
        USING HINT = 'core_auditchainhead moves forward one appended event at a time';
END;
$$;

CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_auditevent_no_truncate
    BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();
CREATE TRIGGER core_auditchainhead_forward_only
    BEFORE UPDATE OR DELETE ON core_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_forward_only();
CREATE TRIGGER core_auditchainhead_no_truncate
    BEFORE TRUNCATE ON core_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_change();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS core_auditchainhead_no_truncate ON core_auditchainhead;
DROP TRIGGER IF EXISTS core_auditchainhead_forward_only ON core_auditchainhead;
DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditchainhead_forward_only();
DROP FUNCTION IF EXISTS core_audit_refuse_change();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_chain_head")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
