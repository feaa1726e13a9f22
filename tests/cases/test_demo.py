"""seed_demo's cases part: every state up to the decision through the services; idempotent."""

from __future__ import annotations

from cases.demo import seed_cases
from cases.models import Case
from enforcement.core.models import AuditEvent
from tests.cases.demo_publication_checks import check_seeded_publications
from tests.factories import EnterpriseFactory


def test_seed_covers_the_states_and_is_idempotent(client, cw):
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
        ]
    )
    events = AuditEvent.objects.count()
    seed_cases()
    assert AuditEvent.objects.count() == events
    check_seeded_publications(client)
