"""Summary procedure (简易程序, 当场处罚; 行政处罚法 Art 51–52, 68–71; spec §1.13) on the case workflow.

A case created with ``procedure = summary`` skips 立案: from ``draft`` the handlers' ``decide_on_spot``
(≥ 2 officers who pass ``may_enforce`` on the day, Art 42 and spec §1.6 G-TWO-OFFICERS) issues the
numbered 当场处罚决定书 and the case is ``decided``. Two deadlines follow through the core deadline
service: the 备案 with the agency (Art 52; the period per agency in ``CaseSettings``) closed by
``record_filing_back``, and, where cash was collected on the spot (Art 68), the hand-in within 2 working
days (Art 71) closed by ``record_cash_handover``. A summary case offers only these actions; an ordinary
case never offers them (``procedure_refusal``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.models import DayType, Document
from enforcement.core.registry import DeadlineKind, DocumentKind
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.deadlines import close_deadlines
from training.models import Certificate

from ..choices import CaseAction as A
from ..choices import Procedure, Proposal
from ..choices import SummaryPenalty as P
from ..models import Case, SummaryDecision
from ..rules import summary as rules
from ..rules.money import yuan_both
from . import deadlines as dl
from .common import handlers_of, heads_of, settings_for
from .documents import issue_for_case

DOC_SUMMARY = "summary_decision"
FILING_BACK = "CASE_SUMMARY_FILING"
CASH_HANDOVER = "CASE_CASH_HANDOVER"

SUMMARY_ACTIONS = frozenset({A.DECIDE_ON_SPOT, A.RECORD_FILING_BACK, A.RECORD_CASH_HANDOVER})
# what follows a decision whichever procedure made it
SHARED_ACTIONS = frozenset({A.CLOSE, A.ARCHIVE})

DOCUMENT_KINDS = (
    DocumentKind(
        DOC_SUMMARY, "当场行政处罚决定书", template="documents/cases/summary_decision.html", abbr="当罚"
    ),
)
DEADLINE_KINDS = (
    DeadlineKind(
        FILING_BACK, "当场处罚备案", "《中华人民共和国行政处罚法》第五十二条（期限为本机关规定）", (1, 0)
    ),
    DeadlineKind(
        CASH_HANDOVER, "当场收缴罚款交至本机关", "《中华人民共和国行政处罚法》第七十一条、第八十五条", (1, 0)
    ),
)


def procedure_refusal(case: Case, action: str) -> str | None:
    """Summary cases take only the summary actions; ordinary cases never take them."""
    summary = case.procedure == Procedure.SUMMARY
    if action in SHARED_ACTIONS:
        return None
    if summary and action not in SUMMARY_ACTIONS:
        return "本案适用简易程序（当场处罚），不办理普通程序事项"
    if not summary and action in SUMMARY_ACTIONS:
        return "本案适用普通程序，不能当场作出处罚决定（行政处罚法第五十一条）"
    return None


def summary_of(case: Case) -> SummaryDecision | None:
    return SummaryDecision.objects.filter(case=case).first()


# --- guards ---------------------------------------------------------------------------------------------


def _g_summary_input(case: Case, ctx: Context) -> str | None:
    """Art 51 (penalty within the summary ceilings, facts and basis given), Art 52 (refusal to sign noted),
    Art 68 (cash only ≤ 100 yuan or hard to collect later), Art 70 (the receipt number)."""
    p = ctx.params
    for key, label in (
        ("facts", "违法事实"),
        ("provision", "违反的规定"),
        ("basis", "处罚依据"),
        ("place", "处罚地点"),
    ):
        if not str(p.get(key) or "").strip():
            return f"请填写{label}（当场处罚须违法事实确凿并有法定依据，行政处罚法第五十一条、第五十二条）"
    amount = p.get("amount") or 0
    refusal = rules.penalty_refusal(case.party_type, str(p.get("penalty") or ""), amount)
    if refusal:
        return refusal
    if p.get("party_signed") is False and not str(p.get("refusal_note") or "").strip():
        return "当事人拒绝签收的，应当在决定书上注明（行政处罚法第五十二条）"
    if p.get("cash"):
        refusal = rules.cash_refusal(
            amount if p.get("penalty") == P.FINE else 0, str(p.get("cash_reason") or "")
        )
        if refusal:
            return refusal
        if not str(p.get("receipt_number") or "").strip():
            return "当场收缴罚款须出具专用票据，请填写收据编号（行政处罚法第七十条）"
    return None


def _g_not_filed_back(case: Case, ctx: Context) -> str | None:
    s = summary_of(case)
    if s is None:
        return "本案尚未作出当场处罚决定"
    return "本案已备案" if s.filed_back_on else None


def _g_cash_pending(case: Case, ctx: Context) -> str | None:
    s = summary_of(case)
    if s is None or not s.cash_collected:
        return "本案未当场收缴罚款"
    return "当场收缴的罚款已交至本机关" if s.cash_handed_in_on else None


def _g_after_decision(case: Case, ctx: Context) -> str | None:
    if case.decided_on and ctx.on_date < case.decided_on:
        return f"日期不能早于当场处罚决定日（{case.decided_on.isoformat()}）"
    if ctx.on_date > timezone.localdate():
        return "日期不能晚于今天"
    return None


GUARDS = {
    g.name: g
    for g in (
        Guard("summary_input", _g_summary_input, needs_input=True),
        Guard("summary_not_filed_back", _g_not_filed_back),
        Guard("summary_cash_pending", _g_cash_pending),
        Guard("summary_date", _g_after_decision, needs_input=True),
    )
}


# --- effects --------------------------------------------------------------------------------------------


def certificate_numbers(users: list[Any], on: dt.date) -> dict[int, str]:
    """Each officer's certificate number valid on ``on`` (shown on the 当场处罚决定书, Art 52)."""
    rows = Certificate.objects.valid_on(on).filter(holder__in=users).order_by("holder_id", "-issued_on")
    out: dict[int, str] = {}
    for row in rows.values("holder_id", "number"):
        out.setdefault(row["holder_id"], row["number"] or "")
    return out


