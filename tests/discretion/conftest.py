"""Fixtures of the discretion tests: the seed benchmark loaded through its service."""

from __future__ import annotations

import pytest

from discretion.models import BenchmarkVersion
from discretion.services import load_seed_benchmark


@pytest.fixture
def benchmark(db: None) -> BenchmarkVersion:
    load_seed_benchmark()
    return BenchmarkVersion.objects.get(code="YJ-2024-90")
