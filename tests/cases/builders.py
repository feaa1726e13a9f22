"""Reach case states through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cases.choices import CaseStatus as S
from cases.models import Case
from cases.services.create import create_case
from cases.services.workflow import transition_case

VIOLATION = "AQ-099-I1"


@dataclass
class CaseWorld:
    personas: Any
    item: Any
    enterprise: Any

    def draft(self, **overrides: Any) -> Case:
        p = self.personas
        kwargs: dict[str, Any] = {
            "actor": p.officer1,
            "party": {"kind": "enterprise", "enterprise": self.enterprise.pk},
            "source": "complaint",
            "source_ref": {"text": "12350举报"},
            "cause": "未如实记录安全生产教育和培训情况",
            "violation_date": dt.date(2026, 5, 1),
            "handlers": [p.officer1, p.officer2],
            "item": self.item,
        }
        kwargs.update(overrides)
        return create_case(**kwargs)

    def move(self, case: Case, action: str, actor: Any = None, **params: Any) -> Case:
        return transition_case(case, action, actor=actor or self.personas.officer1, params=params)

    def conclusion(self, amount: int = 20000, **extra: Any) -> dict[str, Any]:
        return {
            "facts": "经查，该公司未如实记录安全生产教育和培训情况。",
            "proposal": "penalty",
            "violations": [
                {
                    "violation": VIOLATION,
                    "circumstances": [],
                    "facts": {},
                    "fines": [{"subject": "unit", "amount": amount}],
                    **extra,
                }
            ],
        }

    def reach(self, state: str, *, amount: int = 20000, case: Case | None = None) -> Case:
        """draft → … → ``state`` along the default order (告知 before 法制审核)."""
        p = self.personas
        c = case or self.draft()
        steps: list[tuple[str, Any, dict[str, Any]]] = [
            ("submit_filing", p.officer1, {}),
            ("approve_filing", p.head, {"opinion": "同意立案"}),
            ("conclude_investigation", p.officer1, self.conclusion(amount)),
            ("notify", p.officer1, {}),
        ]
        stop = {
            S.SUBMITTED: 1,
            S.FILED: 2,
            S.INVESTIGATION_CLOSED: 3,
            S.NOTIFIED: 4,
        }
        for action, actor, params in steps[: stop.get(state, len(steps))]:
            c = transition_case(c, action, actor=actor, params=params)
        if state in stop or state == S.DRAFT:
            return c
        if state == S.WAIVED:
            return self.move(c, "waive_rights")
        raise AssertionError(state)
