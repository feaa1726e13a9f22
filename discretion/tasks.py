"""Celery tasks of discretion. Thin: JSON arguments, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    name="discretion.tasks.rebuild_search_index_task",
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),  # transient database trouble only
    retry_backoff=True,
    max_retries=3,
)
def rebuild_search_index_task() -> str:
    """Rebuild the violation search index from the database and store it on disk under its signature,
    where every web process picks it up on its next search. Idempotent: a rebuild of an unchanged
    catalogue writes the same index again. Returns the signature built."""
    from django.core.cache import cache

    from .search import store

    try:
        idx = store.build_index()
        store.install(idx)
    finally:
        cache.delete("discretion:search-rebuild")
    return idx.signature
