"""Fact lookup (违法行为检索): ranked search over the catalogue, the synonym table's maintenance, and the
case fact texts cases push in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput
from enforcement.core.services.audit import record_event

from ..models import BenchmarkVersion, CaseFactText, Synonym, Tier, Violation
from ..rules.numerals import query_tokens
from ..search import store
from ..search.text import deidentify
from .maintenance import require_admin

# A query that names a provision or a code: 99条, 第九十九条, 97(7), AQ-097-I7, an item code …
_EXACT = re.compile(r"\d|[a-z]{2}-|第[零〇一二两三四五六七八九十百千]+[条款项]", re.IGNORECASE)


@dataclass(frozen=True)
class LookupHit:
    violation: Violation
    matched: tuple[str, ...]  # words to highlight (never from another agency's case text)
    exact: bool  # found through an exact path (article, code)


@dataclass(frozen=True)
class LookupResult:
    hits: tuple[LookupHit, ...]
    weak: bool  # nothing ranked well: these are only the closest violations


def _version_ids(user: Any, version: str | None) -> set[int]:
    visible = BenchmarkVersion.objects.visible_to(user)
    if version == "all":
        return set(visible.values_list("id", flat=True))
    if version:
        return set(visible.filter(code=version).values_list("id", flat=True))
    in_force = BenchmarkVersion.objects.in_force(timezone.localdate()).values("id")
    return set(visible.filter(id__in=in_force).values_list("id", flat=True))


def lookup_violations(user: Any, q: str, *, version: str | None = None, limit: int = 30) -> LookupResult:
    """Violations visible to ``user`` ranked for a free-text fact description ``q``.

    Exact paths win when typed (an article in any form, a violation or enforcement-item code: every
    query token a substring of the violation's search text): then only those are returned, in catalogue
    order. Otherwise the BM25 ranking over every text of the violation, with synonyms, typo and
    traditional-character tolerance. ``weak`` says that
    nothing ranked well and the hits are only the closest ones. Reads only.
    """
    q = (q or "").strip()
    if not q:
        return LookupResult((), False)
    versions = _version_ids(user, version)
    exact_ids: list[int] = []
    if _EXACT.search(q):
        qs = Violation.objects.filter(version_id__in=versions)
        for token in query_tokens(q):
            qs = qs.filter(search_text__contains=token)
        exact_ids = list(qs.order_by("version_id", "order", "id").values_list("id", flat=True)[:limit])
    matched: dict[int, tuple[str, ...]] = {}
    if exact_ids:
        order, weak = exact_ids, False
    else:
        ranked = store.get_index().search(q, versions=versions, limit=limit)
        matched = {h.violation_id: h.matched for h in ranked.hits}
        order, weak = [h.violation_id for h in ranked.hits], ranked.weak
    # what a hit shows: ranges, measures, item, version and whether tiers exist (``has_tiers``)
    rows = (
        Violation.objects.filter(id__in=order)
        .select_related("version", "enforcement_item")
        .annotate(has_tiers=Exists(Tier.objects.filter(violation=OuterRef("pk"))))
        .prefetch_related("statutory_ranges", "measures")
    )
    by_id = {v.pk: v for v in rows}
    exact = set(exact_ids)
    hits = tuple(LookupHit(by_id[i], matched.get(i, ()), i in exact) for i in order if i in by_id)
    return LookupResult(hits, weak=weak)


def save_synonym(obj: Synonym, *, actor: Any, changed: Iterable[str] = ()) -> Synonym:
    """Create or change one synonym row (catalog admins). One audit event; the index is rebuilt."""
    require_admin(actor)
    if not Synonym.split(obj.officer_terms) or not Synonym.split(obj.law_terms):
        raise InvalidInput("执法人员用语和法律用语都不能为空")
    with transaction.atomic():
        created = obj.pk is None
        if not created:
            Synonym.objects.select_for_update().filter(pk=obj.pk).first()
        obj.save()
        store.mark_changed()
        record_event(
            "discretion.synonym_change",
            actor=actor,
            obj=obj,
            data={
                "created": created,
                "fields": sorted(changed),
                "group": obj.group,
                "officer_terms": obj.officer_terms,
                "law_terms": obj.law_terms,
            },
        )
    return obj


def delete_synonym(obj: Synonym, *, actor: Any) -> None:
    require_admin(actor)
    with transaction.atomic():
        record_event(
            "discretion.synonym_delete",
            actor=actor,
            obj=obj,
            data={"group": obj.group, "officer_terms": obj.officer_terms, "law_terms": obj.law_terms},
        )
        obj.delete()
        store.mark_changed()


def record_case_facts(
    *, agency_id: int, case_ref: str, text: str, violation_codes: Iterable[str]
) -> list[CaseFactText]:
    """Called by cases when a case's facts and chosen violation(s) are fixed: the de-identified fact
    text becomes searchable text of each violation (by code or act code, in every version). Pushing the
    same case again replaces its texts (idempotent). The text ranks for every agency's search and is
    never shown; ``agency_id`` records whose case it was. Raises InvalidInput for an empty text or an
    unknown violation code."""
    codes = list(dict.fromkeys(c.strip() for c in violation_codes if c and c.strip()))
    clean = deidentify((text or "").strip())
    if not clean or not codes or not case_ref:
        raise InvalidInput("案件事实、违法行为编码和案件标识都不能为空")
    known = set(Violation.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInput(f"未知的违法行为编码：{'、'.join(unknown)}")
    with transaction.atomic():
        CaseFactText.objects.filter(case_ref=case_ref).delete()
        rows = CaseFactText.objects.bulk_create(
            CaseFactText(agency_id=agency_id, case_ref=case_ref, violation_code=c, text=clean) for c in codes
        )
        store.mark_changed()
        record_event(
            "discretion.case_facts",
            agency_id=agency_id,
            data={"case_ref": case_ref, "violation_codes": codes, "chars": len(clean)},
        )
    return rows
