"""Compliance dashboard (持证上岗 / 培训) per agency, rolled up the tree — in-database aggregation.

One grouped query computes every figure for every agency of the subtree (conditional ``Count``s over
``Exists`` subqueries), so the query count does not grow with the number of officers. Per-agency
configuration (training hours, rotation window, review due date) enters as ``CASE``/``OR`` branches
grouped by distinct values — it grows with the number of distinct configurations, not of people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan

from enforcement.core.models import Agency

from . import rules
from .choices import CURRENT_STATUSES, CertificateStatus, TrainingKind
from .models import (
    AnnualReview,
    Certificate,
    Officer,
    OfficerQuerySet,
    ProfessionalQualification,
    TrainingRecord,
)
from .requirements import EffectiveRequirement, requirements_for_agencies

EXPIRY_WINDOW_DAYS = 90

FIGURES: dict[str, str] = {
    "staff": "在岗执法人员",
    "valid": "持有效执法证",
    "not_valid": "无有效执法证",
    "expiring": f"执法证{EXPIRY_WINDOW_DAYS}日内到期",
    "review_overdue": "年审逾期",
    "hours_short": "本年度培训学时不足",
    "rotation_staff": "应参加全员轮训",
    "rotation_done": "已完成全员轮训",
    "rotation_pending": "未完成全员轮训",
    "qualified": "具有相关学历或职业资格",
    "not_qualified": "无相关学历或职业资格",
}


@dataclass
class Context:
    """Everything the figure expressions need for one subtree on one date."""

    root: Agency
    on: dt.date
    agencies: list[Agency]
    requirements: dict[int, EffectiveRequirement]

    def groups(self, key: Any) -> dict[Any, list[int]]:
        grouped: dict[Any, list[int]] = defaultdict(list)
        for agency_id, req in self.requirements.items():
            grouped[key(req)].append(agency_id)
        return grouped


def build_context(root: Agency, on: dt.date) -> Context:
    agencies = list(Agency.objects.subtree_of(root).order_by("path"))
    return Context(root, on, agencies, requirements_for_agencies(agencies, on.year))


# --- figure expressions (over Officer rows) ---------------------------------------------------------


def _valid_q(on: dt.date) -> Q:
    return Q(Exists(Certificate.objects.filter(Certificate.valid_q(on), holder_id=OuterRef("pk"))))


def _expiring_q(on: dt.date) -> Q:
    window = Certificate.objects.filter(
        Certificate.valid_q(on),
        holder_id=OuterRef("pk"),
        expires_on__lte=on + dt.timedelta(days=EXPIRY_WINDOW_DAYS),
    )
    return Q(Exists(window))


def _review_overdue_q(ctx: Context) -> Q:
    """Mirror of ``rules.annual_review_overdue`` for an issued, unexpired, unsuspended certificate."""
    on = ctx.on
    result = Q(pk__in=[])
    for review_due, agency_ids in ctx.groups(lambda r: r.review_due).items():
        this_due = rules.review_due_date(on.year, review_due)
        year = on.year if this_due < on else on.year - 1
        owed = Certificate.objects.filter(
            Certificate.valid_q(on),
            holder_id=OuterRef("pk"),
            issued_on__year__lt=year,
            expires_on__gte=rules.review_due_date(year, review_due),
        ).exclude(Exists(AnnualReview.objects.filter(certificate_id=OuterRef("pk"), year=year)))
        result |= Q(agency_id__in=agency_ids) & Q(Exists(owed))
    return result


def hours_expression(on: dt.date) -> Coalesce:
    total = (
        TrainingRecord.objects.filter(officer_id=OuterRef("pk"), start_on__year=on.year)
        .counting()
        .order_by()
        .values("officer_id")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(
        Subquery(total), Value(Decimal("0")), output_field=DecimalField(max_digits=7, decimal_places=1)
    )


def required_hours_expression(ctx: Context) -> Case:
    whens = [
        When(agency_id__in=ids, then=Value(hours))
        for hours, ids in ctx.groups(lambda r: r.annual_hours).items()
    ]
    return Case(
        *whens,
        default=Value(rules.DEFAULT_ANNUAL_HOURS),
        output_field=DecimalField(max_digits=5, decimal_places=1),
    )


def _hours_short_q(ctx: Context) -> Q:
    return Q(LessThan(hours_expression(ctx.on), required_hours_expression(ctx)))


def _rotation_groups(ctx: Context) -> dict[Any, list[int]]:
    return {
        k: v
        for k, v in ctx.groups(lambda r: (r.rotation_start, r.rotation_deadline)).items()
        if k[1] is not None
    }


def _rotation_staff_q(ctx: Context) -> Q:
    ids = [i for ids in _rotation_groups(ctx).values() for i in ids]
    return Q(agency_id__in=ids)


def _rotation_done_q(ctx: Context) -> Q:
    result = Q(pk__in=[])
    for (start, deadline), ids in _rotation_groups(ctx).items():
        window = TrainingRecord.objects.counting().filter(
            officer_id=OuterRef("pk"), kind=TrainingKind.ROTATION, start_on__lte=deadline
        )
        if start is not None:
            window = window.filter(start_on__gte=start)
        result |= Q(agency_id__in=ids) & Q(Exists(window))
    return result


def _qualified_q(on: dt.date) -> Q:
    held = ProfessionalQualification.objects.filter(
        ProfessionalQualification.held_q(on), officer_id=OuterRef("pk")
    )
    return Q(officer_profile__education_related=True) | Q(Exists(held))


def figure_q(ctx: Context, figure: str) -> Q:
    """The filter selecting the officers counted in ``figure``."""
    builders = {
        "staff": lambda: Q(),
        "valid": lambda: _valid_q(ctx.on),
        "not_valid": lambda: ~_valid_q(ctx.on),
        "expiring": lambda: _expiring_q(ctx.on),
        "review_overdue": lambda: _review_overdue_q(ctx),
        "hours_short": lambda: _hours_short_q(ctx),
        "rotation_staff": lambda: _rotation_staff_q(ctx),
        "rotation_done": lambda: _rotation_done_q(ctx),
        "rotation_pending": lambda: _rotation_staff_q(ctx) & ~_rotation_done_q(ctx),
        "qualified": lambda: _qualified_q(ctx.on),
        "not_qualified": lambda: ~_qualified_q(ctx.on),
    }
    if figure not in builders:
        raise KeyError(figure)
    return builders[figure]()


def staff_in(ctx: Context) -> OfficerQuerySet:
    return Officer.objects.enforcement_staff().filter(agency__path__startswith=ctx.root.path)


COUNTED = [
    "staff",
    "valid",
    "expiring",
    "review_overdue",
    "hours_short",
    "rotation_staff",
    "rotation_done",
    "qualified",
]


@dataclass
class AgencyFigures:
    agency: Agency
    depth: int
    counts: dict[str, int] = field(default_factory=dict)
    requirement: EffectiveRequirement = field(default_factory=EffectiveRequirement)

    def share(self, part: str, whole: str = "staff") -> Decimal | None:
        return rules.percentage(self.counts.get(part, 0), self.counts.get(whole, 0))

    @property
    def valid_share(self) -> Decimal | None:
        return self.share("valid")

    @property
    def qualified_share(self) -> Decimal | None:
        return self.share("qualified")

    @property
    def rotation_share(self) -> Decimal | None:
        return self.share("rotation_done", "rotation_staff")

    @property
    def meets_qualification_target(self) -> bool | None:
        share = self.qualified_share
        return None if share is None else share >= self.requirement.qualification_target_pct


def compute(root: Agency, on: dt.date) -> list[AgencyFigures]:
    """Figures for ``root`` and every agency below it, each rolled up over its own subtree.

    Three queries: the agencies, their requirements, one grouped aggregation.
    """
    ctx = build_context(root, on)
    aggregates = {name: Count("id", filter=figure_q(ctx, name)) for name in COUNTED if name != "staff"}
    rows = staff_in(ctx).order_by().values("agency_id").annotate(staff=Count("id"), **aggregates)
    own: dict[int, dict[str, int]] = {row["agency_id"]: {k: row[k] for k in COUNTED} for row in rows}
    results = []
    base_depth = len(root.ancestor_ids())
    for agency in ctx.agencies:
        counts = dict.fromkeys(COUNTED, 0)
        for other in ctx.agencies:
            if other.path.startswith(agency.path) and other.pk in own:
                for k in COUNTED:
                    counts[k] += own[other.pk][k]
        results.append(
            AgencyFigures(
                agency, len(agency.ancestor_ids()) - base_depth, counts, ctx.requirements[agency.pk]
            )
        )
    return results


def _certificate_field(field_name: str) -> Subquery:
    """One field of the person's current certificate (else their most recent one)."""
    current_first = Case(When(status__in=CURRENT_STATUSES, then=Value(0)), default=Value(1))
    return Subquery(
        Certificate.objects.filter(holder_id=OuterRef("pk"))
        .order_by(current_first, "-id")
        .values(field_name)[:1]
    )


