"""Benchmark maintenance (admins): new version as a copy, publish, compare, admin saves, search text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event

from ..choices import VersionStatus
from ..models import (
    BenchmarkVersion,
    Circumstance,
    OtherMeasure,
    StatutoryRange,
    Tier,
    TierRange,
    Violation,
    is_benchmark_admin,
)
from ..rules.numerals import build_search_text


def require_admin(actor: Any) -> None:
    if not is_benchmark_admin(actor):
        raise NotAllowed("只有系统管理员可以维护裁量基准")


def search_text_for(v: Violation) -> str:
    item = v.enforcement_item
    return build_search_text(
        code=v.code,
        name=v.name,
        law=v.law,
        article=v.article,
        paragraph=v.paragraph,
        item=v.item,
        keywords=v.keywords,
        violated_provision=v.violated_provision,
        enforcement_item=f"{item.code} {item.name}" if item is not None else "",
    )


def _dec(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def tier_dict(t: Tier) -> dict[str, Any]:
    """Canonical content of a tier with its ranges (compare, export, API detail); expects prefetching."""
    return {
        "code": t.code,
        "name": t.name,
        "conditions": t.conditions,
        "conditions_text": t.conditions_text,
        "source": t.source,
        "verification": t.verification,
        "note": t.note,
        "ranges": [
            {
                "subject": tr.subject,
                "stage": tr.stage,
                "min": tr.min_amount,
                "max": tr.max_amount,
                "lower_inclusive": tr.lower_inclusive,
                "upper_inclusive": tr.upper_inclusive,
            }
            for tr in t.ranges.all()
        ],
    }


def violation_dict(v: Violation) -> dict[str, Any]:
    """Canonical content of a violation (compare, export); expects ``with_details()`` prefetching."""
    return {
        "code": v.code,
        "act_code": v.act_code,
        "name": v.name,
        "law": v.law,
        "law_full_name": v.law_full_name,
        "article": v.article,
        "paragraph": v.paragraph,
        "item": v.item,
        "violated_provision": v.violated_provision,
        "penalty_text": v.penalty_text,
        "enforcement_item_code": v.enforcement_item.code if v.enforcement_item else "",
        "keywords": v.keywords,
        "law_effective_from": v.law_effective_from,
        "law_effective_to": v.law_effective_to,
        "verification": v.verification,
        "basis_note": v.basis_note,
        "ranges": [
            {
                "subject": r.subject,
                "stage": r.stage,
                "min": r.min_amount,
                "max": r.max_amount,
                "income_share_min": _dec(r.income_share_min),
                "income_share_max": _dec(r.income_share_max),
                "gains_multiple_min": _dec(r.gains_multiple_min),
                "gains_multiple_max": _dec(r.gains_multiple_max),
                "conditions": r.conditions,
                "basis": r.basis,
            }
            for r in v.statutory_ranges.all()
        ],
        "tiers": [tier_dict(t) for t in v.tiers.all()],
        "measures": [
            {"stage": m.stage, "kind": m.kind, "text": m.text, "conditions": m.conditions}
            for m in v.measures.all()
        ],
    }


def _dec_in(x: Any) -> Decimal | None:
    return None if x is None or x == "" else Decimal(str(x))


def _pair_in(r: dict[str, Any], key: str) -> tuple[Decimal | None, Decimal | None]:
    lo, hi = r[key] if r.get(key) is not None else (r.get(f"{key}_min"), r.get(f"{key}_max"))
    return _dec_in(lo), _dec_in(hi)


def write_violations(
    version: BenchmarkVersion, rows: list[tuple[dict[str, Any], int, Any]]
) -> list[Violation]:
    """Bulk-insert violations ``(data, order, enforcement_item)`` with their ranges, tiers and measures
    (a fixed number of queries; callers hold the transaction)."""
    violations = []
    for data, order, enforcement_item in rows:
        v = Violation(
            version=version,
            code=data["code"],
            act_code=data.get("act_code") or data["code"],
            name=data["name"],
            law=data["law"],
            law_full_name=data["law_full_name"],
            article=data["article"],
            paragraph=data.get("paragraph"),
            item=data.get("item"),
            violated_provision=data.get("violated_provision", ""),
            penalty_text=data.get("penalty_text", ""),
            enforcement_item=enforcement_item,
            keywords=data.get("keywords", ""),
            law_effective_from=data.get("law_effective_from"),
            law_effective_to=data.get("law_effective_to"),
            verification=data.get("verification") or "❓",
            basis_note=data.get("basis_note", ""),
            order=order,
        )
        v.search_text = search_text_for(v)
        violations.append(v)
    Violation.objects.bulk_create(violations)
    ranges, measures, tiers, tier_ranges = [], [], [], []
    for v, (data, _, _) in zip(violations, rows, strict=True):
        for i, r in enumerate(data.get("ranges", [])):
            share_lo, share_hi = _pair_in(r, "income_share")
            gains_lo, gains_hi = _pair_in(r, "gains_multiple")
            ranges.append(
                StatutoryRange(
                    violation=v,
                    subject=r["subject"],
                    stage=r["stage"],
                    min_amount=r.get("min"),
                    max_amount=r.get("max"),
                    income_share_min=share_lo,
                    income_share_max=share_hi,
                    gains_multiple_min=gains_lo,
                    gains_multiple_max=gains_hi,
                    conditions=r.get("conditions") or [],
                    basis=r.get("basis", ""),
                    order=i,
                )
            )
        for i, m in enumerate(data.get("measures", [])):
            measures.append(
                OtherMeasure(
                    violation=v,
                    stage=m["stage"],
                    kind=m["kind"],
                    text=m["text"],
                    conditions=m.get("conditions") or [],
                    order=i,
                )
            )
        for i, t in enumerate(data.get("tiers", [])):
            tier = Tier(
                violation=v,
                code=t["code"],
                name=t["name"],
                conditions=t.get("conditions") or [],
                conditions_text=t.get("conditions_text", ""),
                source=t.get("source", ""),
                verification=t.get("verification") or "◐",
                note=t.get("note", ""),
                order=i,
            )
            tiers.append(tier)
            tier_ranges += [
                TierRange(
                    tier=tier,
                    subject=tr["subject"],
                    stage=tr["stage"],
                    min_amount=tr.get("min"),
                    max_amount=tr.get("max"),
                    lower_inclusive=tr.get("lower_inclusive", True),
                    upper_inclusive=tr.get("upper_inclusive", True),
                )
                for tr in t.get("ranges", [])
            ]
    StatutoryRange.objects.bulk_create(ranges)
    OtherMeasure.objects.bulk_create(measures)
    Tier.objects.bulk_create(tiers)
    for tr in tier_ranges:
        tr.tier_id = tr.tier.pk  # set after the tiers got their ids
    TierRange.objects.bulk_create(tier_ranges)
    return violations


def write_violation(
    version: BenchmarkVersion, data: dict[str, Any], *, order: int, enforcement_item: Any = None
) -> Violation:
    return write_violations(version, [(data, order, enforcement_item)])[0]


def create_version_copy(
    source: BenchmarkVersion,
    *,
    code: str,
    name: str,
    effective_from: dt.date,
    effective_to: dt.date | None = None,
    document_number: str = "",
    issuing_authority: str = "",
    actor: Any,
) -> BenchmarkVersion:
    """Start a new draft version as a full copy of ``source`` (violations, ranges, tiers, measures and
    the version's own circumstances). Raises NotAllowed for non-admins, InvalidInput on bad dates or a
    taken code. Records one audit event."""
    require_admin(actor)
    if effective_to is not None and effective_to < effective_from:
        raise InvalidInput("失效日期不得早于施行日期", fields={"effective_to": ["失效日期不得早于施行日期"]})
    if not code.strip():
        raise InvalidInput("版本编码不能为空", fields={"code": ["版本编码不能为空"]})
    with transaction.atomic():
        if BenchmarkVersion.objects.filter(code=code).exists():
            raise InvalidInput(f"版本编码 {code} 已存在", fields={"code": ["版本编码已存在"]})
        new = BenchmarkVersion.objects.create(
            code=code,
            name=name or source.name,
            issuing_authority=issuing_authority or source.issuing_authority,
            document_number=document_number,
            jurisdiction=source.jurisdiction,
            region=source.region,
            effective_from=effective_from,
            effective_to=effective_to,
            status=VersionStatus.DRAFT,
            copied_from=source,
            verification=source.verification,
            note=f"复制自 {source}",
        )
        write_violations(
            new,
            [
                (violation_dict(v), v.order, v.enforcement_item)
                for v in source.violations.with_details().order_by("order", "id")
            ],
        )
        Circumstance.objects.bulk_create(
            Circumstance(
                version=new,
                code=c.code,
                name=c.name,
                kind=c.kind,
                statutory=c.statutory,
                mandatory=c.mandatory,
                article=c.article,
                verification=c.verification,
                order=c.order,
            )
            for c in source.circumstances.all()
        )
        record_event(
            "discretion.version_copy",
            actor=actor,
            obj=new,
            data={"source": source.code, "violations": new.violations.count()},
        )
    return new


def publish_version(version: BenchmarkVersion, *, actor: Any) -> BenchmarkVersion:
    """Publish a draft: it becomes usable by the calculator from its effective date, and the open-ended
    published version of the same jurisdiction and region ends the day before. Raises NotAllowed,
    InvalidTransition (not a draft)."""
    require_admin(actor)
    with transaction.atomic():
        locked = BenchmarkVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise InvalidTransition("只有草稿版本可以发布")
        predecessors = BenchmarkVersion.objects.select_for_update().filter(
            status=VersionStatus.PUBLISHED,
            jurisdiction=locked.jurisdiction,
            region=locked.region,
            effective_from__lt=locked.effective_from,
            effective_to__isnull=True,
        )
        closed = []
        for prev in predecessors:
            prev.effective_to = locked.effective_from - dt.timedelta(days=1)
            prev.save(update_fields=["effective_to", "updated_at"])
            closed.append(prev.code)
        locked.status = VersionStatus.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
        record_event("discretion.version_publish", actor=actor, obj=locked, data={"closed": closed})
    return locked


@dataclass
class ViolationChange:
    code: str
    name: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    ranges_added: list[dict[str, Any]] = field(default_factory=list)
    ranges_removed: list[dict[str, Any]] = field(default_factory=list)
    tiers_changed: list[str] = field(default_factory=list)
    measures_changed: bool = False


@dataclass
class VersionDiff:
    """Item-by-item comparison of two versions (by violation code)."""

    a: BenchmarkVersion
    b: BenchmarkVersion
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[ViolationChange] = field(default_factory=list)
    unchanged: int = 0


FIELD_LABELS = {
    "name": "违法行为",
    "act_code": "行为编码",
    "law": "法律法规",
    "article": "条",
    "paragraph": "款",
    "item": "项",
    "violated_provision": "违法条款",
    "penalty_text": "处罚依据摘要",
    "enforcement_item_code": "执法事项",
    "keywords": "关键词",
    "law_effective_from": "罚则施行日期",
    "law_effective_to": "罚则失效日期",
    "verification": "核实标记",
    "basis_note": "核实说明",
}


def _key(d: dict[str, Any]) -> str:
    import json

    return json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)


def compare_versions(a: BenchmarkVersion, b: BenchmarkVersion) -> VersionDiff:
    """What changed from ``a`` to ``b``: violations added/removed, fields and ranges changed. Reads only."""
    da = {v.code: violation_dict(v) for v in a.violations.with_details()}
    db = {v.code: violation_dict(v) for v in b.violations.with_details()}
    diff = VersionDiff(a, b)
    diff.added = [(c, db[c]["name"]) for c in db if c not in da]
    diff.removed = [(c, da[c]["name"]) for c in da if c not in db]
    for code in (c for c in db if c in da):
        old, new = da[code], db[code]
        change = ViolationChange(code, new["name"])
        change.fields = [(FIELD_LABELS[f], old[f], new[f]) for f in FIELD_LABELS if old[f] != new[f]]
        old_r = {_key(r): r for r in old["ranges"]}
        new_r = {_key(r): r for r in new["ranges"]}
        change.ranges_added = [r for k, r in new_r.items() if k not in old_r]
        change.ranges_removed = [r for k, r in old_r.items() if k not in new_r]
        old_t = {t["code"]: _key(t) for t in old["tiers"]}
        new_t = {t["code"]: _key(t) for t in new["tiers"]}
        change.tiers_changed = sorted(c for c in set(old_t) | set(new_t) if old_t.get(c) != new_t.get(c))
        change.measures_changed = _key(old["measures"]) != _key(new["measures"])
        if (
            change.fields
            or change.ranges_added
            or change.ranges_removed
            or change.tiers_changed
            or change.measures_changed
        ):
            diff.changed.append(change)
        else:
            diff.unchanged += 1
    return diff


def _version_of(obj: Model) -> BenchmarkVersion | None:
    if isinstance(obj, BenchmarkVersion):
        return None
    if isinstance(obj, Violation):
        return obj.version
    if isinstance(obj, StatutoryRange | Tier | OtherMeasure):
        return obj.violation.version
    if isinstance(obj, TierRange):
        return obj.tier.violation.version
    if isinstance(obj, Circumstance):
        return obj.version
    return None


def _lock_draft(obj: Model, message: str) -> None:
    """Lock the version a catalogue row belongs to and refuse unless it is a draft, so a concurrent
    publish cannot slip an edit into a published version (call inside the transaction)."""
    version = _version_of(obj)
    if version is None:
        return
    locked = BenchmarkVersion.objects.select_for_update().filter(pk=version.pk).first()
    if locked is None or locked.status != VersionStatus.DRAFT:
        raise InvalidTransition(message)


def save_catalog_object(obj: Model, *, actor: Any, changed: list[str] | None = None) -> Model:
    """Save one benchmark row edited in the admin. Published versions' contents are frozen (edit a
    draft copy instead); the version row's own status is changed only by publish_version."""
    require_admin(actor)
    with transaction.atomic():
        _lock_draft(obj, "已发布或参考版本的内容不能修改，请先复制为新版本草稿")
        created = obj.pk is None
        if isinstance(obj, Violation):
            if not obj.act_code:
                obj.act_code = obj.code
            obj.search_text = search_text_for(obj)
        obj.save()
        record_event(
            "discretion.change",
            actor=actor,
            obj=obj,
            data={"model": obj._meta.model_name, "created": created, "fields": sorted(changed or [])},
        )
    return obj


def delete_catalog_object(obj: Model, *, actor: Any) -> None:
    require_admin(actor)
    with transaction.atomic():
        if isinstance(obj, BenchmarkVersion):
            locked = BenchmarkVersion.objects.select_for_update().filter(pk=obj.pk).first()
            if locked is None or locked.status != VersionStatus.DRAFT:
                raise InvalidTransition("只能删除草稿版本")
        else:
            _lock_draft(obj, "已发布或参考版本的内容不能删除")
        record_event("discretion.delete", actor=actor, obj=obj, data={"model": obj._meta.model_name})
        obj.delete()
