"""What the system can read from a sampled case's dossier: the facts behind the pre-marks."""

from __future__ import annotations

from typing import Any

from django.db.models import Min

from cases.choices import CaseAction
from cases.choices import ReviewStatus as CaseReviewStatus
from cases.models import Case, CaseDecision, CaseEvent, CaseHandler, CaseService, Publication, ServiceMethod
from enforcement.core.rules.calendar import add_working_days
from enforcement.core.services.calendar import load_calendar
from training.guards import may_enforce_many

from .. import rules

PUBLISH_WORKING_DAYS = 7  # 安全生产法 Art 78 ¶2 as the cases app counts it (its PUBLISH deadline)

ACTION_LABELS = {a.value: str(a.label) for a in CaseAction}
# timeline rows that are not steps handled by the officers (the case being registered is one)
NOT_STEPS = {"create"}


def _proof(service: CaseService) -> bool:
    """The 送达回执 on file, or what the method has instead (spec §1.12): the postal receipt's date, the
    arrival in the party's system, the publication of the 公告."""
    if service.receipt_id is not None:
        return True
    return bool(
        (service.method == ServiceMethod.POST and service.receipt_date)
        or (service.method == ServiceMethod.ELECTRONIC and service.arrived_on)
        or (service.method == ServiceMethod.PUBLIC_NOTICE and service.published_on)
    )


def dossier_facts(case: Case) -> rules.DossierFacts:
    """The facts of ``rules.DossierFacts`` for ``case``: legal review, dates, the qualified handlers at
    each step (training's ``may_enforce`` on the event's date, for the case's item), the decisions' service."""
    handlers = list(CaseHandler.objects.filter(case=case).select_related("user"))
    events = [
        e for e in CaseEvent.objects.filter(case=case).order_by("at", "id") if e.action not in NOT_STEPS
    ]
    verdicts: dict[Any, dict[int, Any]] = {}
    steps = []
    for e in events:
        present = [
            h.user
            for h in handlers
            if h.assigned_on <= e.on_date and (h.removed_on is None or h.removed_on > e.on_date)
        ]
        if e.on_date not in verdicts:
            verdicts[e.on_date] = may_enforce_many(
                [h.user for h in handlers], e.on_date, item=case.item if case.item_id else None
            )
        day = verdicts[e.on_date]
        allowed = [u for u in present if day.get(u.pk) is not None and day[u.pk].allowed]
        refused = tuple(
            f"{u.display_name}：{'；'.join(day[u.pk].reasons)}"
            for u in present
            if u.pk in day and not day[u.pk].allowed
        )
        steps.append(
            rules.Step(e.action, ACTION_LABELS.get(e.action, e.action), e.on_date, len(allowed), refused)
        )
    proven = {
        row.decision_id
        for row in CaseService.objects.filter(case=case, decision__isnull=False)
        if _proof(row)
    }
    decisions = [
        (d.number or d.party_name, d.served_on, d.pk in proven)
        for d in CaseDecision.objects.filter(case=case, ended_on__isnull=True).order_by("id")
    ]
    cal = load_calendar()
    first_published = {
        row["decision_id"]: row["first"]
        for row in Publication.objects.filter(decision__case=case)
        .values("decision_id")
        .annotate(first=Min("published_on"))
    }
    publications = [
        (
            d.number or d.party_name,
            add_working_days(d.decided_on, PUBLISH_WORKING_DAYS, cal).due,
            first_published.get(d.pk),
        )
        for d in CaseDecision.objects.filter(case=case, kind="penalty").order_by("id")
    ]
    approved = (
        case.review_status == CaseReviewStatus.APPROVED or case.reviews.filter(outcome="approved").exists()
    )
    return rules.DossierFacts(
        review_required=case.review_required,
        review_approved=approved,
        decided_on=case.decided_on,
        decision_due=case.decision_due,
        overdue_reason=case.overdue_reason,
        steps=steps,
        decisions=decisions,
        publications=publications,
    )
