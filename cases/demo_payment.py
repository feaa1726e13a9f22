"""seed_demo's payment part (spec §1.14): three decided cases of 浦口区 after the decision, built by the real
services with dates in the past — one partly paid, one overdue with its live 加处罚款, one where the 催告书 was
served and the court application made. Called by ``cases.demo.seed_cases``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.models import Enterprise

from .models import Case, CaseDecision
from .services.create import create_case
from .services.workflow import transition_case

VIOLATION = "AQ-099-I1"


def _decided(firm: Enterprise, o1: Any, o2: Any, head: Any, decided_on: dt.date) -> Case:
    """A penalty decided on ``decided_on``, every step dated in the past (paper entered afterwards)."""
    start = decided_on - dt.timedelta(days=12)

    def move(case: Case, action: str, actor: Any, **params: Any) -> Case:
        return transition_case(case, action, actor=actor, params={"date": start, **params})

    c = create_case(
        actor=o1,
        party={"kind": "enterprise", "enterprise": firm.pk},
        source="inspection",
        source_ref={"text": "日常监督检查"},
        cause="未如实记录安全生产教育和培训情况",
        violation_date=start - dt.timedelta(days=30),
        discovered_on=start,
        handlers=[o1, o2],
    )
    c = move(c, "submit_filing", o1)
    c = move(c, "approve_filing", head, opinion="同意立案")
    c = move(
        c,
        "conclude_investigation",
        o1,
        facts=f"经查，{c.party_name}未如实记录安全生产教育和培训情况。",
        proposal="penalty",
        violations=[{"violation": VIOLATION, "fines": [{"subject": "unit", "amount": 20000}]}],
    )
    c = move(c, "notify", o1)
    c = move(c, "waive_rights", o1)
    return transition_case(c, "decide", actor=head, params={"date": decided_on})


def _served(case: Case, on: dt.date, actor: Any) -> CaseDecision:
    """直接送达 on ``on`` through the ``serve`` action (which opens the payment period and the court window)."""
    decision = case.decisions.get()
    transition_case(
        case,
        "serve",
        actor=actor,
        params={"decision": decision.pk, "method": "direct", "date": on, "recipient": "法定代表人"},
    )
    decision.refresh_from_db()
    return decision


def seed_payments(firms: list[Enterprise], o1: Any, o2: Any, head: Any) -> list[Case]:
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    made = []
    partly = _decided(firms[0], o1, o2, head, today - 10 * day)
    d = _served(partly, today - 10 * day, o1)
    made.append(
        transition_case(
            partly,
            "record_payment",
            actor=o1,
            params={"decision": d.pk, "amount": 8000, "date": today - 5 * day, "note": "非税收入缴款书 0031"},
        )
    )
    overdue = _decided(firms[1], o1, o2, head, today - 40 * day)
    _served(overdue, today - 40 * day, o1)
    made.append(overdue)
    court = _decided(firms[2], o1, o2, head, today - 200 * day)
    d = _served(court, today - 200 * day, o1)
    court = transition_case(
        court, "serve_demand", actor=o1, params={"decision": d.pk, "date": today - 20 * day}
    )
    made.append(
        transition_case(
            court, "apply_court_enforcement", actor=o1, params={"decision": d.pk, "court": "南京铁路运输法院"}
        )
    )
    return made
