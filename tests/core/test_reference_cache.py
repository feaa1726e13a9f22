"""The reference-list cache (enforcement.core.services.reference_cache): per user, dropped by a bump, and an
evicted version key never brings back a list cached under an older version."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.cache import cache

from enforcement.core.services.reference_cache import bump, cached_for


def test_cached_per_user_until_bumped():
    alice, bob = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    assert cached_for(alice, "t", lambda: "a1") == "a1"
    assert cached_for(alice, "t", lambda: "a2") == "a1"  # from the cache
    assert cached_for(bob, "t", lambda: "b1") == "b1"  # another user's own list
    bump("t")
    assert cached_for(alice, "t", lambda: "a3") == "a3"


def test_an_evicted_version_never_brings_back_an_old_list():
    user = SimpleNamespace(pk=1)
    assert cached_for(user, "t", lambda: "old") == "old"
    cache.delete("refcache:t:version")  # the version key evicted, the list still cached
    assert cached_for(user, "t", lambda: "new") == "new"
    cache.delete("refcache:t:version")
    bump("t")  # a bump with no version key starts afresh too
    assert cached_for(user, "t", lambda: "newer") == "newer"
