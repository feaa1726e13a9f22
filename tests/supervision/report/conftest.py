"""Fixtures of the supervision tests: a frozen clock after the report deadline and a world of raw rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.models import CaseDecision
from tests.supervision.report import report_world as w
from tests.training.helpers import give_certificate

D = dt.date


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=w.TZ), tick=False):
        yield


@pytest.fixture
def world(personas, frozen, work_calendar):
    p, a = personas, personas.agencies
    give_certificate(p.officer1, actor=p.cityadmin, issued_on=D(2025, 3, 1))
    c1 = w.case(a.district_a, p.officer1, "甲公司")
    w.event(c1, "approve_filing", D(2025, 3, 1))
    d1 = w.decision(c1, D(2025, 4, 1), amount=20000, measures=["责令停产停业整顿一个月"])
    CaseDecision.objects.create(
        case=c1, kind="penalty", party_role="person", party_name="张三", amount=5000, decided_on=D(2025, 4, 1)
    )
    w.event(c1, "apply_court_enforcement", D(2025, 11, 1))
    w.seizure(c1, "seal", D(2025, 3, 10), p.head)
    w.seizure(c1, "seize", D(2025, 12, 20), p.head, recorded=D(2026, 2, 2))  # approval entered late
    w.event(c1, "close", D(2025, 12, 1))
    c2 = w.case(a.district_a, p.officer1, "乙公司")
    w.event(c2, "approve_filing", D(2024, 12, 20))
    d2 = w.decision(c2, D(2025, 2, 1), measures=["警告"], ended_on=D(2025, 8, 1))
    w.remedy(d2, "reconsideration", D(2025, 3, 1), p.officer1, outcome="revoked", outcome_on=D(2025, 8, 1))
    c3 = w.case(a.street_a, p.officer1, "丙公司")
    w.event(c3, "approve_filing", D(2025, 5, 1))
    d3 = w.decision(c3, D(2025, 12, 30), amount=10000, measures=["没收违法所得", "其他"])
    w.remedy(d3, "litigation", D(2025, 12, 31), p.officer1, outcome="upheld", outcome_on=D(2026, 1, 20))
    w.remedy(d1, "litigation", D(2025, 6, 1), p.officer1, outcome="varied", outcome_on=D(2026, 2, 10))
    c4 = w.case(a.district_b, p.officer_other, "丁公司")
    w.event(c4, "approve_filing", D(2025, 7, 1))
    w.decision(c4, D(2025, 9, 1), kind="no_penalty")
    c5 = w.case(a.district_a, p.officer1, "戊公司")
    w.event(c5, "approve_filing", D(2025, 12, 1))
    # decided on 31 December but entered only on 5 February: not yet known on 31 January
    w.decision(c5, D(2025, 12, 31), amount=3000, recorded=D(2026, 2, 5))
    c6 = w.case(a.district_b, p.officer_other, "己公司")
    w.event(c6, "approve_filing", D(2025, 1, 10))
    w.event(c6, "transfer", D(2025, 2, 10), to="public_security")
    w.event(c6, "close", D(2026, 1, 5))
    c7 = w.case(a.district_a, p.officer1, "庚公司")
    w.event(c7, "approve_filing", D(2024, 6, 1))
    w.decision(c7, D(2024, 12, 30), amount=90000)
    return personas
