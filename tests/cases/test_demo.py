"""seed_demo's cases part: every state up to the decision, then served (post, 公告送达) and a reconsideration
upheld, through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.demo import seed_cases
from cases.models import Case, CaseRemedy, CaseService
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
            "decided",  # the summary case (当场处罚)
            "transferred",
            "executing",
            "executing",
            "executing",
        ]
    )
    spot = Case.objects.get(procedure="summary")
    assert spot.summary_decision.cash_handed_in_on is not None and spot.summary_decision.filed_back_on is None
    assert Case.objects.get(status="transferred").transfers.get().received_on is not None
    services = list(CaseService.objects.order_by("id").values_list("method", "effective_on"))
    today = timezone.localdate()
    assert services == [("post", today), ("public_notice", today + dt.timedelta(days=30)), ("direct", today)]
    assert list(CaseRemedy.objects.values_list("kind", "outcome")) == [("reconsideration", "upheld")]
    events = AuditEvent.objects.count()
    seed_cases()
    assert AuditEvent.objects.count() == events


def test_seed_archives_the_not_penalised_case(cw):
    """The closing part of seed_demo: the not-penalised case closed by the head and archived (documents
    rendered are skipped in this test, so the dossier is skipped with them); idempotent."""
    from cases.demo_archive import seed_archive

    EnterpriseFactory.create_batch(10, agency=cw.personas.agencies.district_a)
    seed_cases()
    seed_archive()
    archived = Case.objects.get(status="archived")
    assert archived.closure.ground == "no_penalty" and archived.closure.approved_by == cw.personas.head
    events = AuditEvent.objects.count()
    seed_archive()
    assert AuditEvent.objects.count() == events
