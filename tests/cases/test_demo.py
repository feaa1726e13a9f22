"""seed_demo's cases part: every state up to the decision, then served (post, 公告送达) and a reconsideration
upheld, through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.demo import seed_cases
from cases.models import Case, CaseRemedy, CaseService
from enforcement.core.models import AuditEvent
from tests.cases.demo_publication_checks import check_seeded_publications
from tests.factories import EnterpriseFactory


def test_seed_covers_the_states_and_is_idempotent(client, cw):
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
            "decided",  # the summary case (当场处罚): handed over and paid on the spot
            "transferred",
            "executing",  # served by post
            "executing",  # served by public notice
            "executing",  # reconsideration upheld
            "executing",  # partly paid
            "executing",  # overdue with surcharge
            "executing",  # 催告 served, court enforcement applied
            "hearing_scheduled",  # cases.demo_documents: the steps' 文书
            "decided",
        ]
    )
    spot = Case.objects.get(procedure="summary")
    assert spot.summary_decision.cash_handed_in_on is not None and spot.summary_decision.filed_back_on is None
    assert Case.objects.get(status="transferred").transfers.get().received_on is not None
    services = list(CaseService.objects.order_by("id").values_list("method", "effective_on"))
    today = timezone.localdate()
    assert services[:3] == [
        ("post", today),
        ("public_notice", today + dt.timedelta(days=30)),
        ("direct", today),
    ]
    assert list(CaseRemedy.objects.values_list("kind", "outcome")) == [("reconsideration", "upheld")]
    from cases.services.payment_ledger import ledgers_for

    statuses = sorted(led.status for c in Case.objects.all() for led in ledgers_for(c))
    assert {"court_enforcement", "overdue", "partly_paid"} <= set(statuses)
    assert [led.status for led in ledgers_for(spot)] == ["paid"]  # cash collected on the spot
    events = AuditEvent.objects.count()
    seed_cases()
    assert AuditEvent.objects.count() == events
    check_seeded_publications(client)


def test_seed_archives_the_not_penalised_case(cw):
    """The closing part of seed_demo: the not-penalised case closed by the head and archived (documents
    rendered are skipped in this test, so the dossier is skipped with them); idempotent."""
    from cases.demo_archive import seed_archive

    EnterpriseFactory.create_batch(10, agency=cw.personas.agencies.district_a)
    seed_cases()
    seed_archive()
    archived = Case.objects.get(status="archived")
    assert archived.closure.ground == "no_penalty" and archived.closure.approved_by == cw.personas.head
    closed = Case.objects.get(status="closed")
    assert closed.procedure == "summary" and closed.closure.ground == "performed"
    events = AuditEvent.objects.count()
    seed_archive()
    assert AuditEvent.objects.count() == events
