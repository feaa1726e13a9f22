"""seed_demo's cases part: every state up to the decision through the services; idempotent."""

from __future__ import annotations

from cases.demo import seed_cases
from cases.models import Case
from enforcement.core.models import AuditEvent
from tests.factories import EnterpriseFactory


def test_seed_covers_the_states_and_is_idempotent(cw):
    EnterpriseFactory.create_batch(12, agency=cw.personas.agencies.district_a)
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
            "hearing_scheduled",  # cases.demo_documents: the steps' 文书
            "decided",
        ]
    )
    events = AuditEvent.objects.count()
    seed_cases()
    assert AuditEvent.objects.count() == events