def drilldown(root: Agency, figure: str, on: dt.date) -> OfficerQuerySet:
    """The officers behind one figure, with their certificate and hours this year, by agency and name."""
    ctx = build_context(root, on)
    return (
        staff_in(ctx)
        .filter(figure_q(ctx, figure))
        .select_related("agency")
        .annotate(
            hours_year=hours_expression(on),
            required_hours=required_hours_expression(ctx),
            cert_number=_certificate_field("number"),
            cert_expires_on=_certificate_field("expires_on"),
        )
        .order_by("agency__path", "username")
    )


def officer_rows(root: Agency, on: dt.date) -> Iterable[dict[str, Any]]:
    """Every staff member of the subtree with their flags (for the XLSX export), one query."""
    from django.db.models import BooleanField, ExpressionWrapper

    ctx = build_context(root, on)
    flags = {
        name: ExpressionWrapper(figure_q(ctx, name), output_field=BooleanField())
        for name in ("valid", "expiring", "review_overdue", "hours_short", "rotation_done", "qualified")
    }
    return (
        staff_in(ctx)
        .annotate(hours_year=hours_expression(on), required_hours=required_hours_expression(ctx), **flags)
        .order_by("agency__path", "username")
        .values("username", "real_name", "agency__name", "hours_year", "required_hours", *flags)
        .iterator(chunk_size=2000)
    )


__all__ = ["FIGURES", "AgencyFigures", "CertificateStatus", "compute", "drilldown", "officer_rows"]
