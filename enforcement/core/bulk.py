"""Bulk writing for ``seed_demo --scale`` (benchmark volume, not through the services): PostgreSQL gets
``COPY … FROM STDIN`` with ids taken from the table's sequence; other databases ``bulk_create``.

Rows are plain dicts keyed by field ``attname`` (``agency_id``, not ``agency``); every row of one call gives
the same keys. Columns a row does not give are written as their field's default."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Max


def use_copy() -> bool:
    return connection.vendor == "postgresql"


def next_ids(model: type[models.Model], n: int) -> list[int]:
    """``n`` fresh primary keys for ``model`` (from its sequence on PostgreSQL, after the highest id else)."""
    if n == 0:
        return []
    if use_copy():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, n],
            )
            return [r[0] for r in cursor.fetchall()]
    top = model._default_manager.aggregate(m=Max("id"))["m"] or 0
    return list(range(top + 1, top + 1 + n))


def copy_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` into ``model``'s table as they are (no ``save()``, no signals, no auto_now)."""
    if not rows:
        return
    if not use_copy():
        model._default_manager.bulk_create([model(**r) for r in rows], batch_size=500)
        return
    given = rows[0].keys()
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    # the columns a row gives, each with its converter; the others once, as their default's text
    written = [(f.attname, _converter(f)) for f in fields if f.attname in given]
    fixed = "".join("\t" + _converter(f)(f.get_default()) for f in fields if f.attname not in given)
    lines = ["\t".join([conv(r[name]) for name, conv in written]) + fixed for r in rows]
    buffer = io.StringIO("\n".join(lines) + "\n")
    order = [f for f in fields if f.attname in given] + [f for f in fields if f.attname not in given]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in order)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", buffer)


def analyze(*models_: type[models.Model]) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL only)."""
    if use_copy():
        with connection.cursor() as cursor:
            for model in models_:
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def top_up(
    label: str,
    have: int,
    total: int,
    write: Callable[[range], None],
    *,
    batch: int,
    analyzed: Iterable[type[models.Model]] = (),
    stdout: Any = None,
) -> int:
    """Write the bulk rows ``have .. total-1`` by ``write(range)`` in batches of ``batch``, one transaction
    each (a long run interrupted keeps what it wrote; the next run tops up from there), then refresh the
    planner's statistics of ``analyzed``. Returns how many were added."""
    if have >= total:
        return 0
    start = have
    while start < total:
        end = min(total, start + batch)
        with transaction.atomic():
            write(range(start, end))
        start = end
        say(stdout, f"  {label}: bulk {end}/{total}")
    analyze(*analyzed)
    return total - have


def say(stdout: Any, text: str) -> None:
    """A progress line of a demo seeder (nothing without ``stdout``)."""
    if stdout is not None:
        stdout.write(text)


def _escape(text: str) -> str:
    """Text in PostgreSQL's COPY text format."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _converter(field: models.Field) -> Any:  # type: ignore[type-arg]
    """value → COPY text for one column (None → NULL)."""
    if isinstance(field, models.BooleanField):
        return lambda v: "\\N" if v is None else ("t" if v else "f")
    if isinstance(field, models.JSONField):
        return lambda v: "\\N" if v is None else _escape(json.dumps(v, ensure_ascii=False))
    if isinstance(field, (models.DateField, models.DateTimeField)):
        return lambda v: "\\N" if v is None else v.isoformat()
    if isinstance(field, (models.CharField, models.TextField)):
        return lambda v: "\\N" if v is None else _escape(v)
    return lambda v: "\\N" if v is None else str(v)
