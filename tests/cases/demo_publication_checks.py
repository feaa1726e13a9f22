"""Checks of seed_demo's 公示 and 信用 part: published decisions, one withdrawn after an approved credit repair;
idempotent; the public list shows the live one only."""

from __future__ import annotations

from cases.demo_publication import seed_publications
from cases.models import CreditRecord, CreditRepair, Publication, WithdrawalKind
from enforcement.core.models import AuditEvent


def check_seeded_publications(client):
    """Called by ``test_demo`` after ``seed_cases`` (one seeded world for both, to keep the suite short)."""
    seed_publications()
    pubs = list(Publication.objects.order_by("id"))
    # every decided case's decisions published (the ordinary one and the 当场处罚), the old one withdrawn after repair
    assert [(p.live, p.withdrawal_kind) for p in pubs] == [(True, "")] * (len(pubs) - 1) + [
        (False, WithdrawalKind.CREDIT_REPAIR)
    ]
    assert len(pubs) >= 2
    assert CreditRepair.objects.get().status == "approved"
    assert CreditRecord.objects.filter(ended_on__isnull=False).count() == 1
    assert CreditRecord.objects.count() >= 2  # one per penalty decision on an enterprise
    html = client.get("/public/decisions/").content.decode()
    assert f"/public/decisions/{pubs[0].pk}/" in html and f"/public/decisions/{pubs[-1].pk}/" not in html
    events = AuditEvent.objects.count()
    seed_publications()
    assert AuditEvent.objects.count() == events
