"""Short-lived caches of reference lists shown on busy pages (the people and agencies of a filter's
``<select>``), per user, dropped as soon as any row they are built from changes.

A list page for a head lists a few hundred officers and agencies in its filters on every request: two
queries and some Python that do not depend on the page's rows. ``cached_for(user, name, build)`` keeps what
``build()`` returns for ``TTL`` seconds under a key holding the namespace's *version*; saving or deleting a
row of a model registered with ``invalidate_on`` (or changing a user's groups, i.e. roles) bumps the version,
so the next request rebuilds. The TTL bounds what another process's cache (the default cache is per process
unless ``CACHES`` says otherwise) may show after a change it did not see — the lists are labels only: the
filter re-checks a chosen agency or handler against a fresh query of what the user may see."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
TTL = 60  # seconds
_VERSION = "refcache:{name}:version"


def version(name: str) -> int:
    """The namespace's current version (created on first use)."""
    key = _VERSION.format(name=name)
    current = cache.get(key)
    if current is None:  # first use, or evicted: start at a version no cached list can carry (the clock)
        cache.add(key, time.time_ns() // 1000, timeout=None)
        current = cache.get(key, 0)
    return int(current)


def bump(name: str) -> None:
    """Drop every cached list of the namespace (their keys hold the old version)."""
    key = _VERSION.format(name=name)
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): version() starts at a value never used before
        version(name)


def cached_for(user: Any, name: str, build: Callable[[], T], ttl: int = TTL) -> T:
    """``build()``'s result for ``user`` from the cache, or built and stored."""
    key = f"refcache:{name}:{version(name)}:{getattr(user, 'pk', None)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=ttl)
    return value


def invalidate_on(name: str, *models: Any, ignore_fields: frozenset[str] = frozenset()) -> None:
    """Bump ``name`` whenever a row of ``models`` is saved or deleted, or the groups of one change; a save
    that only writes ``ignore_fields`` (e.g. ``last_login`` at every login) leaves it alone."""

    def on_save(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
        if update_fields and set(update_fields) <= ignore_fields:
            return
        bump(name)

    def on_change(sender: Any, **kwargs: Any) -> None:
        bump(name)

    for model in models:
        uid = f"refcache:{name}:{model._meta.label}"
        post_save.connect(on_save, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(on_change, sender=model, dispatch_uid=uid, weak=False)
        groups = getattr(model, "groups", None)
        through = getattr(groups, "through", None)
        if through is not None:
            m2m_changed.connect(on_change, sender=through, dispatch_uid=f"{uid}:groups", weak=False)
