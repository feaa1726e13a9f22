"""Reach a decided case through the real services and count service (``serve`` is another branch's action:
until it is merged, tests set ``served_on`` through the ORM and call the hook it will call)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.choices import CaseStatus as S
from cases.models import Case, CaseDecision
from cases.services.payment import on_decision_served
from cases.services.payment_ledger import Ledger, decisions_with_ledger_rows, ledger


def decided(
    cw: Any, violations: list[dict[str, Any]] | None = None, amount: int = 20000, case: Case | None = None
) -> Case:
    p = cw.personas
    c = cw.reach(S.FILED, case=case)
    c = cw.move(
        c,
        "conclude_investigation",
        facts="经查，该公司未如实记录安全生产教育和培训情况。",
        proposal="penalty",
        violations=violations
        or [{"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": amount}]}],
    )
    c = cw.move(c, "notify")
    c = cw.move(c, "waive_rights")
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意"
        )
    return cw.move(c, "decide", p.head)


def serve(decision: CaseDecision, on: dt.date, actor: Any) -> None:
    decision.served_on = on
    decision.save(update_fields=["served_on"])
    on_decision_served(decision, actor=actor)


def ledger_of(decision: CaseDecision, on: dt.date | None = None) -> Ledger:
    return ledger(decisions_with_ledger_rows(decision.case).get(pk=decision.pk), on=on)
