"""seed_demo's training part: personas get certificates and training; idempotent; missing users skipped."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from enforcement.core.models import AuditEvent, Deadline
from training import dashboard
from training.demo import bulk_officers, seed_training
from training.guards import may_enforce, may_review
from training.models import Certificate, TrainingRecord


def test_seed_gives_personas_their_states_and_is_idempotent(personas):
    seed_training()
    verdicts = {
        name: may_enforce(getattr(personas, name))
        for name in ("officer1", "officer2", "head", "supervisor", "cityadmin", "reviewer")
    }
    assert {k: v.allowed for k, v in verdicts.items()} == dict.fromkeys(verdicts, True)
    expired = may_enforce(personas.expired)
    assert (
        expired.allowed is False
        and expired.reasons[0].startswith("执法证已于")
        and expired.reasons[0].endswith("过期")
    )
    assert may_enforce(personas.assistant).reasons == ("辅助人员不得独立执法", "无执法证")
    assert not Certificate.objects.filter(holder=personas.assistant).exists()
    assert may_review(personas.reviewer).allowed is True
    # head_b may enforce, and their certificate is inside the dashboard's 90-day window
    today = timezone.localdate()
    assert may_enforce(personas.head_b).allowed is True
    cert = Certificate.objects.get(holder=personas.head_b)
    assert cert.expires_on == today + dt.timedelta(days=60)
    district_b = personas.agencies.district_b
    assert list(dashboard.drilldown(district_b, "expiring", today).values_list("username", flat=True)) == [
        "head_b"
    ]
    assert Deadline.objects.get(kind="training.cert_expiry", object_id=cert.pk).due_date == cert.expires_on
    counts = (Certificate.objects.count(), TrainingRecord.objects.count(), AuditEvent.objects.count())
    seed_training()
    assert (Certificate.objects.count(), TrainingRecord.objects.count(), AuditEvent.objects.count()) == counts


def test_seed_without_users_does_nothing(db):
    seed_training()
    assert Certificate.objects.count() == 0


def test_bulk_officers_idempotent(agencies):
    assert bulk_officers(50) == 50
    assert bulk_officers(50) == 0
    assert bulk_officers(60) == 10
