"""seed_demo's cases part: every state up to the decision through the services; idempotent."""

from __future__ import annotations

from cases.demo import seed_cases
from cases.models import Case
from enforcement.core.models import AuditEvent
from tests.factories import EnterpriseFactory


def test_seed_covers_the_states_and_is_idempotent(cw):
    EnterpriseFactory.create_batch(10, agency=cw.personas.agencies.district_a)
    seed_cases()
    assert sorted(Case.objects.values_list("status", flat=True)) == sorted(
        [
            "draft",
            "submitted",
            "rejected",
            "filed",
            "investigation_closed",
            "notified",
            "waived",
            "decided",
            "hearing_requested",
            "legal_review",
            "no_penalty",
            "executing",  # partly paid
            "decided",  # served, overdue with surcharge
            "executing",  # 催告 served, court enforcement applied
        ]
    )
    from cases.services.payment_ledger import ledgers_for

    statuses = sorted(
        led.status
        for c in Case.objects.filter(status__in=["decided", "executing"]).exclude(decisions__served_on=None)
        for led in ledgers_for(c)
    )
    assert statuses == ["court_enforcement", "overdue", "partly_paid"]
    events = AuditEvent.objects.count()
    seed_cases()
    assert AuditEvent.objects.count() == events
