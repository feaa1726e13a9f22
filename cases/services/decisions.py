"""The decision step's records: one CaseDecision per party the decision concerns, each with its numbered
decision document when documents are rendered (spec §4.3; 一案双罚 gives the unit and each responsible
person their own decision)."""

from __future__ import annotations

from typing import Any

from ..choices import Proposal
from ..models import Case, CaseDecision, DecisionKind, DecisionParty
from . import documents


def _link(decision: CaseDecision, doc: Any) -> None:
    if doc is not None:
        decision.document, decision.number = doc, doc.number
        decision.save(update_fields=["document", "number"])


def record_decisions(case: Case, actor: Any) -> list[CaseDecision]:
    """Called inside the ``decide`` transition's transaction, after the decided fines are stored."""
    assert case.decided_on is not None
    if case.proposal != Proposal.PENALTY:
        decision = CaseDecision.objects.create(
            case=case,
            kind=DecisionKind.NO_PENALTY,
            party_role=DecisionParty.PARTY,
            party_name=case.party_name,
            decided_on=case.decided_on,
        )
        _link(decision, documents.issue_no_penalty(case, actor))
        return [decision]
    out = []
    # after 撤销并责令重新作出 (cases.services.remedies) a party whose decision still stands gets no second one
    standing = {(d.party_role, d.party_name) for d in case.decisions.filter(ended_on__isnull=True)}
    for party in documents.decision_parties(case):
        role = DecisionParty.PERSON if party["person"] else DecisionParty.PARTY
        if (role, party["person"] or case.party_name) in standing:
            continue
        decision = CaseDecision.objects.create(
            case=case,
            kind=DecisionKind.PENALTY,
            party_role=role,
            party_name=party["person"] or case.party_name,
            amount=party["total"],
            measures=party["measures"],
            decided_on=case.decided_on,
        )
        _link(decision, documents.issue_decision(case, actor, party))
        out.append(decision)
    return out
