"""Data migration: the audit chain-head row (pk=1) exists from migrate on.

``record_event`` locks this row to serialise appends and refuses to write when it is missing.
Kept in its own file so it survives a regeneration of core's schema migrations.
"""

from django.db import migrations


def create_chain_head(apps, schema_editor):
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    if AuditChainHead.objects.using(db).filter(pk=1).exists() or AuditEvent.objects.using(db).exists():
        return
    AuditChainHead.objects.using(db).create(pk=1, last_seq=0, last_hash="0" * 64)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_chain_head, migrations.RunPython.noop)]
