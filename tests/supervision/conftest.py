"""Fixtures of the supervision tests: the cases world (certified officers, benchmark, an enterprise of
district A) on a frozen day, decided cases built through the real case services, and reviewers."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from cases.choices import CaseStatus as S
from cases.models import Case
from enforcement.core import roles
from tests.cases.builders import CaseWorld
from tests.cases.conftest import make_case_world
from tests.factories import UserFactory

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _no_pdfs(settings):
    settings.CASES_RENDER_DOCUMENTS = False


@pytest.fixture
def frozen():
    with time_machine.travel(
        dt.datetime(2026, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ) as traveller:
        yield traveller


def decide(cw: CaseWorld, *, legal_review: bool = False, amount: int = 20000) -> Case:
    """draft → … → 已决定 through the case services (告知, 放弃陈述申辩, optionally 法制审核, 决定)."""
    p = cw.personas
    c = cw.reach(S.WAIVED, amount=amount)
    if legal_review or c.review_required:
        c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
        c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意"
        )
    return cw.move(c, "decide", p.head)


@dataclass
class SupWorld:
    cw: CaseWorld
    reviewer_b: Any  # a supervisor of district B: may review district A's files
    reviewer_b2: Any  # a second one, for re-checks

    @property
    def p(self) -> Any:
        return self.cw.personas


@pytest.fixture
def sw(personas, frozen, work_calendar) -> SupWorld:
    cw = make_case_world(personas)
    b = personas.agencies.district_b
    return SupWorld(
        cw=cw,
        reviewer_b=UserFactory(username="reviewer_b", real_name="钱评查", agency=b, roles=[roles.SUPERVISOR]),
        reviewer_b2=UserFactory(
            username="reviewer_b2", real_name="冯复核", agency=b, roles=[roles.SUPERVISOR]
        ),
    )
