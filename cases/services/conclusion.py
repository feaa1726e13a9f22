"""调查终结: each violation through the discretion calculator, its snapshot stored with the amounts
proposed; an amount outside the recommendation needs a written reason and forces 法制审核; whether the
party is a first offender is derived from its case and inspection history (never typed)."""

from __future__ import annotations

from typing import Any

from discretion.models import Violation
from discretion.rules.types import RecommendationRequest
from discretion.services.catalog import recommend
from enforcement.core.exceptions import InvalidInput
from enforcement.core.rules.workflow import Context

from ..choices import CaseStatus, FineSubject, PartyKind, Proposal
from ..models import Case, CaseViolation
from ..rules import procedure
from .common import thresholds_for

DECIDED_STATES = (CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.ARCHIVED)


def same_party(case: Case) -> Any:
    """Other cases against the same party (enterprise, ID number or credit code)."""
    qs = Case.objects.exclude(pk=case.pk)
    if case.party_kind == PartyKind.ENTERPRISE:
        return qs.filter(enterprise_id=case.enterprise_id or 0)
    if case.party_kind == PartyKind.PERSON:
        return qs.filter(party_id_number=case.party_id_number)
    return qs.filter(party_credit_code=case.party_credit_code)


def is_first_violation(case: Case, code: str) -> bool:
    """首次违法: no earlier decided case of this party for the same violation, and (for an enterprise) no
    earlier hazard recorded with that violation code other than the one this case came from."""
    earlier = CaseViolation.objects.filter(
        case__in=same_party(case).filter(status__in=DECIDED_STATES), violation_code=code
    ).exists()
    if earlier:
        return False
    if case.party_kind == PartyKind.ENTERPRISE:
        from inspections.models import Hazard

        hazards = Hazard.objects.filter(enterprise_id=case.enterprise_id or 0, violation_code=code)
        if case.hazard_id:
            hazards = hazards.exclude(pk=case.hazard_id)
        if hazards.exists():
            return False
    return True


def _item_code(code: str) -> str:
    row = (
        Violation.objects.filter(code=code, enforcement_item__isnull=False)
        .order_by("-id")
        .values_list("enforcement_item__code", flat=True)
        .first()
    )
    return row or ""


def _fines_for(
    rec: dict[str, Any], given: list[dict[str, Any]], label: str
) -> tuple[list[dict[str, Any]], bool]:
    ranges = {f["subject"]: f for f in rec["fines"]}
    out, outside = [], False
    for f in given:
        subject = f.get("subject")
        if subject not in FineSubject.values:
            raise InvalidInput(f"{label}：罚款对象无效", fields={"violations": [f"{label}：罚款对象无效"]})
        amount = f.get("amount")
        if not isinstance(amount, int) or amount < 0:
            raise InvalidInput(
                f"{label}：罚款数额须为非负整数（元）", fields={"violations": ["罚款数额无效"]}
            )
        r = ranges.get(subject)
        if r is None:
            raise InvalidInput(
                f"{label}：该违法行为对{FineSubject(subject).label}没有罚款规定",
                fields={"violations": ["罚款对象无效"]},
            )
        smax = r.get("statutory_max")
        if smax is not None and amount > smax:
            raise InvalidInput(
                f"{label}：罚款{amount}元超过法定最高额{smax}元", fields={"violations": ["超过法定最高额"]}
            )
        is_out = not (r["min"] <= amount <= r["max"])
        outside = outside or is_out
        out.append(
            {
                "subject": subject,
                "person": (f.get("person") or "").strip(),
                "amount": amount,
                "recommended": r["recommended"],
                "min": r["min"],
                "max": r["max"],
                "statutory_min": r.get("statutory_min"),
                "statutory_max": smax,
                "outside": is_out,
            }
        )
    return out, outside


def conclude(case: Case, ctx: Context) -> dict[str, Any]:
    """Replace the case's violations by the proposal's, with the calculator snapshots; set the review
    and discussion requirements. Raises InvalidInput (nothing written: the caller's transaction rolls back)."""
    p = ctx.params
    case.violations.all().delete()
    total, calc_collective, reduced, outside_any = 0, False, False, False
    measures: list[str] = []
    calc_reasons: list[str] = []
    for pos, item in enumerate(p.get("violations") or [], start=1):
        code = (item.get("violation") or "").strip()
        label = f"第{pos}项违法行为"
        facts = dict(item.get("facts") or {})
        facts["first_violation"] = is_first_violation(case, code)
        request = RecommendationRequest(
            violation=code,
            party_type=case.party_type,
            violation_date=case.violation_date,
            decision_date=ctx.on_date,
            stage=item.get("stage") or "first",
            tier=item.get("tier") or None,
            circumstances=tuple(item.get("circumstances") or ()),
            facts=facts,
        )
        rec = recommend(request).as_dict()
        fines, outside = _fines_for(rec, list(item.get("fines") or []), label)
        reason = (item.get("reason") or "").strip()
        if outside and not reason:
            message = f"{label}：罚款数额超出裁量基准推荐范围，须写明理由"
            raise InvalidInput(message, fields={"violations": [message]})
        other = [str(m) for m in item.get("other_measures") or []]
        CaseViolation.objects.create(
            case=case,
            position=pos,
            violation_code=code,
            violation_name=rec["violation"]["name"],
            enforcement_item_code=_item_code(code),
            circumstances=list(item.get("circumstances") or []),
            facts=facts,
            stage=request.stage,
            snapshot=rec,
            fines=fines,
            other_measures=other,
            outside_reason=reason,
            outside_recommendation=outside,
        )
        total += sum(f["amount"] for f in fines)
        measures += other
        if rec["requires_legal_review"]:
            calc_reasons += rec.get("review_reasons") or ["裁量计算结果要求法制审核"]
        calc_collective = calc_collective or rec["requires_collective_discussion"]
        reduced = reduced or rec["reduced"]
        outside_any = outside_any or outside
    thresholds = thresholds_for(case.deciding_agency_id)
    case.proposal = p["proposal"]
    case.facts = p["facts"].strip()
    case.concluded_on = ctx.on_date
    case.review_reasons = procedure.review_reasons(
        party_type=case.party_type,
        total_fine=total,
        measures=measures,
        thresholds=thresholds,
        calculator_reasons=calc_reasons,
        outside_recommendation=outside_any,
        reduced=reduced,
        hearing_held=case.hearing_held_on is not None,
        proposal=case.proposal,
    )
    case.review_required = bool(case.review_reasons)
    case.collective_reasons = (
        procedure.collective_reasons(
            party_type=case.party_type,
            total_fine=total,
            measures=measures,
            thresholds=thresholds,
            calculator_requires=calc_collective,
            reduced=reduced,
        )
        if case.proposal == Proposal.PENALTY
        else []
    )
    case.collective_required = bool(case.collective_reasons)
    return {"proposal": case.proposal, "total": total, "review_required": case.review_required}


CONCLUSION_FIELDS = [
    "proposal",
    "facts",
    "concluded_on",
    "review_reasons",
    "review_required",
    "collective_reasons",
    "collective_required",
]
