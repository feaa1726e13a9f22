"""Trigram (pg_trgm) GIN index for the enterprise search (``?q=`` on the list page and the API).

``search_enterprises`` filters ``name__icontains`` (SQL ``UPPER(name) LIKE UPPER('%…%')``) or
``credit_code__startswith`` (served by the ``varchar_pattern_ops`` B-tree Django creates for the
unique code). A B-tree cannot serve a ``%…%`` pattern, so without this the name search reads the
whole table. The index is on the expression Django generates, ``UPPER(name)``, with
``gin_trgm_ops``, so the planner can combine it with the credit-code index (BitmapOr).

PostgreSQL only: the extension and the indexes are skipped on SQLite (the local demo), where the
search stays a plain ``LIKE`` scan. pg_trgm is a trusted extension (PostgreSQL ≥ 13), so the
database owner may create it. Note: a search text shorter than three characters (e.g. two Chinese
characters) yields no trigram; PostgreSQL then plans a sequential scan as before.

Kept in its own file (RunSQL only) so it survives a regeneration of core's schema migrations.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on other database vendors."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]  # Django's signature
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]  # Django's signature
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_append_only")]

    operations = [
        TrigramExtension(),
        PostgresOnlySQL(
            sql=[
                "CREATE INDEX IF NOT EXISTS core_enterprise_name_trgm "
                "ON core_enterprise USING gin (UPPER(name) gin_trgm_ops)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS core_enterprise_name_trgm",
            ],
        ),
    ]
