"""The discretion chain of a case (分别裁量、合并处罚), read from the stored calculator snapshots: per
violation the benchmark version, tier, circumstances, statutory and tier ranges, recommendation,
explanation, each fine proposed (and notified, decided) with the written reason when it lies outside the
recommendation; then the sums per party punished (the unit, each responsible person — 一案双罚).
Shared by the case page, the 案件处理呈批表 and the decision's lines."""

from __future__ import annotations

from typing import Any

from discretion.models import Circumstance

from ...choices import FineSubject
from ...models import Case, CaseViolation
from ...rules.money import yuan_both, yuan_figures

PERSON_SUBJECTS = (FineSubject.RESPONSIBLE, FineSubject.MAIN)


def current_fines(v: CaseViolation) -> list[dict[str, Any]]:
    """The latest amounts: decided, else notified, else proposed."""
    return list(v.decided_fines or v.notified_fines or v.fines)


def _range(lo: Any, hi: Any) -> str:
    if lo is None and hi is None:
        return "—"
    low = yuan_figures(int(lo)) if lo is not None else "—"
    high = yuan_figures(int(hi)) if hi is not None else "不设上限"
    return f"{low}至{high}"


def party_of(f: dict[str, Any], case: Case) -> str:
    if f["subject"] in PERSON_SUBJECTS and f.get("person"):
        return str(f["person"])
    return case.party_name


def discretion_chain(case: Case, violations: list[CaseViolation] | None = None) -> dict[str, Any]:
    """``{"violations": [...], "parties": [{"name", "total", "total_text"}], "total", "total_text"}``."""
    rows = list(case.violations.all()) if violations is None else violations
    codes = {c for v in rows for c in v.circumstances}
    names = dict(Circumstance.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    out: list[dict[str, Any]] = []
    sums: dict[str, int] = {}
    for v in rows:
        snap = v.snapshot or {}
        tier = snap.get("tier") or {}
        proposed = {(f["subject"], f.get("person", "")): f for f in v.fines}
        fines = []
        for f in current_fines(v):
            base = proposed.get((f["subject"], f.get("person", "")), f)
            amount = int(f["amount"])
            party = party_of(f, case)
            sums[party] = sums.get(party, 0) + amount
            fines.append(
                {
                    "subject": FineSubject(f["subject"]).label
                    if f["subject"] in FineSubject.values
                    else f["subject"],
                    "person": f.get("person", ""),
                    "party": party,
                    "proposed": int(base["amount"]),
                    "amount": amount,
                    "amount_text": yuan_both(amount),
                    "recommended": base.get("recommended"),
                    "recommended_text": yuan_figures(int(base["recommended"]))
                    if base.get("recommended") is not None
                    else "—",
                    "tier_range": _range(base.get("min"), base.get("max")),
                    "statutory_range": _range(base.get("statutory_min"), base.get("statutory_max")),
                    "outside": bool(base.get("outside")),
                }
            )
        basis = snap.get("violation", {}).get("penalty_basis", {})
        out.append(
            {
                "position": v.position,
                "name": v.violation_name,
                "code": v.violation_code,
                "law": basis.get("law", ""),
                "basis": snap.get("basis") or [],
                "benchmark": snap.get("benchmark_version_name") or snap.get("benchmark_version", ""),
                "benchmark_code": snap.get("benchmark_version", ""),
                "version_reason": snap.get("version_reason") or "",
                "tier": tier.get("name", ""),
                "circumstances": [names.get(c, c) for c in v.circumstances],
                "first_violation": (v.facts or {}).get("first_violation"),
                "explanation": snap.get("explanation") or [],
                "fines": fines,
                "measures": list(v.other_measures),
                "outside": v.outside_recommendation,
                "reason": v.outside_reason,
            }
        )
    total = sum(sums.values())
    parties = [{"name": k, "total": t, "total_text": yuan_both(t)} for k, t in sums.items()]
    return {"violations": out, "parties": parties, "total": total, "total_text": yuan_both(total)}
