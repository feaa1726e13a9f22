"""Rows of the case detail that belong to the later parts of a case: the summary decision, transfers and the
publications of each decision (kept apart from the serializers module to keep it readable)."""

from __future__ import annotations

from typing import Any

from ..models import Case, CaseDecision, CaseTransfer, SummaryDecision


def summary_row(case: Case) -> dict[str, Any] | None:
    s = SummaryDecision.objects.filter(case=case).first()
    if s is None:
        return None
    return {
        "penalty": s.penalty,
        "penalty_label": s.get_penalty_display(),
        "amount": s.amount,
        "facts": s.facts,
        "provision": s.provision,
        "basis": s.basis,
        "place": s.place,
        "decided_at": s.decided_at,
        "party_signed": s.party_signed,
        "refusal_note": s.refusal_note,
        "document": s.document_id,
        "cash_collected": s.cash_collected,
        "cash_reason": s.cash_reason,
        "receipt_number": s.receipt_number,
        "cash_handed_in_on": s.cash_handed_in_on,
        "filing_due": s.filing_due,
        "filed_back_on": s.filed_back_on,
    }


def transfer_row(t: CaseTransfer) -> dict[str, Any]:
    return {
        "id": t.pk,
        "to": t.to,
        "to_label": t.get_to_display(),
        "receiving_body": t.receiving_body,
        "reason": t.reason,
        "transferred_on": t.transferred_on,
        "reporting_officers": t.reporting_officers,
        "document": t.document_id,
        "evidence_count": t.evidence_count,
        "received_on": t.received_on,
        "receipt_by": t.receipt_by,
        "outcome": t.outcome,
        "outcome_label": t.get_outcome_display(),
        "outcome_on": t.outcome_on,
        "outcome_reason": t.outcome_reason,
        "handed_over_on": t.handed_over_on,
        "follow_up": t.follow_up,
        "resumed_on": t.resumed_on,
    }


def publications_out(d: CaseDecision) -> list[dict[str, Any]]:
    return [
        {
            "id": p.pk,
            "published_on": p.published_on.isoformat(),
            "ends_on": p.ends_on.isoformat(),
            "withdrawn_on": p.withdrawn_on.isoformat() if p.withdrawn_on else None,
            "withdrawal_kind": p.withdrawal_kind or None,
            "withdrawal_reason": p.withdrawal_reason,
        }
        for p in d.publications.all()
    ]
