"""The bulk cases' life after the decision (``seed_demo --scale``, cases part 2): decisions, service dates,
payments, running payment deadlines and publications, written with the bulk seeder's own COPY helpers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from enforcement.core.models import Agency

from .models import CaseDecision, CasePayment, DecisionKind, Publication
from .services.payment import PAY_FINE


def add_decisions(
    world: Any,
    decided: list[tuple[int, Agency, str, int, dt.date, random.Random, list[int]]],
    deadlines: list[dict[str, Any]],
    responsible: list[list[int]],
    *,
    put: Callable[..., None],
    ids: Callable[..., list[int]],
    deadline: Callable[..., dict[str, Any]],
) -> None:
    """After the decision (cases part 2), so the list's stage filters do real work at volume: one decision per
    decided penalty case; 85 % served three days later; of those, 60 % paid in full and the rest owing with
    the running 15-day payment deadline (past due when the decision is old: 逾期未缴); 70 % published."""
    pks = ids(CaseDecision, len(decided))
    rows, payments, publications = [], [], []
    for pk, (case_id, agency, party, total, decided_on, rng, team) in zip(pks, decided, strict=True):
        served = decided_on + dt.timedelta(days=3) if rng.random() < 0.85 else None
        if served and served > world.today:
            served = world.today
        rows.append(
            {
                "id": pk,
                "case_id": case_id,
                "kind": DecisionKind.PENALTY,
                "party_role": "party",
                "party_name": party,
                "amount": total,
                "measures": [],
                "decided_on": decided_on,
                "number": f"（{agency.short_name}）应急罚〔{decided_on.year}〕{pk}号",
                "served_on": served,
                "ended_reason": "",
            }
        )
        if served and rng.random() < 0.6:
            payments.append(
                {
                    "decision_id": pk,
                    "paid_on": served + dt.timedelta(days=rng.randint(1, 14)),
                    "amount": total,
                    "surcharge": 0,
                    "note": "",
                    "recorded_by_id": team[0],
                    "recorded_at": timezone.now(),
                }
            )
        elif served:
            due = served + dt.timedelta(days=15)
            row = deadline(world, pk, agency, PAY_FINE, "缴纳罚款", served, due, 15)
            row.update(
                content_type_id=world.decision_ct,
                basis="《中华人民共和国行政处罚法》第六十七条第三款",
                day_type="calendar",
                _decision=pk,
            )
            deadlines.append(row)
            responsible.append(team)
        if rng.random() < 0.7:
            publications.append(
                {
                    "decision_id": pk,
                    "agency_id": agency.pk,
                    "year": decided_on.year,
                    "title": f"{party}行政处罚决定",
                    "party": party,
                    "number": rows[-1]["number"],
                    "facts": "存在安全生产违法行为。",
                    "basis": "",
                    "penalty": f"罚款人民币{total}元",
                    "amount": total,
                    "agency_name": agency.name,
                    "decided_on": decided_on,
                    "published_on": decided_on + dt.timedelta(days=rng.randint(1, 9)),
                    "published_by_id": team[0],
                    "ends_on": decided_on + dt.timedelta(days=5 * 365),
                    "withdrawal_kind": "",
                    "withdrawal_reason": "",
                    "created_at": timezone.now(),
                }
            )
    put(CaseDecision, rows)
    put(CasePayment, payments)
    put(Publication, publications)
