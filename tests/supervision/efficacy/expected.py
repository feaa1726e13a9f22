"""Each figure counted independently in Python over the raw rows (no ORM aggregates, no shared code with
``supervision.services.efficacy_figures``): the ids behind the numerator and the denominator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases.models import Case, CaseEvent, CaseRemedy
from enforcement.core import roles
from enforcement.core.models import Deadline, Enterprise, User
from enforcement.core.rules.calendar import is_working_day
from enforcement.core.services.calendar import load_calendar
from inspections.models import Hazard, HazardEvent, Inspection, PlanQuota
from supervision.models import CaseFileReview, SchemeCheck
from training.models import Certificate, TrainingRecord

CORRECTED = {"varied", "revoked", "revoked_redo", "illegal", "void"}


def _local(t: dt.datetime | None) -> dt.date | None:
    return None if t is None else timezone.localtime(t).date()


def ids(agency: Any, start: dt.date, last: dt.date, as_of: dt.date) -> dict[str, tuple[set[int], set[int]]]:
    """{figure: (numerator ids, denominator ids)} of ``agency``'s own records (counts: both the same)."""
    inside = lambda d: d is not None and start <= d <= last  # noqa: E731
    out: dict[str, tuple[set[int], set[int]]] = {}
    done = {
        i.pk
        for i in Inspection.objects.select_related("scheme__plan")
        if i.agency_id == agency.pk
        and i.status == "completed"
        and i.scheme.plan is not None
        and i.scheme.plan.year == start.year
        and i.scheme.plan.agency_id == agency.pk
        and inside(_local(i.started_at))
    }
    out["plan_completion"] = (done, done)
    keys = {e.pk for e in Enterprise.objects.all() if e.agency_id == agency.pk and e.is_key and e.is_active}
    covered = {
        e
        for e in keys
        for i in Inspection.objects.all()
        if i.enterprise_id == e
        and i.agency_id == agency.pk
        and i.status == "completed"
        and dt.date(start.year, 1, 1) <= _local(i.started_at) <= last
    }
    out["key_coverage"] = (covered, keys)
    due = {h.pk for h in Hazard.objects.all() if h.agency_id == agency.pk and inside(h.deadline)}
    late_events = {e.hazard_id for e in HazardEvent.objects.all() if e.to_status in ("overdue", "escalated")}
    on_time = {
        h.pk
        for h in Hazard.objects.filter(pk__in=due)
        if h.recheck_result == "rectified" and h.rechecked_on <= as_of and h.pk not in late_events
    }
    out["hazards_on_time"] = (on_time, due)
    for key, action in (("filed", "approve_filing"), ("closed", "close")):
        found = {
            e.case_id
            for e in CaseEvent.objects.select_related("case")
            if e.action == action and e.case.deciding_agency_id == agency.pk and inside(e.on_date)
        }
        out[key] = (found, found)
    decided = {
        c.pk
        for c in Case.objects.all()
        if c.deciding_agency_id == agency.pk and c.filed_on and inside(c.decided_on)
    }
    out["days_to_decision"] = (decided, decided)
    deadlines = [
        d
        for d in Deadline.objects.all()
        if d.agency_id == agency.pk and inside(d.due_date) and d.status not in ("waived", "suspended")
    ]
    late = {
        d.pk
        for d in deadlines
        if (d.status in ("open", "overdue") and d.due_date < as_of)
        or (d.status == "met" and _local(d.closed_at) > d.due_date)
    }
    out["deadlines_overdue"] = (late, {d.pk for d in deadlines})
    reviews = {
        r.pk
        for r in CaseFileReview.objects.all()
        if r.agency_id == agency.pk
        and r.status in ("submitted", "objected", "final")
        and r.total is not None
        and inside(_local(r.submitted_at))
    }
    out["review_score"] = (reviews, reviews)
    checks = [
        s
        for s in SchemeCheck.objects.all()
        if s.agency_id == agency.pk and s.status != "pending" and inside(_local(s.checked_at))
    ]
    out["scheme_compliance"] = ({s.pk for s in checks if s.status == "compliant"}, {s.pk for s in checks})
    for key, kind in (("reconsideration_corrected", "reconsideration"), ("litigation_lost", "litigation")):
        rs = [
            r
            for r in CaseRemedy.objects.select_related("decision__case")
            if r.kind == kind
            and r.outcome
            and inside(r.outcome_on)
            and r.decision.case.deciding_agency_id == agency.pk
        ]
        out[key] = ({r.pk for r in rs if r.outcome in CORRECTED}, {r.pk for r in rs})
    staff = {
        u.pk
        for u in User.objects.filter(agency=agency)
        if u.is_active
        and set(u.groups.values_list("name", flat=True)) & set(roles.ENFORCEMENT_ROLES)
        and roles.ASSISTANT not in set(u.groups.values_list("name", flat=True))
    }
    certified = {
        c.holder_id
        for c in Certificate.objects.all()
        if c.holder_id in staff
        and c.status == "issued"
        and c.issued_on
        and c.issued_on <= last
        and c.expires_on >= last
    }
    out["certificate_rate"] = (certified, staff)
    hours: dict[int, Decimal] = {}
    for t in TrainingRecord.objects.all():
        if t.officer_id in staff and t.result != "failed" and t.start_on.year == last.year:
            hours[t.officer_id] = hours.get(t.officer_id, Decimal(0)) + t.hours
    out["training_compliance"] = ({u for u in staff if hours.get(u, 0) >= Decimal(60)}, staff)
    return out


def planned(agency: Any, months: range, year: int) -> int:
    total = 0
    for q in PlanQuota.objects.select_related("version__plan"):
        plan = q.version.plan
        if plan.agency_id != agency.pk or plan.year != year or plan.current_version_id != q.version_id:
            continue
        if q.month in months:
            total += q.count
        elif q.month is None:
            total += sum(1 for i in range(q.count) if (i % 12) + 1 in months)  # even spread, earlier first
    return total


def working_days(agency: Any, start: dt.date, last: dt.date) -> int:
    cal = load_calendar()
    total = 0
    for c in Case.objects.all():
        if (
            c.deciding_agency_id == agency.pk
            and c.filed_on
            and c.decided_on
            and start <= c.decided_on <= last
        ):
            day = c.filed_on
            while day < c.decided_on:
                day += dt.timedelta(days=1)
                total += is_working_day(day, cal)
    return total


def review_total(agency: Any, review_ids: set[int]) -> int:
    return sum(r.total for r in CaseFileReview.objects.filter(pk__in=review_ids))