def issue_summary_document(case: Case, s: SummaryDecision, actor: Any) -> Document | None:
    officers = handlers_of(case)
    numbers = certificate_numbers(officers, case.decided_on or timezone.localdate())
    cs = settings_for(case.deciding_agency_id)
    body = case.deciding_agency.reconsideration_body or "本级人民政府"
    assert case.decided_on is not None
    return issue_for_case(
        DOC_SUMMARY,
        case,
        actor,
        title="当场行政处罚决定书（个人）" if case.party_type == rules.INDIVIDUAL else None,
        s=s,
        amount_text=yuan_both(s.amount) if s.amount else "",
        officers=[{"name": u.display_name, "certificate": numbers.get(u.pk, "")} for u in officers],
        payment=cs,
        remedy=rules.remedy_text(case.decided_on, body),
        reconsideration_first=rules.reconsideration_first(case.decided_on),
    )


def _open_filing_back(case: Case, s: SummaryDecision, ctx: Context) -> None:
    days = settings_for(case.deciding_agency_id).summary_filing_days
    d = dl.open_counted(
        case,
        FILING_BACK,
        f"当场处罚备案：{case.title}"[:200],
        start=ctx.on_date,
        days=days,
        day_type=DayType.CALENDAR,
        basis=f"{ctx.on_date.isoformat()}当场处罚起{days}日内报本机关备案（行政处罚法第五十二条；期限为本机关规定）",
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=ctx.actor,
    )
    s.filing_due = d.due_date


def _e_decide_on_spot(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    fine = p["penalty"] == P.FINE
    at = p.get("decided_at") or timezone.now()
    s = SummaryDecision.objects.create(
        case=case,
        penalty=p["penalty"],
        amount=int(p.get("amount") or 0) if fine else 0,
        facts=p["facts"].strip(),
        provision=p["provision"].strip()[:300],
        basis=p["basis"].strip()[:300],
        place=p["place"].strip()[:200],
        decided_at=at,
        party_signed=p.get("party_signed") is not False,
        refusal_note=str(p.get("refusal_note") or "").strip()[:200],
        cash_collected=bool(p.get("cash")) and fine,
        cash_reason=str(p.get("cash_reason") or "").strip()[:300],
        receipt_number=str(p.get("receipt_number") or "").strip()[:60],
    )
    case.facts, case.proposal, case.decided_on = s.facts, Proposal.PENALTY, ctx.on_date
    _open_filing_back(case, s, ctx)
    if s.cash_collected:
        dl.open_working(
            case,
            CASH_HANDOVER,
            f"当场收缴罚款交至本机关：{case.title}"[:200],
            start=ctx.on_date,
            days=rules.CASH_HANDOVER_WORKING_DAYS,
            basis=f"{ctx.on_date.isoformat()}当场收缴罚款起2个工作日内交至本机关（行政处罚法第七十一条、第八十五条）",
            responsible=handlers_of(case),
            actor=ctx.actor,
        )
    doc = issue_summary_document(case, s, ctx.actor)
    fields = ["facts", "proposal", "decided_on"]
    if doc is not None:
        s.document = doc
        case.number = doc.number
        fields.append("number")
    s.save(update_fields=["document", "filing_due"])
    data: dict[str, Any] = {
        "procedure": Procedure.SUMMARY,
        "penalty": s.penalty,
        "amount": s.amount,
        "cash": s.cash_collected,
        "filing_due": s.filing_due.isoformat() if s.filing_due else None,
    }
    if doc is not None:
        data["number"] = doc.number
    return t.target if isinstance(t.target, str) else t.target(case, ctx), fields, data


def _e_filing_back(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    s = summary_of(case)
    assert s is not None
    s.filed_back_on, s.filed_back_note = ctx.on_date, str(ctx.params.get("note") or "").strip()[:300]
    s.save(update_fields=["filed_back_on", "filed_back_note"])
    close_deadlines(subject=case, kind=FILING_BACK, actor=ctx.actor)
    late = bool(s.filing_due and ctx.on_date > s.filing_due)
    return case.status, [], {"filed_back_on": ctx.on_date.isoformat(), "late": late}


def _e_cash_handover(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    s = summary_of(case)
    assert s is not None
    s.cash_handed_in_on = ctx.on_date
    s.save(update_fields=["cash_handed_in_on"])
    close_deadlines(subject=case, kind=CASH_HANDOVER, actor=ctx.actor)
    return case.status, [], {"amount": s.amount, "handed_in_on": ctx.on_date.isoformat()}


EFFECTS: dict[str, Any] = {
    A.DECIDE_ON_SPOT: _e_decide_on_spot,
    A.RECORD_FILING_BACK: _e_filing_back,
    A.RECORD_CASH_HANDOVER: _e_cash_handover,
}
