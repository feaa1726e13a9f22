"""Fixtures of the training tests (certificates built through the real services)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def frozen():
    """Freeze time on 2026-06-01 09:00 Asia/Shanghai."""
    with time_machine.travel(
        dt.datetime(2026, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield TODAY
