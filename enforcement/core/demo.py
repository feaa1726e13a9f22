"""Core demo data: agencies, personas, enterprises, the catalog, the calendar (filled by the core issue)."""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "Demo@2026"


def seed_core(*, scale: int = 0, stdout: Any = None) -> None:
    """Create the demo agency tree, personas and reference data. Safe to run twice."""
