"""pg_trgm GIN index on Violation.search_text for the as-you-type lookup (PostgreSQL only).

SQLite (the local demo) has no trigram index; the lookup there falls back to a plain LIKE scan,
which is fast enough at demo size. CREATE EXTENSION needs a role allowed to create it (the test
cluster runs as the superuser; in production the DBA creates the extension once).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS discretion_violation_search_trgm "
        "ON discretion_violation USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS discretion_violation_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("discretion", "0001_benchmark")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
