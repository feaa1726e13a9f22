"""The figures of the 行政执法统计年报, computed in the database as of a date (spec §10).

"As of": every count reads only what was known on or before ``as_of`` — case events recorded
(``CaseEvent.at``) before the end of that day, remedies recorded before it, inspections finished before
it — and never the current status fields, so a report rebuilt later for the same ``as_of`` comes out the
same although cases were edited since. A handful of grouped queries; no Python loops over cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import (
    Case as When_,
)
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from cases.models import CaseDecision, CaseEvent, CaseRemedy, Seizure
from enforcement.core import roles
from enforcement.core.models import Agency, User
from inspections.models import Inspection
from training.models import Certificate

from ..rules import statistics as rules

# Case actions whose event makes a decision known (ordinary decision, summary decision on the spot).
DECIDING_ACTIONS = ("decide", "decide_on_spot")
EVENT_FIGURES = {
    "filed": "approve_filing",
    "closed": "close",
    "court_enforcement": "apply_court_enforcement",
}


def cutoff_of(as_of: dt.date) -> dt.datetime:
    """The first instant after ``as_of`` in the local time zone: facts recorded before it are known."""
    nxt = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(nxt, timezone.get_default_timezone())


def type_rank_expression() -> When_:
    """The heaviest penalty type of a decision as a database CASE over its measure texts (the same
    table as ``rules.heaviest_type``): heaviest keyword first, then 罚款 when the amount is positive."""
    whens = []
    for t in sorted(rules.PENALTY_TYPES, key=lambda t: -t.rank):
        if not t.keywords:
            continue
        q = Q()
        for k in t.keywords:
            # PostgreSQL's jsonb text shows the characters themselves; other databases may show escapes
            patterns = (k,) if connection.vendor == "postgresql" else rules.keyword_patterns(k)
            for pattern in patterns:
                q |= Q(measures_text__contains=pattern)
        if t.rank > rules.FINE_RANK:
            whens.append(When(q, then=Value(t.rank)))
        elif t.rank == rules.FINE_RANK:
            whens.append(When(Q(amount__gt=0) | q, then=Value(t.rank)))
        else:
            whens.append(When(q, then=Value(t.rank)))
    return When_(*whens, default=Value(0), output_field=IntegerField())


def _scope(root: Agency) -> dict[str, str]:
    return {str(pk): path for pk, path in Agency.objects.subtree_of(root).values_list("pk", "path")}


def own_figures(root: Agency, year: int, as_of: dt.date) -> dict[str, dict[str, int]]:
    """Additive counts per agency of ``root``'s subtree (its own cases, not its descendants')."""
    start, end = rules.year_bounds(year)
    cutoff = cutoff_of(as_of)
    paths = _scope(root)
    own: dict[str, dict[str, int]] = {aid: dict.fromkeys(rules.ADDITIVE_KEYS, 0) for aid in paths}

    def put(rows: Any, key_of: Any) -> None:
        for row in rows:
            aid = str(row.pop("agency_key"))
            if aid in own:
                for k, v in row.items():
                    own[aid][key_of(k)] = int(v or 0)

    in_tree = Q(case__deciding_agency__path__startswith=root.path)
    # one pass over the year's events: 立案, 结案, 申请法院强制执行 and 移送公安 (司法机关) per deciding agency
    transfer = Q(action="transfer", data__to="public_security")
    events = (
        CaseEvent.objects.filter(in_tree, on_date__gte=start, on_date__lte=end, at__lt=cutoff)
        .filter(Q(action__in=EVENT_FIGURES.values()) | transfer)
        .values(agency_key=F("case__deciding_agency_id"))
        .annotate(
            **{
                key: Count("case_id", distinct=True, filter=Q(action=action))
                for key, action in EVENT_FIGURES.items()
            },
            transferred_judicial=Count("case_id", distinct=True, filter=transfer),
        )
        .order_by()
    )
    put(events, str)
    known = CaseEvent.objects.filter(case_id=OuterRef("case_id"), action__in=DECIDING_ACTIONS, at__lt=cutoff)
    # grouped by agency, kind and heaviest type: the type expression is evaluated once per decision
    decisions = (
        CaseDecision.objects.filter(in_tree, decided_on__gte=start, decided_on__lte=min(end, as_of))
        .filter(Exists(known))
        .annotate(measures_text=Cast("measures", TextField()), rank=type_rank_expression())
        .values("kind", "rank", agency_key=F("case__deciding_agency_id"))
        .annotate(
            n=Count("pk"),
            yuan=Coalesce(Sum(Coalesce("original_amount", "amount")), 0),
            revoked=Count("pk", filter=Q(ended_on__isnull=False, ended_on__lte=as_of)),
        )
        .order_by()
    )
    type_key = {t.rank: f"type_{t.code}" for t in rules.PENALTY_TYPES}
    for row in decisions:
        figures = own.get(str(row["agency_key"]))
        if figures is None:
            continue
        figures["revoked"] += row["revoked"]
        if row["kind"] == "penalty":
            figures["penalties"] += row["n"]
            figures["fine_yuan"] += int(row["yuan"])
            figures[type_key[row["rank"]]] += row["n"]
        elif row["kind"] == "no_penalty":
            figures["no_penalty"] += row["n"]
    outcome_known = CaseEvent.objects.filter(
        case_id=OuterRef("decision__case_id"), action="record_remedy_outcome", at__lt=cutoff
    )
    corrected = Q(outcome__in=rules.CORRECTING_OUTCOMES, outcome_on__lte=as_of) & Exists(outcome_known)
    remedies = (
        CaseRemedy.objects.filter(
            decision__case__deciding_agency__path__startswith=root.path,
            received_on__gte=start,
            received_on__lte=end,
            recorded_at__lt=cutoff,
        )
        .values(agency_key=F("decision__case__deciding_agency_id"))
        .annotate(
            reconsidered=Count("pk", filter=Q(kind="reconsideration")),
            reconsideration_corrected=Count("pk", filter=Q(kind="reconsideration") & corrected),
            litigated=Count("pk", filter=Q(kind="litigation")),
            litigation_lost=Count("pk", filter=Q(kind="litigation") & corrected),
        )
        .order_by()
    )
    put(remedies, str)
    approval_known = CaseEvent.objects.filter(
        case_id=OuterRef("case_id"), action="approve_seizure", on_date=OuterRef("approved_on"), at__lt=cutoff
    )
    seizures = (
        Seizure.objects.filter(
            in_tree, approved_on__gte=start, approved_on__lte=end, approved_by__isnull=False
        )
        .exclude(status="refused")
        .filter(Exists(approval_known))
        .values(agency_key=F("case__deciding_agency_id"))
        .annotate(
            coercive_seal=Count("pk", filter=Q(measure="seal")),
            coercive_seize=Count("pk", filter=Q(measure="seize")),
        )
        .order_by()
    )
    put(seizures, str)
    ins = (
        Inspection.objects.filter(agency__path__startswith=root.path, status="completed")
        .filter(
            ended_at__gte=cutoff_of(start - dt.timedelta(days=1)), ended_at__lt=min(cutoff, cutoff_of(end))
        )
        .values(agency_key=F("agency_id"))
        .annotate(inspections=Count("pk"))
        .order_by()
    )
    put(ins, str)
    on = min(as_of, end)
    valid = Certificate.objects.filter(Certificate.valid_q(on), holder_id=OuterRef("pk"))
    officers = (
        User.objects.filter(agency__path__startswith=root.path, is_active=True, groups__name=roles.OFFICER)
        .values(agency_key=F("agency_id"))
        .annotate(
            officers=Count("pk", distinct=True), certified=Count("pk", distinct=True, filter=Exists(valid))
        )
        .order_by()
    )
    put(officers, str)
    return own


def compute_figures(root: Agency, year: int, as_of: dt.date) -> dict[str, Any]:
    """The report's figures: ``{"agencies": [{"id", "code", "name", "parent", "own", "total"}...]}``
    where ``total`` rolls the subtree up; the root's ``total`` is the report's headline column."""
    own = own_figures(root, year, as_of)
    paths = _scope(root)
    rolled = rules.roll_up(own, paths)
    rows = []
    for a in Agency.objects.subtree_of(root).order_by("path"):
        aid = str(a.pk)
        rows.append(
            {
                "id": a.pk,
                "code": a.code,
                "name": a.name,
                "parent": a.parent_id,
                "depth": a.path.count("/") - root.path.count("/"),
                "own": rules.finish(own[aid]),
                "total": rules.finish(rolled[aid]),
            }
        )
    return {"year": year, "as_of": as_of.isoformat(), "agencies": rows}
