"""Build training-app states through the real services (so events, audit rows and deadlines exist)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from training import services
from training.choices import TrainingKind, TrainingResult
from training.models import Certificate


def pass_exam(officer, *, actor, on: dt.date):
    return services.record_training(
        officer,
        actor=actor,
        kind=TrainingKind.QUALIFICATION_EXAM,
        title="行政执法资格考试",
        start_on=on,
        hours=Decimal("0"),
        result=TrainingResult.PASSED,
        score=Decimal("86"),
    )


_numbers = iter(range(1, 10**6))


def give_certificate(
    officer, *, actor, issued_on: dt.date, expires_on: dt.date | None = None, number: str | None = None
) -> Certificate:
    """申领 → 考试合格 → 核发, all through services."""
    cert = services.apply_certificate(officer, actor=actor, applied_on=issued_on - dt.timedelta(days=30))
    pass_exam(officer, actor=actor, on=issued_on - dt.timedelta(days=10))
    return services.issue_certificate(
        cert,
        actor=actor,
        number=number or f"32011100{next(_numbers):04d}",
        issuing_authority="江苏省人民政府",
        issued_on=issued_on,
        expires_on=expires_on,
    )
