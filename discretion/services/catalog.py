"""Reading the benchmark: ORM rows → frozen specs, the calculator service, and the officers' lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Q, Subquery
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput

from .. import rules
from ..choices import VersionStatus
from ..models import (
    BenchmarkVersion,
    Circumstance,
    FirstOffenceEntry,
    OtherMeasure,
    ReviewCriterion,
    StatutoryRange,
    Tier,
    Violation,
)
from ..models.violations import ViolationQuerySet
from ..rules.facts import parse_conditions
from ..rules.numerals import query_tokens
from ..rules.types import (
    Catalog,
    CircumstanceSpec,
    FirstOffenceSpec,
    MeasureSpec,
    RangeSpec,
    Recommendation,
    RecommendationRequest,
    ReviewCriterionSpec,
    TierRangeSpec,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)


def _pair(lo: Decimal | None, hi: Decimal | None) -> tuple[Decimal, Decimal] | None:
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else hi or Decimal(0), hi if hi is not None else lo or Decimal(0))


def range_spec(r: StatutoryRange) -> RangeSpec:
    return RangeSpec(
        subject=r.subject,
        stage=r.stage,
        min=r.min_amount,
        max=r.max_amount,
        income_share=_pair(r.income_share_min, r.income_share_max),
        gains_multiple=_pair(r.gains_multiple_min, r.gains_multiple_max),
        conditions=parse_conditions(r.conditions),
        basis=r.basis,
    )


def tier_spec(t: Tier) -> TierSpec:
    return TierSpec(
        code=t.code,
        name=t.name,
        conditions=parse_conditions(t.conditions),
        ranges=tuple(
            TierRangeSpec(
                subject=tr.subject,
                stage=tr.stage,
                min=tr.min_amount,
                max=tr.max_amount,
                lower_inclusive=tr.lower_inclusive,
                upper_inclusive=tr.upper_inclusive,
            )
            for tr in t.ranges.all()
        ),
        conditions_text=t.conditions_text,
        source=t.source,
    )


def measure_spec(m: OtherMeasure) -> MeasureSpec:
    return MeasureSpec(stage=m.stage, kind=m.kind, text=m.text, conditions=parse_conditions(m.conditions))


def violation_spec(v: Violation) -> ViolationSpec:
    """Spec of one violation; expects ``with_details()`` prefetching."""
    return ViolationSpec(
        code=v.code,
        act_code=v.act_code,
        name=v.name,
        law=v.law,
        law_full_name=v.law_full_name,
        article=v.article,
        paragraph=v.paragraph,
        item=v.item,
        violated_provision=v.violated_provision,
        law_effective_from=v.law_effective_from,
        law_effective_to=v.law_effective_to,
        ranges=tuple(range_spec(r) for r in v.statutory_ranges.all()),
        tiers=tuple(tier_spec(t) for t in v.tiers.all()),
        measures=tuple(measure_spec(m) for m in v.measures.all()),
        verification=v.verification,
    )


def circumstance_spec(c: Circumstance) -> CircumstanceSpec:
    return CircumstanceSpec(
        code=c.code, name=c.name, kind=c.kind, statutory=c.statutory, mandatory=c.mandatory, article=c.article
    )


def _version_shell(
    v: BenchmarkVersion, violations: Iterable[ViolationSpec] = (), circ: Iterable[CircumstanceSpec] = ()
) -> VersionSpec:
    return VersionSpec(
        code=v.code,
        name=v.name,
        document_number=v.document_number,
        jurisdiction=v.jurisdiction,
        effective_from=v.effective_from,
        effective_to=v.effective_to,
        violations=tuple(violations),
        circumstances=tuple(circ),
    )


def load_catalog(
    violation_code: str | Iterable[str], violation_date: dt.date, decision_date: dt.date
) -> Catalog:
    """Load exactly what the calculator needs for one request (a fixed number of queries): the versions
    in force on either date, the requested violations' acts (all their law versions), circumstances,
    the 首违不罚 entries of the violation date and the legal-review criteria of the decision date."""
    codes = [violation_code] if isinstance(violation_code, str) else list(violation_code)
    rows = list(
        BenchmarkVersion.objects.published().filter(
            Q(effective_from__lte=violation_date, effective_to__isnull=True)
            | Q(effective_from__lte=violation_date, effective_to__gte=violation_date)
            | Q(effective_from__lte=decision_date, effective_to__isnull=True)
            | Q(effective_from__lte=decision_date, effective_to__gte=decision_date)
        )
    )
    # every version in force on either date: the calculator picks per date the most specific one
    # that catalogues the violation (violations are loaded for the requested act only)
    versions = rows
    ids = [v.pk for v in versions]
    acts = Violation.objects.filter(version_id__in=ids, code__in=codes).values("act_code")
    violations = list(
        Violation.objects.filter(version_id__in=ids, act_code__in=Subquery(acts))
        .prefetch_related("statutory_ranges", "measures", "tiers__ranges")
        .order_by("order", "id")
    )
    circumstances = list(Circumstance.objects.filter(Q(version__isnull=True) | Q(version_id__in=ids)))
    version_specs = tuple(
        _version_shell(
            v,
            (violation_spec(x) for x in violations if x.version_id == v.pk),
            (circumstance_spec(c) for c in circumstances if c.version_id == v.pk),
        )
        for v in versions
    )
    entries = FirstOffenceEntry.objects.select_related("offence_list").filter(
        Q(offence_list__effective_from__lte=violation_date)
        & (Q(offence_list__effective_to__isnull=True) | Q(offence_list__effective_to__gte=violation_date))
    )
    first_offence = tuple(
        FirstOffenceSpec(
            list_code=e.offence_list.code,
            list_name=e.offence_list.name,
            number=e.number,
            description=e.description,
            violation_codes=tuple(e.violation_codes),
            effective_from=e.offence_list.effective_from,
            effective_to=e.offence_list.effective_to,
            list_conditions=parse_conditions(e.offence_list.conditions),
            scope_conditions=parse_conditions(e.scope_conditions),
            scope_text=e.scope_text,
        )
        for e in entries
    )
    criteria = tuple(
        ReviewCriterionSpec(
            code=c.code,
            name=c.name,
            kind=c.kind,
            basis=c.basis,
            subject_group=c.subject_group,
            threshold=c.threshold,
            measure_kind=c.measure_kind,
            legal_review=c.legal_review,
            collective_discussion=c.collective_discussion,
            hearing=c.hearing,
        )
        for c in ReviewCriterion.objects.in_force(decision_date)
    )
    return Catalog(
        versions=version_specs,
        statutory_circumstances=tuple(circumstance_spec(c) for c in circumstances if c.version_id is None),
        first_offence=first_offence,
        review_criteria=criteria,
    )


def recommend(request: RecommendationRequest) -> Recommendation:
    """The discretion recommendation for one violation (the cases app calls this at 调查终结/决定).

    Loads the benchmark data for the request's violation and dates and runs ``rules.recommend``.
    ``request.same_act`` names other provisions the same act violates: only the higher fine's provision
    applies (行政处罚法 Art 29). Raises InvalidInput (400) with a Chinese message on bad input: unknown
    violation/tier/circumstance code, decision date before violation date, negative income, missing
    facts the law's range needs.
    Reads only; writes nothing.
    """
    if not isinstance(request.violation_date, dt.date) or not isinstance(request.decision_date, dt.date):
        raise InvalidInput("日期格式应为 YYYY-MM-DD", fields={"violation_date": ["日期格式应为 YYYY-MM-DD"]})
    catalog = load_catalog(
        [request.violation, *request.same_act], request.violation_date, request.decision_date
    )
    try:
        return rules.recommend(request, catalog)
    except rules.CalculationError as exc:
        raise InvalidInput(exc.message, fields={exc.field: [exc.message]} if exc.field else None)


def current_version_ids(on: dt.date | None = None) -> list[int]:
    """Ids of the published versions in force today (the default catalogue officers search)."""
    on = on or timezone.localdate()
    return list(BenchmarkVersion.objects.in_force(on).values_list("id", flat=True))


def search_violations(
    user: Any,
    q: str = "",
    *,
    law: str | None = None,
    article: int | None = None,
    paragraph: int | None = None,
    item: int | None = None,
    version: str | None = None,
) -> ViolationQuerySet:
    """Violations visible to ``user`` matching a typed query (name, keyword, article in any form,
    enforcement item) and exact provision filters. ``version``: a version code, "all", or None for
    the versions in force today."""
    qs = Violation.objects.visible_to(user)
    if version == "all":
        pass
    elif version:
        qs = qs.filter(version__code=version)
    else:
        qs = qs.filter(version_id__in=current_version_ids(), version__status=VersionStatus.PUBLISHED)
    if law:
        qs = qs.filter(law=law.replace("《", "").replace("》", "").replace("中华人民共和国", ""))
    if article is not None:
        qs = qs.filter(article=article)
    if paragraph is not None:
        qs = qs.filter(paragraph=paragraph)
    if item is not None:
        qs = qs.filter(item=item)
    for token in query_tokens(q or ""):
        # search_text is stored normalised (lower case), so a case-sensitive LIKE hits the trigram index.
        qs = qs.filter(search_text__contains=token)
    return qs
