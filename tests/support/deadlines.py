"""Test-only deadline kinds and helpers (the subject of a test deadline is an Enterprise)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from enforcement.core.models import Deadline, Enterprise, User
from enforcement.core.registry import REGISTRY, DeadlineKind, register_deadline_kind
from enforcement.core.services.deadlines import open_deadline

# Four stages before the due date (the example) ...
KIND = DeadlineKind(
    code="TEST_RECTIFY",
    label="测试整改期限",
    basis="《中华人民共和国安全生产法》第六十五条",
    reminder_days=(7, 3, 1, 0),
)
# ... and one with a repeated overdue notice three days after the due date.
KIND_AFTER = DeadlineKind(
    code="TEST_PAYMENT",
    label="测试缴款期限",
    basis="《中华人民共和国行政处罚法》第六十七条",
    reminder_days=(1, 0, -3),
)


@pytest.fixture
def deadline_kinds() -> Iterator[tuple[DeadlineKind, DeadlineKind]]:
    """Register the test kinds for one test and restore the registry afterwards."""
    saved = dict(REGISTRY.deadline_kinds)
    # Only the test kinds: the scan's query count depends on how many reminder schedules exist.
    REGISTRY.deadline_kinds.clear()
    register_deadline_kind(KIND)
    register_deadline_kind(KIND_AFTER)
    try:
        yield KIND, KIND_AFTER
    finally:
        REGISTRY.deadline_kinds.clear()
        REGISTRY.deadline_kinds.update(saved)


def make_deadline(
    subject: Enterprise,
    due: dt.date,
    responsible: list[User],
    *,
    kind: str = KIND.code,
    title: str | None = None,
    actor: Any = None,
) -> Deadline:
    return open_deadline(
        subject=subject,
        kind=kind,
        title=title or f"{subject.name}整改",
        agency_id=subject.agency_id,
        due_date=due,
        start_date=due - dt.timedelta(days=15),
        length=15,
        responsible=responsible,
        actor=actor,
    )
