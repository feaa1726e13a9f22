"""年度培训要求 resolution: an agency's own row for the year, else its nearest ancestor's, else the
platform default row, else the coded defaults in ``rules`` (all ❓ configurable, spec §9.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr

from enforcement.core.models import Agency

from . import rules
from .models import TrainingRequirement


@dataclass(frozen=True)
class EffectiveRequirement:
    annual_hours: Decimal = rules.DEFAULT_ANNUAL_HOURS
    rotation_start: dt.date | None = None
    rotation_deadline: dt.date | None = None
    review_due: tuple[int, int] = rules.DEFAULT_REVIEW_DUE
    qualification_target_pct: int = rules.DEFAULT_QUALIFICATION_TARGET_PCT
    requirement_id: int | None = None

    @classmethod
    def from_row(cls, row: TrainingRequirement) -> EffectiveRequirement:
        return cls(
            annual_hours=row.annual_hours,
            rotation_start=row.rotation_start,
            rotation_deadline=row.rotation_deadline,
            review_due=rules.parse_month_day(row.review_due),
            qualification_target_pct=row.qualification_target_pct,
            requirement_id=row.pk,
        )


def requirements_for_agencies(agencies: Iterable[Agency], year: int) -> dict[int, EffectiveRequirement]:
    """Effective requirement of each agency for ``year`` — one query whatever the number of agencies."""
    agencies = list(agencies)
    ancestor_ids = {a_id for a in agencies for a_id in a.ancestor_ids()}
    rows = list(
        TrainingRequirement.objects.filter(from_year__lte=year)
        .filter(Q(agency__isnull=True) | Q(agency_id__in=ancestor_ids))
        .order_by("-from_year")
    )
    by_agency: dict[int | None, TrainingRequirement] = {}
    for row in rows:  # newest first: keep the newest row per agency
        by_agency.setdefault(row.agency_id, row)
    result: dict[int, EffectiveRequirement] = {}
    for agency in agencies:
        chosen = next(
            (by_agency[a_id] for a_id in reversed(agency.ancestor_ids()) if a_id in by_agency),
            by_agency.get(None),
        )
        result[agency.pk] = EffectiveRequirement.from_row(chosen) if chosen else EffectiveRequirement()
    return result


def effective_requirement(agency: Agency | None, year: int) -> EffectiveRequirement:
    if agency is None:
        row = (
            TrainingRequirement.objects.filter(agency__isnull=True, from_year__lte=year)
            .order_by("-from_year")
            .first()
        )
        return EffectiveRequirement.from_row(row) if row else EffectiveRequirement()
    return requirements_for_agencies([agency], year)[agency.pk]


def requirement_subquery(path_ref: str, year: int, field: str) -> Subquery:
    """Subquery of one requirement field for the agency whose path is ``OuterRef(path_ref)``.

    Most specific agency first (an ancestor's path is a prefix of the outer path), then the newest year;
    NULL when nothing is configured (the caller falls back to the coded default).
    """
    return Subquery(
        TrainingRequirement.objects.filter(from_year__lte=year)
        .filter(
            Q(agency__isnull=True) | Q(agency__path=Substr(OuterRef(path_ref), 1, Length("agency__path")))
        )
        .order_by(Length("agency__path").desc(nulls_last=True), F("from_year").desc())
        .values(field)[:1]
    )
