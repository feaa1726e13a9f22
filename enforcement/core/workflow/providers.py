"""Named providers: one app offers a function another app calls without importing it.

Used for cross-app actions and facts (ERRATA "Access and layering"): the cases app registers
``hazard.file_case`` (open a case from a hazard) and ``enterprise.recently_penalised``; inspections asks for
them by name and, when nothing is registered, offers no such action. Registered from ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PROVIDERS: dict[str, Callable[..., Any]] = {}

# The names in use (so a typo fails loudly at registration).
HAZARD_FILE_CASE = "hazard.file_case"  # (hazard, *, actor, reason) -> the new case (a model instance)
RECENTLY_PENALISED = "enterprise.recently_penalised"  # (enterprise_ids, since: date) -> set of ids
KNOWN = frozenset({HAZARD_FILE_CASE, RECENTLY_PENALISED})


def register_provider(name: str, func: Callable[..., Any]) -> None:
    if name not in KNOWN:
        raise ValueError(f"unknown provider name {name!r}")
    _PROVIDERS[name] = func


def unregister_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def get_provider(name: str) -> Callable[..., Any] | None:
    return _PROVIDERS.get(name)
