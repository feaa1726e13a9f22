"""Loading the seed benchmark (spec §6.5, §6.6, §7) — idempotent; used by seed_demo and tests."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from enforcement.core.models import EnforcementItem
from enforcement.core.services.audit import record_event

from .. import seed_data
from ..models import (
    BenchmarkVersion,
    Circumstance,
    FirstOffenceEntry,
    FirstOffenceList,
    ReviewCriterion,
    Violation,
)
from .maintenance import search_text_for, write_violations


def _ensure_version(spec: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[BenchmarkVersion, int, int]:
    """Create the version and its missing violations; link violations without an enforcement item to
    the core catalogue item of seed_data.links when that item exists (core seeds before discretion in
    seed_demo; a later run links what an earlier run could not). Returns (version, created, linked)."""
    version, _ = BenchmarkVersion.objects.get_or_create(code=spec["code"], defaults=spec)
    wanted = {row["code"]: row.get("enforcement_item_code", "") for row in rows}
    items = {i.code: i for i in EnforcementItem.objects.filter(code__in={c for c in wanted.values() if c})}
    existing = {v.code: v for v in version.violations.select_related("enforcement_item")}
    missing = [
        (row, order, items.get(wanted[row["code"]]))
        for order, row in enumerate(rows, start=1)
        if row["code"] not in existing
    ]
    write_violations(version, missing)
    unlinked = []
    for code, v in existing.items():
        item = items.get(wanted.get(code, ""))
        if v.enforcement_item_id is None and item is not None:
            v.enforcement_item = item
            v.search_text = search_text_for(v)
            unlinked.append(v)
    Violation.objects.bulk_update(unlinked, ["enforcement_item", "search_text"])
    return version, len(missing), len(unlinked)


def load_seed_benchmark(*, actor: Any = None) -> dict[str, int]:
    """Create (or complete) the seed benchmark: the national version with every spec §6.5 violation,
    the Shanxi reference version, statutory and benchmark circumstances, the Jiangsu 首违不罚 lists and
    the legal-review criteria. Safe to run twice (adds only what is missing and links still unlinked
    seed violations to existing core enforcement items; changes nothing else); records one audit
    event when it created or linked anything."""
    counts = {
        "violations": 0,
        "enforcement_item_links": 0,
        "circumstances": 0,
        "first_offence_entries": 0,
        "review_criteria": 0,
    }
    with transaction.atomic():
        national, n, linked = _ensure_version(seed_data.NATIONAL_VERSION, seed_data.violations())
        counts["violations"] += n
        counts["enforcement_item_links"] += linked
        _, n, linked = _ensure_version(seed_data.SHANXI_VERSION, seed_data.shanxi_violations())
        counts["violations"] += n
        counts["enforcement_item_links"] += linked

        have = set(Circumstance.objects.filter(version__isnull=True).values_list("code", flat=True))
        new = [
            Circumstance(
                version=None,
                code=code,
                name=name,
                kind=kind,
                statutory=True,
                mandatory=mandatory,
                article=article,
                verification="✅",
                order=order,
            )
            for order, (code, name, kind, mandatory, article) in enumerate(seed_data.STATUTORY_CIRCUMSTANCES)
            if code not in have
        ]
        have = set(national.circumstances.values_list("code", flat=True))
        new += [
            Circumstance(
                version=national,
                code=code,
                name=name,
                kind=kind,
                statutory=False,
                mandatory=True,
                article=article,
                verification="◐",
                order=order,
            )
            for order, (code, name, kind, article) in enumerate(seed_data.BENCHMARK_CIRCUMSTANCES)
            if code not in have
        ]
        Circumstance.objects.bulk_create(new)
        counts["circumstances"] = len(new)

        entries = []
        for spec in seed_data.FIRST_OFFENCE_LISTS:
            fields = {k: val for k, val in spec.items() if k not in ("code", "items")}
            fields["conditions"] = seed_data.FIRST_OFFENCE_CONDITIONS
            fields["conditions_text"] = seed_data.FIRST_OFFENCE_TEXT
            offence_list, _ = FirstOffenceList.objects.get_or_create(code=spec["code"], defaults=fields)
            numbers = set(offence_list.entries.values_list("number", flat=True))
            items: list[tuple[str, list[str], list[dict[str, Any]], str]] = spec["items"]  # type: ignore[assignment]  # heterogeneous seed dict
            entries += [
                FirstOffenceEntry(
                    offence_list=offence_list,
                    number=number,
                    description=description,
                    violation_codes=codes,
                    scope_conditions=scope,
                    scope_text=scope_text,
                    verification="◐" if codes else "❓",
                )
                for number, (description, codes, scope, scope_text) in enumerate(items, start=1)
                if number not in numbers
            ]
        FirstOffenceEntry.objects.bulk_create(entries)
        counts["first_offence_entries"] = len(entries)

        have = set(ReviewCriterion.objects.values_list("code", flat=True))
        criteria = [
            ReviewCriterion(
                **spec,
                jurisdiction="national",
                effective_from=seed_data.REVIEW_CRITERIA_EFFECTIVE,
                verification="◐",
            )
            for spec in seed_data.REVIEW_CRITERIA
            if spec["code"] not in have
        ]
        ReviewCriterion.objects.bulk_create(criteria)
        counts["review_criteria"] = len(criteria)
        if any(counts.values()):
            record_event("discretion.seed", actor=actor, obj=national, data=counts)
    return counts


def seed_demo(*, scale: int = 0, stdout: Any = None) -> None:
    """Demo seeder (order 20): the seed benchmark. ``--scale`` adds no discretion rows: the catalogue
    does not grow with case volume (benchmarks/bench_discretion.py builds its own 5,000-row version)."""
    counts = load_seed_benchmark()
    if stdout is not None:
        total = Violation.objects.filter(version__code=seed_data.NATIONAL_VERSION["code"]).count()
        linked = Violation.objects.filter(
            version__code=seed_data.NATIONAL_VERSION["code"], enforcement_item__isnull=False
        ).count()
        stdout.write(
            f"  裁量基准：{total} 项违法行为（本次新增 {counts['violations']}），其中 {linked} 项关联执法事项"
        )
