"""Typed readers for environment variables (every variable is listed in .env.example)."""

from __future__ import annotations

import os


def env_str(name: str, default: str = "") -> str:
    """An empty value counts as unset (docker compose passes `NAME=` lines from .env as empty strings)."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return int(raw)


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return list(default or [])
    return [part.strip() for part in raw.split(",") if part.strip()]
